import { type CollectedPost, collectedPostSchema, type NetraError, type Platform } from '@netra/core';
import type { EvidenceStore } from '../evidence/artefact-store.ts';
import type { PlatformOrigins } from '../origin-mapping.ts';
import { ApiCrawlContext, type CollectorIdentity, clip, isoTime } from './api-context.ts';
import type { ApiCollectResult, ApiCrawlStatus, InteractionTarget } from './api-types.ts';
import type { HttpClientOptions, HttpExchange } from './http-client.ts';

/** Platforms whose candidates' threads are public and readable without login. */
export const REVERSE_CRAWL_PLATFORMS = ['bluesky', 'mastodon', 'youtube'] as const satisfies readonly Platform[];
export type ReverseCrawlPlatform = (typeof REVERSE_CRAWL_PLATFORMS)[number];

export function isReverseCrawlPlatform(platform: string): platform is ReverseCrawlPlatform {
  return (REVERSE_CRAWL_PLATFORMS as readonly string[]).includes(platform);
}

/** A candidate's official account (from the registry) whose recent posts' replies are read. */
export interface CandidateAccount {
  platform: ReverseCrawlPlatform;
  handle: string;
  /** `<contest>#<number>`. */
  candidate: string;
}

export interface CandidateRepliesInput {
  account: CandidateAccount;
  store?: EvidenceStore;
  platformOrigins?: PlatformOrigins;
  /** The candidate account's newest posts whose replies are read (the nightly cap, default 20). */
  maxPosts?: number;
  /** Posts older than this are not read. */
  since?: Date;
  /** Pages per paged stream at most (comment pages of one video; default 10). */
  maxPages?: number;
  /** YouTube Data API key; without it YouTube comments cannot be read (status `needs_key`). */
  youtubeApiKey?: string;
  http?: HttpClientOptions;
}

/**
 * A reply found under a candidate's post. It carries everything a collected post needs except the watched
 * account it belongs to: the caller decides whether the author is watched (`authorKeys`) and makes the item.
 */
export interface FoundReply {
  platform: ReverseCrawlPlatform;
  /** The same id the forward crawl of the author gives the reply, so both paths store one item. */
  externalId: string;
  url: string;
  /** The author's handle as the watchlist stores it (`user@instance` on Mastodon). */
  authorHandle: string;
  /** Lower-case keys a watched account may be stored under: handle, and DID / channel id. */
  authorKeys: string[];
  text: string;
  postedAt: string | null;
  fetchedAt: string;
  mediaDescriptions: string[];
  /** The reply's own images; the caller downloads them for watched authors only (`storePostImages`). */
  imageUrls: string[];
  target: InteractionTarget;
  raw: Record<string, unknown>;
  evidence: CollectedPost['evidence'];
}

/** A visible, non-failing condition of one candidate account or post (comments off, no key). */
export interface ReverseCrawlNotice {
  code: string;
  message: string;
  postId?: string;
}

export type CandidateRepliesStatus = ApiCrawlStatus | 'needs_key';

export interface CandidateRepliesResult {
  status: CandidateRepliesStatus;
  /** Candidate posts whose replies were read. */
  postsRead: number;
  replies: FoundReply[];
  notices: ReverseCrawlNotice[];
  errors: NetraError[];
  pages: number;
}

/** The shared crawl context with a stand-in account: the candidate account is not on the watchlist. */
export function reverseContext(input: CandidateRepliesInput, collector: CollectorIdentity): ApiCrawlContext {
  return new ApiCrawlContext(
    {
      account: {
        id: '00000000-0000-4000-8000-000000000000',
        platform: input.account.platform,
        handle: input.account.handle,
        profileUrl: 'https://invalid.example/',
      },
      ...(input.store ? { store: input.store } : {}),
      ...(input.platformOrigins ? { platformOrigins: input.platformOrigins } : {}),
      ...(input.http ? { http: input.http } : {}),
      maxPosts: input.maxPosts ?? 20,
      maxPages: input.maxPages ?? 10,
    },
    collector,
  );
}

/** Keeps the replies and the notices of a reverse crawl next to the context's pages and errors. */
export class ReplySink {
  readonly ctx: ApiCrawlContext;
  readonly replies: FoundReply[] = [];
  readonly notices: ReverseCrawlNotice[] = [];
  readonly #seen = new Set<string>();
  postsRead = 0;

  constructor(ctx: ApiCrawlContext) {
    this.ctx = ctx;
  }

  async add(reply: Omit<FoundReply, 'evidence' | 'fetchedAt'>, exchange: HttpExchange): Promise<void> {
    if (this.#seen.has(reply.externalId)) return;
    this.#seen.add(reply.externalId);
    const evidence = await this.ctx.evidenceOf(exchange, 'json');
    this.replies.push({
      ...reply,
      fetchedAt: exchange.fetchedAt.toISOString(),
      evidence: evidence.refs,
      raw: {
        ...reply.raw,
        collector: this.ctx.collector.name,
        collectorVersion: this.ctx.collector.version,
        requestUrl: exchange.requestUrl,
        finalUrl: exchange.finalUrl,
        httpStatus: exchange.status,
        evidenceManifest: evidence.manifestSha256,
        reverseCrawl: true,
      },
    });
  }

  result(status: CandidateRepliesStatus, from?: ApiCollectResult): CandidateRepliesResult {
    return {
      status: from?.status ?? status,
      postsRead: this.postsRead,
      replies: this.replies,
      notices: this.notices,
      errors: from?.errors ?? this.ctx.errors,
      pages: this.ctx.pages,
    };
  }
}

/**
 * The review item of a reply by a watched account under a candidate's post: a `comment` of that account
 * marked with its `reply` interaction, exactly as the forward crawl of the author marks it (same external id,
 * same interaction), so whichever path finds it first stores it and the other adds nothing.
 */
export function replyItem(
  reply: FoundReply,
  account: { id: string; handle: string },
  crawlRunId: string | null = null,
): { ok: true; post: CollectedPost } | { ok: false; message: string } {
  // The same tolerance as the forward crawl: zone-less times read as UTC, over-long texts cut, not dropped.
  const postedAt = isoTime(reply.postedAt);
  const parsed = collectedPostSchema.safeParse({
    platform: reply.platform,
    externalId: reply.externalId,
    url: reply.url,
    kind: 'comment',
    accountId: account.id,
    authorHandle: account.handle,
    text: clip(reply.text, 20_000),
    postedAt,
    fetchedAt: reply.fetchedAt,
    context: {
      ...(reply.target.text ? { parentText: clip(reply.target.text, 20_000) } : {}),
      ...(reply.target.authorHandle ? { parentAuthor: reply.target.authorHandle } : {}),
      ...(reply.target.candidate ? { parentCandidate: reply.target.candidate } : {}),
    },
    mediaDescriptions: reply.mediaDescriptions.map((d) => clip(d, 2_000)),
    evidence: reply.evidence,
    raw: reply.raw,
    crawlRunId,
    interaction: {
      kind: 'reply',
      at: postedAt,
      target: { ...reply.target },
    },
  });
  if (parsed.success) return { ok: true, post: parsed.data };
  return { ok: false, message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') };
}
