export {
  collectYouTubeViaApi,
  YOUTUBE_API_BASE,
  YouTubeDataApi,
  type YouTubeDataApiConfig,
} from './api/youtube-data-api.ts';
export {
  BrowserPool,
  type BrowserPoolOptions,
  type BrowserPoolStats,
  CHROMIUM_ARGS,
  PageLease,
} from './browser-pool.ts';
export {
  type CrawlAccountInput,
  type CrawlAccountRef,
  type CrawlAccountResult,
  type CrawlStatus,
  crawlAccount,
} from './crawl-account.ts';
export { COLLECTOR_ERROR, type CollectorErrorCode, collectorError } from './errors.ts';
export { type ArtefactIntegrity, type ArtefactKind, ArtefactStore } from './evidence/artefact-store.ts';
export { type PlatformOrigins, REAL_ORIGINS, toFetchUrl, toRealUrl } from './origin-mapping.ts';
export { platformDefinitions } from './platforms/index.ts';
export type { AccountState, Pagination, PlatformDefinition, RawItem } from './platforms/types.ts';
export { type ResolveChromiumOptions, resolveChromiumPath, SYSTEM_CHROMIUM_PATHS } from './resolve-chromium.ts';
export { parseDayLabel, parseRelativeTime } from './time.ts';
