import type { CollectedPost, EvidenceArtefactRef, NetraError, Platform } from '@netra/core';
import type { CrawlAccountRef } from '../crawl-account.ts';
import type { EvidenceStore } from '../evidence/artefact-store.ts';
import type { PlatformOrigins } from '../origin-mapping.ts';
import type { HttpClientOptions } from './http-client.ts';
import type { ImageDownloadOptions, Resolver } from './image-download.ts';

/** How an API crawl of one account ended. The last two mean "the platform changed", never "no posts". */
export type ApiCrawlStatus = 'ok' | 'private' | 'not_found' | 'blocked' | 'response_unrecognised' | 'markup_changed';

export type InteractionKind = 'like' | 'follow' | 'repost' | 'reply';

/** What a watched account interacted with: a post (like, repost, reply) or an account (follow). */
export interface InteractionTarget {
  /** `post` or `account`. */
  type: 'post' | 'account';
  /** Post URI/id or account id (DID, Mastodon id) on the platform. */
  externalId: string;
  /** Real URL of the post or profile, when the platform gives one. */
  url: string | null;
  /** Handle of the target post's author, or of the followed account. */
  authorHandle: string | null;
  /** The target post's text (the context an analyst reads), when known. */
  text: string | null;
  /** `<contest>#<number>` when the target is a candidate's official account. */
  candidate: string | null;
}

/** One like / follow / repost / reply by a watched account. */
export interface CollectedInteraction {
  interaction: InteractionKind;
  platform: Platform;
  accountId: string;
  actorHandle: string;
  /** Id of the interaction itself (like record, repost, reply post), stable across crawls. */
  externalId: string;
  at: string | null;
  target: InteractionTarget;
  fetchedAt: string;
  raw: Record<string, unknown>;
  /** The raw response page it was read from and that page's manifest (empty without an artefact store). */
  evidence: EvidenceArtefactRef[];
}

/** Newest position seen on one stream; the next incremental crawl stops when it reaches it. */
export interface StreamCursor {
  newestId: string | null;
  newestAt: string | null;
}

export interface ApiCursors {
  posts?: StreamCursor;
  likes?: StreamCursor;
  follows?: StreamCursor;
}

export interface ApiCollectInput {
  account: CrawlAccountRef;
  store?: EvidenceStore;
  platformOrigins?: PlatformOrigins;
  maxPosts?: number;
  /** Posts older than this are skipped and end the paging. */
  since?: Date;
  /** Stop at what the last crawl already saw (incremental crawl); absent = read everything (full re-read). */
  cursors?: ApiCursors;
  /** Also read likes and follows (extra requests). Reposts and replies are always reported. */
  interactions?: boolean;
  /** `<platform>:<handle lowercase>` → `<contest>#<number>`. */
  candidateAccounts?: Readonly<Record<string, string>>;
  crawlRunId?: string | null;
  /** YouTube Data API key: older uploads beyond the feed's latest 15. */
  youtubeApiKey?: string;
  http?: HttpClientOptions;
  /** DNS for the URL check and the connection (default the system's); tests inject a hostile one. */
  resolve?: Resolver;
  /** Pages per stream at most (default 25). */
  maxPages?: number;
  /** Download the posts' images into the evidence store for OCR (absent: not downloaded). */
  images?: ImageDownloadOptions;
  now?: () => Date;
}

export interface ApiCollectResult {
  status: ApiCrawlStatus;
  posts: CollectedPost[];
  interactions: CollectedInteraction[];
  errors: NetraError[];
  pages: number;
  /** The newest positions this crawl saw, to store for the next incremental crawl. */
  cursors: ApiCursors;
  /** Ids missing between two neighbours (Telegram): deletion candidates. */
  gaps?: { after: string; before: string }[];
}

/** Thrown by a parser when a response lacks what its documented shape promises. */
export class ShapeError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
