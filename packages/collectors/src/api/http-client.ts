import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import { guardedFetch, readBytesBounded, redactUrl } from './guarded-fetch.ts';

export { redactUrl };

/** What was asked and what came back, kept with the evidence of every item read from the response. */
export interface HttpExchange {
  requestUrl: string;
  finalUrl: string;
  status: number;
  /** Selected headers (content type, dates, paging, rate limits), lower-case names. */
  headers: Record<string, string>;
  body: string;
  fetchedAt: Date;
  /** How long the client waited for rate limits before this answer. */
  waitedMs: number;
}

export interface HttpClientOptions {
  fetch?: typeof fetch;
  userAgent?: string;
  /** Per request, the body's last byte included (default 20 s). */
  timeoutMs?: number;
  /** The largest answer read (default `MAX_API_BODY_BYTES`); a larger one fails the request while streaming. */
  maxBodyBytes?: number;
  /** Tries per request on 429, 5xx and network errors (default 4). */
  attempts?: number;
  /** First backoff when the platform names no wait (default 500 ms), doubled per try. */
  backoffBaseMs?: number;
  /** The longest single wait the client accepts (default 60 s); a longer announced wait fails the request. */
  maxWaitMs?: number;
  /** Minimum gap between two requests of this client, with up to 50% jitter (default 0). */
  minDelayMs?: number;
  /** Awaited before every request (the process-wide per-platform pacing of `Politeness`). */
  beforeRequest?: () => Promise<void>;
  /**
   * Checked before every request and every redirect it leads to: the reason a URL may not be fetched, or null.
   * The API collectors pass `apiUrlProblem` (public https hosts only, or only PLATFORM_ORIGINS when set).
   */
  urlProblem?: (url: URL) => Promise<string | null>;
  /**
   * The undici dispatcher every request (and redirect) goes through. The API collectors pass `guardedDispatcher`:
   * its sockets connect only to addresses checked as public at connect time, closing the gap between
   * `urlProblem`'s DNS answer and the one `fetch` would otherwise get (DNS rebinding).
   */
  dispatcher?: Dispatcher;
  now?: () => Date;
}

export const DEFAULT_USER_AGENT = 'NetraCollector/1.0 (+public content only; no login)';

/**
 * The largest API answer or public page a collector reads: a page of 100 Bluesky posts is about 0.5 MB, a
 * Telegram preview page 0.2 MB. A platform (or whatever a redirect leads to) that answers more is refused.
 */
export const MAX_API_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A response body as text (UTF-8, invalid bytes as U+FFFD like `Response.text()`), read with `readBytesBounded`:
 * abandoned as soon as it passes `maxBytes`. Throws `COLLECTOR_RESPONSE_TOO_LARGE` (not retryable).
 */
export async function readBodyBounded(response: Response, maxBytes: number): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBytesBounded(response, maxBytes));
}

const MAX_REDIRECTS = 5;

const KEPT_HEADERS = [
  'content-type',
  'date',
  'etag',
  'last-modified',
  'link',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'location',
];

function keptHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/**
 * A reset or retry time as milliseconds from now. Platforms disagree: `Retry-After` is seconds or an HTTP
 * date, Bluesky's `ratelimit-reset` is epoch seconds, the IETF draft's is seconds to wait, Mastodon's
 * `X-RateLimit-Reset` is an ISO 8601 time.
 */
