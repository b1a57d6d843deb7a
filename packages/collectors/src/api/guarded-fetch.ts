import type { Dispatcher } from 'undici';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import { isBlockedAddressError } from './image-download.ts';

/** API keys travel in query strings (YouTube `key=`); evidence and logs must never carry them. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:key|api_key|access_token)=)[^&#]*/gi, '$1REDACTED');
}

/**
 * `COLLECTOR_URL_REFUSED` for a request, naming the redirect target when the refused URL is not the one asked
 * for — the same error whether the check before sending or the connect-time address check refused it.
 */
export function urlRefused(requested: string, target: string, problem: string) {
  const shownTarget = redactUrl(target).slice(0, 200);
  return collectorError(
    COLLECTOR_ERROR.urlRefused,
    `${redactUrl(requested)}: ${requested === target ? '' : `dialihkan ke / redirected to ${shownTarget}: `}${problem}`,
    { url: redactUrl(requested), target: shownTarget, problem },
  );
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface GuardedFetchOptions {
  fetch?: typeof fetch | undefined;
  /** `guardedDispatcher`: the connection goes only to an address checked as public (or PLATFORM_ORIGINS' host). */
  dispatcher?: Dispatcher | undefined;
  /** The reason a URL (the first and every redirect target) may not be fetched, or null. */
  urlProblem?: ((url: URL) => Promise<string | null>) | undefined;
  headers: Record<string, string>;
  method?: string;
  body?: Buffer | null;
  signal: AbortSignal;
  /** Redirects followed at most; one more is `COLLECTOR_URL_REFUSED`. */
  maxRedirects: number;
  /**
   * Hand a redirect back (`location` set) instead of following it: a browser's page navigation follows it itself,
   * so that the page's URL is the final one and the next hop is checked like any navigation.
   */
  stopAtRedirect?: boolean;
}

export interface GuardedResponse {
  response: Response;
  /** The URL the response came from (after the redirects followed). */
  finalUrl: string;
  /** With `stopAtRedirect`: the absolute target of the redirect handed back, else null. */
  location: string | null;
}

async function refuseIfProblem(o: GuardedFetchOptions, requested: string, target: string): Promise<void> {
  if (!o.urlProblem) return;
  let parsed: URL | null = null;
  try {
    parsed = new URL(target);
  } catch {
    // reported below
  }
  const problem = parsed ? await o.urlProblem(parsed) : 'bukan URL / not a URL';
  if (problem !== null) throw urlRefused(requested, target, problem);
}

/**
 * One request with its redirects, the single path every collector download takes (API client, post images, the
 * browser's requests): the URL and each redirect target pass `urlProblem` before they are sent, the socket
 * connects only through `dispatcher`, and a connect-time refusal of a private address is `COLLECTOR_URL_REFUSED`
 * like the check before sending. Network errors are thrown as they come (the caller decides on retries).
 */
export async function guardedFetch(url: string, o: GuardedFetchOptions): Promise<GuardedResponse> {
  const doFetch = o.fetch ?? fetch;
  let finalUrl = url;
  let method = o.method ?? 'GET';
  let body = o.body ?? null;
  await refuseIfProblem(o, url, url);
  try {
    for (let hop = 0; ; hop++) {
      const response = await doFetch(finalUrl, {
        method,
        headers: o.headers,
        ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
        redirect: 'manual',
        signal: o.signal,
        ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
      } as RequestInit);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return { response, finalUrl, location: null };
      if (o.stopAtRedirect) return { response, finalUrl, location: new URL(location, finalUrl).toString() };
      await response.body?.cancel().catch(() => {});
      if (hop >= o.maxRedirects) {
        throw collectorError(
          COLLECTOR_ERROR.urlRefused,
          `${redactUrl(url)}: lebih dari ${o.maxRedirects} pengalihan / more than ${o.maxRedirects} redirects`,
          { url: redactUrl(url) },
        );
      }
      finalUrl = new URL(location, finalUrl).toString();
      // As browsers do: a 303, or a 301/302 answering a POST, is followed with a GET without the body.
      if (response.status === 303 || (method === 'POST' && response.status <= 302)) {
        method = 'GET';
        body = null;
      }
      await refuseIfProblem(o, url, finalUrl);
    }
  } catch (error) {
    // The dispatcher refused the address the name resolved to at connect time: refused, not retried.
    if (isBlockedAddressError(error)) {
      throw urlRefused(
        url,
        finalUrl,
        'alamat privat/terlarang saat menyambung / private or blocked address at connect time',
      );
    }
    throw error;
  }
}

/**
 * A response body, read chunk by chunk and abandoned as soon as it passes `maxBytes` — a hostile or broken
 * answer of gigabytes is never held in memory. Throws `COLLECTOR_RESPONSE_TOO_LARGE` (not retryable: the same
 * answer would come again) with `bytes`, the size declared or read so far.
 */
export async function readBytesBounded(response: Response, maxBytes: number): Promise<Buffer> {
  const tooLarge = (bytes: number) =>
    collectorError(
      COLLECTOR_ERROR.responseTooLarge,
      `${redactUrl(response.url)}: jawaban lebih dari / answer over ${maxBytes} byte (${bytes} byte)`,
      { url: redactUrl(response.url), maxBytes, bytes },
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(declared);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(bytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, bytes);
}
