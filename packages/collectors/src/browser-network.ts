import { isNetraError, type NetraError } from '@netra/core';
import type { BrowserContext, Page, Route, WebSocketRoute } from 'playwright-core';
import { guardedFetch, readBytesBounded, urlRefused } from './api/guarded-fetch.ts';
import { MAX_API_BODY_BYTES } from './api/http-client.ts';
import { guardedDispatcher, imageUrlProblem } from './api/image-download.ts';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';

/**
 * Chromium launched for the collectors has no network of its own: every connection it would open goes to a proxy
 * that does not exist (a `.invalid` name that its resolver, mapped to "not found", never asks any DNS server for),
 * loopback included (`<-loopback>`), and WebRTC may not send UDP outside the proxy. What a page loads reaches it
 * only through `BrowserNetwork`'s route, fetched by Node. So a request the route does not see (a redirect Chromium
 * would follow itself, a preconnect, a WebSocket, a WebRTC candidate) fails instead of connecting.
 */
export const NO_DIRECT_NETWORK_ARGS = [
  '--proxy-server=http://netra-no-direct-network.invalid:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
];

/** Redirects Node follows for a page's sub-resource (a page's own navigation follows them one by one). */
const MAX_REDIRECTS = 5;

/** Request headers Node sets itself: hop-by-hop, and the encodings undici decodes (it asks for those it can). */
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'accept-encoding',
]);
/** Response headers that no longer describe the body handed to Chromium (already decoded, whole). */
const DROPPED_RESPONSE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);

/** A request of a page the guard refused (`COLLECTOR_URL_REFUSED`): reported with the crawl, never silent. */
export interface BrowserRefusal {
  error: NetraError;
  /** The host refused (the redirect target's when a redirect was). */
  host: string;
}

/**
 * Which URL a collector's browser may load: the rule of the collectors' downloads (`imageUrlProblem`). With
 * PLATFORM_ORIGINS (a test or demo setup) only that origin, loopback allowed; otherwise `https` on 443 to public
 * addresses, each resolved address checked again at connect time by `guardedDispatcher`.
 */
export function browserUrlProblem(url: URL, localOrigin: string | undefined): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `hanya http(s) / http(s) only (${url.protocol})`;
  return imageUrlProblem(url.toString(), localOrigin);
}

function refusalOf(url: string, error: NetraError): BrowserRefusal {
  const target = (error.details as { target?: string }).target ?? url;
  let host = '';
  try {
    host = new URL(target).host;
  } catch {
    // not a URL: no host to name
  }
  return { error, host };
}

/**
 * The network of one browser context of the pool: every request of its pages is checked with `browserUrlProblem`
 * and fetched by Node through `guardedFetch` / `guardedDispatcher`, then handed to Chromium (`route.fulfill`), so
 * the address checked is the address connected to and Chromium never resolves or connects itself. Sub-resources
 * follow their redirects in Node, each hop checked; a page's own navigation gets the redirect back (without
 * `Location`, which Chromium would follow unseen) and `PageLease.goto` loads the target as a new navigation.
 * WebSockets are refused. `localOrigin` is the origin of the platform the current lease crawls.
 */
