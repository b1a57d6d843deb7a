import {
  type CollectedPost,
  clipJsonDepth,
  collectedPostSchema,
  type EvidenceArtefactRef,
  type NetraError,
  type Platform,
} from '@netra/core';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import type { ApiCollectInput, ApiCollectResult, ApiCrawlStatus, CollectedInteraction } from './api-types.ts';
import { ShapeError } from './api-types.ts';
import { HttpClient, type HttpExchange } from './http-client.ts';
import { apiUrlGuard, guardedDispatcher, storePostImages } from './image-download.ts';

export interface CollectorIdentity {
  name: string;
  version: string;
}

/** The evidence of one API page: the raw response and a manifest naming it with its hash. */
export interface PageEvidence {
  refs: EvidenceArtefactRef[];
  manifestSha256: string | null;
}

/**
 * Per-crawl state shared by the API collectors: the HTTP client, the evidence of each page, post validation
 * and the candidate lookup. A collector file only knows its platform's requests and response shapes.
 */
export class ApiCrawlContext {
  readonly input: ApiCollectInput;
  readonly http: HttpClient;
  readonly collector: CollectorIdentity;
  readonly posts: CollectedPost[] = [];
  readonly interactions: CollectedInteraction[] = [];
  readonly errors: NetraError[] = [];
  readonly maxPosts: number;
  readonly maxPages: number;
  readonly who: string;
  pages = 0;
  /** The latest response, named in a shape error. */
  lastExchange: HttpExchange | undefined;
  readonly #evidence = new Map<HttpExchange, Promise<PageEvidence>>();

  constructor(input: ApiCollectInput, collector: CollectorIdentity) {
    this.input = input;
    this.collector = collector;
    // Every request and redirect is checked: public https hosts, or only PLATFORM_ORIGINS' origin when it is set.
    // The same host is resolved again by the socket, and connected to only if public (DNS rebinding).
    const localOrigin = input.platformOrigins?.[input.account.platform];
    this.http = new HttpClient({
      urlProblem: apiUrlGuard(localOrigin, input.resolve),
      dispatcher: guardedDispatcher(localOrigin, input.resolve),
      ...input.http,
    });
    this.maxPosts = input.maxPosts ?? 200;
    this.maxPages = input.maxPages ?? 25;
    this.who = `${input.account.platform}:${input.account.handle}`;
  }

  get platform(): Platform {
    return this.input.account.platform;
  }

  /** The origin to call instead of `real` when PLATFORM_ORIGINS names one for this platform. */
  origin(real: string): string {
    const override = this.input.platformOrigins?.[this.platform];
    return (override ?? real).replace(/\/+$/, '');
  }

  get overridden(): boolean {
    return Boolean(this.input.platformOrigins?.[this.platform]);
  }

  async get(url: string, accept?: string, request: { maxBodyBytes?: number } = {}): Promise<HttpExchange> {
    const exchange = await this.http.get(url, accept, request);
    this.pages++;
    this.lastExchange = exchange;
    return exchange;
  }

  /** Stores the page's raw response and its manifest once, however many items come from that page. */
  evidenceOf(exchange: HttpExchange, kind: 'json' | 'html'): Promise<PageEvidence> {
    let found = this.#evidence.get(exchange);
    if (!found) {
      found = this.#storeEvidence(exchange, kind);
      this.#evidence.set(exchange, found);
    }
    return found;
  }

