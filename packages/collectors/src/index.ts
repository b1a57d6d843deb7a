export type {
  ApiCollectInput,
  ApiCollectResult,
  ApiCrawlStatus,
  ApiCursors,
  CollectedInteraction,
  InteractionKind,
  InteractionTarget,
  StreamCursor,
} from './api/api-types.ts';
export { BLUESKY_APPVIEW, collectBluesky, facetsOf } from './api/bluesky.ts';
export {
  type CandidateAccount,
  type CandidateRepliesInput,
  type CandidateRepliesResult,
  type CandidateRepliesStatus,
  type FoundReply,
  isReverseCrawlPlatform,
  REVERSE_CRAWL_PLATFORMS,
  type ReverseCrawlNotice,
  type ReverseCrawlPlatform,
  replyItem,
} from './api/candidate-replies.ts';
export { homeStatusId } from './api/candidate-replies-mastodon.ts';
export { collectCandidateReplies } from './api/collect-candidate-replies.ts';
export { API_PLATFORMS, type ApiPlatform, collectViaApi, isApiPlatform } from './api/collect-via-api.ts';
export { htmlToText } from './api/html-text.ts';
export {
  announcedWait,
  DEFAULT_USER_AGENT,
  HttpClient,
  type HttpClientOptions,
  type HttpExchange,
  parseWait,
  redactUrl,
} from './api/http-client.ts';
export {
  DEFAULT_IMAGE_MAX_BYTES,
  fetchImage,
  IMAGE_MEDIA_TYPES,
  type ImageDownloadOptions,
  imageUrlProblem,
  isBlockedAddress,
  type PostImages,
  sniffImageType,
  storePostImages,
} from './api/image-download.ts';
export { type InteractionItems, interactionItems } from './api/interaction-posts.ts';
export { collectMastodon, mastodonStatusText, nextLink, splitAcct } from './api/mastodon.ts';
export {
  type RecheckOptions,
  type RecheckOutcome,
  type RecheckTarget,
  recheckPost,
} from './api/recheck-post.ts';
export { collectTelegram, gapsOf, parseCount, parseTelegramPage } from './api/telegram.ts';
export { YOUTUBE_COMMENTS_COLLECTOR, youtubeErrorReason } from './api/youtube-comments.ts';
export {
  collectYouTubeViaApi,
  YOUTUBE_API_BASE,
  YouTubeDataApi,
  type YouTubeDataApiConfig,
} from './api/youtube-data-api.ts';
export { channelIdFromPage, collectYouTube, parseChannelFeed } from './api/youtube-feed.ts';
export { NO_DIRECT_NETWORK_ARGS } from './browser-network.ts';
export {
  BrowserPool,
  type BrowserPoolOptions,
  type BrowserPoolStats,
  CHROMIUM_ARGS,
  PageLease,
} from './browser-pool.ts';
export { type CanaryReport, type CanaryVerdict, checkDefinition } from './canary.ts';
export {
  type CrawlAccountInput,
  type CrawlAccountRef,
  type CrawlAccountResult,
  type CrawlStatus,
  crawlAccount,
} from './crawl-account.ts';
export { COLLECTOR_ERROR, type CollectorErrorCode, collectorError } from './errors.ts';
export {
  type ArtefactIntegrity,
  type ArtefactKind,
  ArtefactStore,
  artefactRef,
  type EvidenceStore,
  integrityOf,
} from './evidence/artefact-store.ts';
export * from './evidence/evidence-config.ts';
export * from './evidence/s3-artefact-store.ts';
export {
  type EvidenceProblem,
  MANIFEST_MEDIA_TYPE,
  type PostEvidenceReport,
  type StoredArtefact,
  verifyPostEvidence,
} from './evidence/verify-evidence.ts';
export { type PlatformOrigins, REAL_ORIGINS, toFetchUrl, toRealUrl } from './origin-mapping.ts';
export { platformDefinitions } from './platforms/index.ts';
export type { AccountState, Pagination, PlatformDefinition, RawItem } from './platforms/types.ts';
export { Politeness, type PolitenessOptions } from './politeness.ts';
export { type ResolveChromiumOptions, resolveChromiumPath, SYSTEM_CHROMIUM_PATHS } from './resolve-chromium.ts';
export { parseDayLabel, parseRelativeTime } from './time.ts';