export function parseWait(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    // Anything that large is an epoch in seconds, not a delay.
    if (n > 1_000_000_000) return Math.max(0, n * 1000 - now.getTime());
    return Math.max(0, n * 1000);
  }
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** The wait a response announces before the next request may be sent, or null when it announces none. */
export function announcedWait(headers: Headers, now: Date): number | null {
  const retryAfter = parseWait(headers.get('retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  for (const prefix of ['ratelimit-', 'x-ratelimit-']) {
    const remaining = headers.get(`${prefix}remaining`);
    if (remaining !== null && Number(remaining) <= 0) {
      const wait = parseWait(headers.get(`${prefix}reset`), now);
      if (wait !== null) return wait;
    }
  }
  return null;
}

/**
 * Plain HTTP GET for the API collectors: honours 429/503 with `Retry-After`, `ratelimit-*` and
 * `X-RateLimit-*` (waiting before the next request once the budget is spent), backs off exponentially on
 * 5xx and network errors, and gives up with a typed, retryable error instead of waiting without bound.
 * 4xx other than 429 come back to the caller, which knows what they mean (unknown account, private…).
 */
export class HttpClient {
  readonly #options: HttpClientOptions;
  #notBefore = 0;
  requests = 0;

  constructor(options: HttpClientOptions = {}) {
    this.#options = options;
  }

  get userAgent(): string {
    return this.#options.userAgent ?? DEFAULT_USER_AGENT;
  }

  async #pause(ms: number): Promise<void> {
    if (ms > 0) await sleep(ms);
  }

  /**
   * `maxBodyBytes` lowers the client's answer limit for this request (never raises it): an HTML page a collector
   * parses gets a limit near its real size (`MAX_TELEGRAM_PAGE_BYTES`), not the JSON one.
   */
  async get(url: string, accept = 'application/json', request: { maxBodyBytes?: number } = {}): Promise<HttpExchange> {
    const doFetch = this.#options.fetch ?? fetch;
    const now = this.#options.now ?? (() => new Date());
    const attempts = this.#options.attempts ?? 4;
    const baseMs = this.#options.backoffBaseMs ?? 500;
    const maxWaitMs = this.#options.maxWaitMs ?? 60_000;
    let waitedMs = 0;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const gate = this.#notBefore - Date.now();
      if (gate > 0) {
        if (gate > maxWaitMs) break;
        await this.#pause(gate);
        waitedMs += gate;
      }
      const minDelay = this.#options.minDelayMs ?? 0;
      await this.#options.beforeRequest?.();
      let response: Response;
      let finalUrl = url;
      try {
        this.requests++;
        const signal = AbortSignal.timeout(this.#options.timeoutMs ?? 20_000);
        // Redirects are followed by `guardedFetch`, each target checked like the first URL: a platform (a Mastodon
        // instance, a self-declared Bluesky PDS) could otherwise send the collector to a private address and have
        // the answer kept as evidence.
        ({ response, finalUrl } = await guardedFetch(url, {
          fetch: doFetch,
          dispatcher: this.#options.dispatcher,
          urlProblem: this.#options.urlProblem,
          headers: { accept, 'user-agent': this.userAgent },
          signal,
          maxRedirects: MAX_REDIRECTS,
        }));
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === COLLECTOR_ERROR.urlRefused) throw error;
        last =
          error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error);
        this.#notBefore = Date.now() + Math.min(baseMs * 2 ** (attempt - 1), maxWaitMs);
        continue;
      }
      const fetchedAt = now();
      const wait = announcedWait(response.headers, fetchedAt);
      const jitter = minDelay > 0 ? minDelay + Math.random() * minDelay * 0.5 : 0;
      this.#notBefore =
        Date.now() + Math.max(jitter, response.status === 429 || response.status === 503 ? 0 : (wait ?? 0));
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel().catch(() => {});
        const backoff = wait ?? Math.min(baseMs * 2 ** (attempt - 1), maxWaitMs);
        last = `HTTP ${response.status}`;
        if (backoff > maxWaitMs) {
          throw collectorError(
            COLLECTOR_ERROR.rateLimited,
            `${redactUrl(url)}: platform meminta menunggu ${Math.round(backoff / 1000)} dtk / asks to wait ${Math.round(backoff / 1000)} s (batas / limit ${Math.round(maxWaitMs / 1000)} s)`,
            { url: redactUrl(url), status: response.status, waitMs: backoff },
            true,
          );
        }
        this.#notBefore = Date.now() + backoff;
        continue;
      }
      let body: string;
      try {
        body = await readBodyBounded(
          response,
          Math.min(this.#options.maxBodyBytes ?? MAX_API_BODY_BYTES, request.maxBodyBytes ?? Number.POSITIVE_INFINITY),
        );
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === COLLECTOR_ERROR.responseTooLarge) throw error;
        // Cut off mid-body (time limit, connection reset): like a network error, tried again.
        last = error instanceof Error ? error.message : String(error);
        this.#notBefore = Date.now() + Math.min(baseMs * 2 ** (attempt - 1), maxWaitMs);
        continue;
      }
      return {
        requestUrl: redactUrl(url),
        finalUrl: redactUrl(finalUrl),
        status: response.status,
        headers: keptHeaders(response.headers),
        body,
        fetchedAt,
        waitedMs,
      };
    }
    const limited = last === 'HTTP 429';
    throw collectorError(
      limited ? COLLECTOR_ERROR.rateLimited : COLLECTOR_ERROR.apiFailed,
      `${redactUrl(url)}: gagal setelah ${attempts} percobaan / failed after ${attempts} attempts: ${last || 'wait too long'}`,
      { url: redactUrl(url), attempts, cause: last },
      true,
    );
  }
}