  async #storeEvidence(exchange: HttpExchange, kind: 'json' | 'html'): Promise<PageEvidence> {
    const store = this.input.store;
    if (!store) return { refs: [], manifestSha256: null };
    const mediaType = exchange.headers['content-type'] ?? (kind === 'json' ? 'application/json' : 'text/html');
    const body = await store.put(kind, exchange.body, mediaType, exchange.fetchedAt);
    const manifest = {
      collector: this.collector.name,
      collectorVersion: this.collector.version,
      requestUrl: exchange.requestUrl,
      finalUrl: exchange.finalUrl,
      status: exchange.status,
      headers: exchange.headers,
      capturedAt: exchange.fetchedAt.toISOString(),
      artefacts: [{ role: 'response', kind, sha256: body.sha256, bytes: body.bytes, mediaType, path: body.path }],
    };
    const manifestRef = await store.put(
      'json',
      JSON.stringify(manifest, null, 2),
      'application/vnd.netra.evidence-manifest+json',
      exchange.fetchedAt,
    );
    return { refs: [body, manifestRef], manifestSha256: manifestRef.sha256 };
  }

  candidateOf(handle: string | null | undefined): string | null {
    if (!handle || !this.input.candidateAccounts) return null;
    return this.input.candidateAccounts[`${this.platform}:${handle.replace(/^@/, '').toLowerCase()}`] ?? null;
  }

  get full(): boolean {
    return this.posts.length >= this.maxPosts;
  }

  /** Validates and keeps a post; a post that does not validate is reported with its field and skipped. */
  async addPost(
    fields: Omit<CollectedPost, 'platform' | 'accountId' | 'evidence' | 'crawlRunId' | 'fetchedAt' | 'raw'> & {
      raw: Record<string, unknown>;
    },
    exchange: HttpExchange,
    kind: 'json' | 'html',
    imageUrls: readonly string[] = [],
  ): Promise<CollectedPost | null> {
    const evidence = await this.evidenceOf(exchange, kind);
    const images = await this.imagesOf(imageUrls, fields.externalId, fields.url, exchange.fetchedAt);
    const parsed = collectedPostSchema.safeParse({
      ...fields,
      // Platforms allow longer alt texts and card descriptions than one stored description (Bluesky counts
      // graphemes, instances raise Mastodon's limit): cut them instead of losing the whole post.
      text: clip(fields.text, MAX_TEXT),
      mediaDescriptions: fields.mediaDescriptions?.map((d) => clip(d, MAX_DESCRIPTION)),
      postedAt: isoTime(fields.postedAt),
      ...(fields.context
        ? {
            context: {
              ...fields.context,
              ...(fields.context.parentText !== undefined
                ? { parentText: clip(fields.context.parentText, MAX_TEXT) }
                : {}),
              ...(fields.context.parentAuthor !== undefined
                ? { parentAuthor: clip(fields.context.parentAuthor, 200) }
                : {}),
            },
          }
        : {}),
      platform: this.platform,
      accountId: this.input.account.id,
      fetchedAt: exchange.fetchedAt.toISOString(),
      evidence: [...evidence.refs, ...images],
      raw: {
        // Fields copied from the answer may nest without bound; the post is kept with the deep part cut off.
        ...clipJsonDepth(fields.raw),
        collector: this.collector.name,
        collectorVersion: this.collector.version,
        requestUrl: exchange.requestUrl,
        finalUrl: exchange.finalUrl,
        httpStatus: exchange.status,
        evidenceManifest: evidence.manifestSha256,
      },
      crawlRunId: this.input.crawlRunId ?? null,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.errors.push(
        collectorError(
          COLLECTOR_ERROR.pageMalformed,
          `${this.who}: ${fields.externalId || '(tanpa id)'}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          { field: issue?.path.join('.'), externalId: fields.externalId, account: this.who },
        ),
      );
      return null;
    }
    this.posts.push(parsed.data);
    return parsed.data;
  }

  /**
   * The post's images as `image` evidence plus a manifest naming their sources, for the OCR worker — when the
   * crawl asked for images and has a store. An image not kept is reported (COLLECTOR_IMAGE_SKIPPED, naming the
   * post and the reason); the post goes on without it.
   */
  async imagesOf(
    urls: readonly string[],
    externalId: string,
    postUrl: string,
    capturedAt: Date,
  ): Promise<EvidenceArtefactRef[]> {
    const store = this.input.store;
    const options = this.input.images;
    if (!store || !options || urls.length === 0) return [];
    const result = await storePostImages(urls, {
      store,
      capturedAt,
      localOrigin: this.input.platformOrigins?.[this.platform],
      options,
      userAgent: this.http.userAgent,
      collector: this.collector,
      postUrl,
      beforeRequest: this.input.http?.beforeRequest,
    });
    for (const problem of result.problems) {
      this.errors.push(
        collectorError(
          COLLECTOR_ERROR.imageSkipped,
          `${this.who}: ${externalId}: gambar dilewati / image skipped: ${problem}`,
          {
            externalId,
            account: this.who,
          },
        ),
      );
    }
    return result.refs;
  }

  /**
   * Keeps an interaction; with the exchange it was read from, the page's raw response and manifest become its
   * evidence (the same artefacts as the posts of that page).
   */
  async addInteraction(
    interaction: Omit<CollectedInteraction, 'platform' | 'accountId' | 'actorHandle' | 'evidence'>,
    exchange?: HttpExchange,
    kind: 'json' | 'html' = 'json',
  ): Promise<void> {
    const evidence = exchange ? await this.evidenceOf(exchange, kind) : null;
    this.interactions.push({
      ...interaction,
      at: isoTime(interaction.at),
      platform: this.platform,
      accountId: this.input.account.id,
      actorHandle: this.input.account.handle,
      evidence: evidence?.refs ?? [],
      raw: {
        ...clipJsonDepth(interaction.raw),
        collector: this.collector.name,
        collectorVersion: this.collector.version,
        ...(exchange ? { requestUrl: exchange.requestUrl, httpStatus: exchange.status } : {}),
        ...(evidence ? { evidenceManifest: evidence.manifestSha256 } : {}),
      },
    });
  }

  /**
   * A part of an item in a shape the collector does not know (a new embed or media type): the item is kept
   * with what was understood, and the unknown part is reported with the distinct code — so a platform change
   * shows up without losing the page. Not retryable: a re-run would see the same shape.
   */
  unrecognisedPart(externalId: string, part: string, html = false): void {
    this.errors.push(
      collectorError(
        html ? COLLECTOR_ERROR.markupChanged : COLLECTOR_ERROR.responseUnrecognised,
        `${this.who}: ${externalId}: bagian tidak dikenali / unrecognised part: ${part}`,
        { externalId, part, account: this.who, itemLevel: true },
      ),
    );
  }

  /** A per-item problem: reported, the other items of the page kept. */
  itemProblem(field: string, message: string, details: Record<string, unknown> = {}): void {
    this.errors.push(
      collectorError(COLLECTOR_ERROR.pageMalformed, `${this.who}: ${message}`, {
        field,
        account: this.who,
        ...details,
      }),
    );
  }

  result(status: ApiCrawlStatus, extra: Partial<ApiCollectResult> = {}): ApiCollectResult {
    return {
      status,
      posts: this.posts,
      interactions: this.interactions,
      errors: this.errors,
      pages: this.pages,
      cursors: {},
      ...extra,
    };
  }

  notFound(what = 'akun tidak ditemukan / account not found'): ApiCollectResult {
    this.errors.push(collectorError(COLLECTOR_ERROR.notFound, `${this.who}: ${what}`, { account: this.who }));
    return this.result('not_found');
  }

  /** A response that lacks what the platform documents: a distinct status, so it is never "ok, 0 posts". */
  unrecognised(exchange: HttpExchange, error: ShapeError, html = false): ApiCollectResult {
    this.errors.push(
      collectorError(
        html ? COLLECTOR_ERROR.markupChanged : COLLECTOR_ERROR.responseUnrecognised,
        `${this.who}: ${html ? 'halaman berubah / markup changed' : 'respons tidak dikenali / response unrecognised'}: ${error.message} (${exchange.requestUrl})`,
        { field: error.field, url: exchange.requestUrl, status: exchange.status, account: this.who },
      ),
    );
    return this.result(html ? 'markup_changed' : 'response_unrecognised');
  }

  /** Turns what a collector throws into a result: typed errors as `blocked`, shape errors as unrecognised. */
  failed(error: unknown, html = false): ApiCollectResult {
    const exchange = this.lastExchange;
    if (error instanceof ShapeError && exchange) return this.unrecognised(exchange, error, html);
    if (error instanceof Error && 'code' in error && 'retryable' in error) {
      this.errors.push(error as NetraError);
      // An account that disappears between two requests of one crawl is gone, not blocked.
      return this.result((error as NetraError).code === COLLECTOR_ERROR.notFound ? 'not_found' : 'blocked');
    }
    this.errors.push(
      collectorError(
        COLLECTOR_ERROR.apiFailed,
        `${this.who}: ${error instanceof Error ? error.message : String(error)}`,
        { account: this.who },
        true,
      ),
    );
    return this.result('blocked');
  }
}

/** JSON body of an exchange, or a ShapeError naming what was expected. */
export function jsonBody(exchange: HttpExchange, what: string): unknown {
  try {
    return JSON.parse(exchange.body);
  } catch {
    throw new ShapeError('(body)', `${what}: bukan JSON / not JSON (HTTP ${exchange.status})`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required field of a documented shape; a ShapeError names it when it is missing or of the wrong type. */
export function need<T>(value: unknown, field: string, check: (v: unknown) => v is T, type: string): T {
  if (!check(value)) throw new ShapeError(field, `${field}: ${type} diharapkan / expected ${type}`);
  return value;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

const MAX_TEXT = 20_000;
const MAX_DESCRIPTION = 2_000;

/** Cuts a string to `max` UTF-16 units without splitting a surrogate pair, marking the cut with an ellipsis. */
export function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}

/**
 * A platform time as ISO 8601 with an offset, or null. Records carry what clients wrote: times without a zone
 * (read as UTC, as the AppView does), with `+00:00`, with microseconds; an unreadable one becomes null rather
 * than dropping the post.
 */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const strict = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed);
  const at = Date.parse(strict || /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? trimmed : `${trimmed}Z`);
  if (Number.isNaN(at)) return null;
  // Clients have written year 0001 and far futures into records: no real post time.
  const year = new Date(at).getUTCFullYear();
  if (year < 1990 || year > 2200) return null;
  // Already what the schema takes: kept as the platform wrote it (the evidence shows the same string).
  return strict ? trimmed : new Date(at).toISOString();
}

/** Latest of two ISO times (null-safe). */
export function laterIso(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