export class BrowserNetwork {
  localOrigin: string | undefined;
  readonly #timeoutMs: number;
  readonly #closed = new AbortController();
  #refusals: BrowserRefusal[] = [];
  /** Per page, the target of the redirect its last navigation answered. */
  readonly #redirects = new WeakMap<Page, string>();
  /** Per page, the refusal of its last navigation (not a sub-resource: the crawl cannot go on). */
  readonly #refusedNavigations = new WeakMap<Page, NetraError>();

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  async install(context: BrowserContext): Promise<void> {
    // A closed context (lease replaced, pool closed at shutdown) leaves no download of its pages running.
    context.once('close', () => this.#closed.abort());
    await Promise.all([
      context.route('**/*', (route) => this.#route(route)),
      context.routeWebSocket(/.*/, (ws) => this.#refuseWebSocket(ws)),
    ]);
  }

  /** The refusals since the last call (the lease hands them to the crawl). */
  takeRefusals(): BrowserRefusal[] {
    return this.#refusals.splice(0);
  }

  /** The refusal of `page`'s last navigation, once: it becomes the navigation's error. */
  takeNavigationRefusal(page: Page): NetraError | null {
    const error = this.#refusedNavigations.get(page) ?? null;
    this.#refusedNavigations.delete(page);
    return error;
  }

  /** The redirect target `page`'s last navigation answered, once. */
  takeRedirect(page: Page): string | null {
    const target = this.#redirects.get(page) ?? null;
    this.#redirects.delete(page);
    return target;
  }

  #refuseWebSocket(ws: WebSocketRoute): void {
    const url = ws.url();
    this.#refusals.push(refusalOf(url, urlRefused(url, url, 'WebSocket tidak diizinkan / WebSockets are not allowed')));
    ws.close({ code: 1008, reason: 'refused' }).catch(() => {});
  }

  async #route(route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    const localOrigin = this.localOrigin;
    let page: Page | null = null;
    try {
      const frame = request.frame();
      if (request.isNavigationRequest() && frame.parentFrame() === null) page = frame.page();
    } catch {
      // a service worker's request has no frame (service workers are blocked anyway)
    }
    try {
      const { response, location } = await guardedFetch(url, {
        dispatcher: guardedDispatcher(localOrigin),
        urlProblem: async (u) => browserUrlProblem(u, localOrigin),
        headers: Object.fromEntries(
          Object.entries(request.headers()).filter(([name]) => !DROPPED_REQUEST_HEADERS.has(name.toLowerCase())),
        ),
        method: request.method(),
        body: request.postDataBuffer(),
        signal: AbortSignal.any([this.#closed.signal, AbortSignal.timeout(this.#timeoutMs)]),
        maxRedirects: MAX_REDIRECTS,
        stopAtRedirect: page !== null,
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!DROPPED_RESPONSE_HEADERS.has(name) && name !== 'set-cookie' && name !== 'location') headers[name] = value;
      });
      // Playwright splits `set-cookie` on new lines: every cookie of the answer is kept.
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) headers['set-cookie'] = cookies.join('\n');
      if (page && location) {
        this.#redirects.set(page, location);
        await response.body?.cancel().catch(() => {});
        await route.fulfill({ status: response.status, headers, body: '' });
        return;
      }
      const body = await readBytesBounded(response, MAX_API_BODY_BYTES);
      await route.fulfill({ status: response.status, headers, body });
    } catch (error) {
      if (
        isNetraError(error) &&
        (error.code === COLLECTOR_ERROR.urlRefused || error.code === COLLECTOR_ERROR.responseTooLarge)
      ) {
        if (page) this.#refusedNavigations.set(page, error);
        else this.#refusals.push(refusalOf(url, error));
        await route.abort('blockedbyclient').catch(() => {});
        return;
      }
      // Network errors (refused, reset, timeout) are what Chromium would have met: the page sees a failed load.
      await route.abort('failed').catch(() => {});
    }
  }
}

/** Refused requests reported per crawl at most; the rest are counted in the last report. */
const MAX_REPORTED_REFUSALS = 20;

/**
 * The refusals of a crawl's pages as its errors (`COLLECTOR_URL_REFUSED`, not retryable): one per URL, naming the
 * account and the host, the first `MAX_REPORTED_REFUSALS` of them and then how many more.
 */
export function refusalErrors(refusals: readonly BrowserRefusal[], account: string): NetraError[] {
  const byUrl = new Map<string, BrowserRefusal>();
  for (const refusal of refusals) byUrl.set(refusal.error.message, refusal);
  const distinct = [...byUrl.values()];
  const errors = distinct.slice(0, MAX_REPORTED_REFUSALS).map(({ error, host }) =>
    collectorError(COLLECTOR_ERROR.urlRefused, `${account}: halaman meminta / the page asked for ${error.message}`, {
      ...error.details,
      account,
      host,
    }),
  );
  const more = distinct.length - errors.length;
  if (more > 0)
    errors.push(
      collectorError(
        COLLECTOR_ERROR.urlRefused,
        `${account}: ${more} permintaan lain ditolak / ${more} more requests refused`,
        { account, more },
      ),
    );
  return errors;
}
