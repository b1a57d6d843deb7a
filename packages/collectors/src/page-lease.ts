import type { NetraError } from '@netra/core';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { urlRefused } from './api/guarded-fetch.ts';
import type { BrowserNetwork, BrowserRefusal } from './browser-network.ts';
import type { BrowserPool } from './browser-pool.ts';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';

/** The pages of one context as the pool hands them out and keeps them between leases. */
export interface LeaseParts {
  context: BrowserContext;
  page: Page;
  /** The second page (`gotoBeside`), when one was opened. */
  beside: Page | null;
  /** The context's requests, checked and fetched by Node. */
  network: BrowserNetwork;
  navigations: number;
}

/** Redirects a page's navigation follows (each one a navigation of its own, checked by the context's network). */
const MAX_NAVIGATION_REDIRECTS = 5;

/** The next context is made this many navigations before the current one is replaced. */
const PREPARE_AHEAD = 3;

/** One borrowed page. Navigate with `goto` so the pool can count navigations and recycle the page. */
export class PageLease {
  #pool: BrowserPool;
  #context: BrowserContext;
  #page: Page;
  /**
   * A second page of the same context (same cookies): the next page of an account loads there while the current
   * one is still being captured, so the capture never waits for a navigation and the navigation never changes
   * what is captured.
   */
  #beside: Page | null;
  /** The second page being opened in the background (`prepareBeside`). */
  #besideOpening: Promise<Page | null> | null = null;
  #wantsBeside = false;
  #network: BrowserNetwork;
  /** The origin of the platform this lease crawls (PLATFORM_ORIGINS), the only one loopback may be; none: public. */
  readonly #localOrigin: string | undefined;
  /** Refusals of the contexts this lease replaced. */
  #refusals: BrowserRefusal[] = [];
  /** Navigations on the current context (both pages). */
  navigations = 0;

  constructor(
    pool: BrowserPool,
    parts: Omit<LeaseParts, 'navigations'> & { navigations?: number },
    localOrigin?: string,
  ) {
    this.#pool = pool;
    this.#context = parts.context;
    this.#page = parts.page;
    this.#beside = parts.beside;
    this.#network = parts.network;
    this.#localOrigin = localOrigin;
    this.#network.localOrigin = localOrigin;
    // What a previous lease's pages asked for late is not this lease's.
    this.#network.takeRefusals();
    this.navigations = parts.navigations ?? 0;
  }

  /** The requests of this lease's pages the guard refused since the last call (`COLLECTOR_URL_REFUSED` each). */
  takeRefusals(): BrowserRefusal[] {
    return [...this.#refusals.splice(0), ...this.#network.takeRefusals()];
  }

  /**
   * Loads `url` in `page`, following redirects as navigations of their own: the context's network hands a page's
   * redirect back instead of following it, so each target is checked like the first URL and the page's URL ends
   * as the final one. A refused navigation throws its `COLLECTOR_URL_REFUSED`.
   */
  async #load(page: Page, url: string, timeoutMs: number | undefined): Promise<Response | null> {
    const network = this.#network;
    let target = url;
    for (let hop = 0; ; hop++) {
      network.takeRedirect(page);
      network.takeNavigationRefusal(page);
      let response: Response | null;
      try {
        response = await page.goto(target, { waitUntil: 'load', timeout: timeoutMs ?? this.#pool.navigationTimeoutMs });
      } catch (error) {
        await this.#replaceFailed(page);
        const refused: NetraError | null = network.takeNavigationRefusal(page);
        if (!refused) throw error;
        throw hop === 0 ? refused : urlRefused(url, target, String((refused.details as { problem?: string }).problem));
      }
      const next = network.takeRedirect(page);
      if (next === null) return response;
      if (hop >= MAX_NAVIGATION_REDIRECTS)
        throw collectorError(
          COLLECTOR_ERROR.urlRefused,
          `${url}: lebih dari ${MAX_NAVIGATION_REDIRECTS} pengalihan / more than ${MAX_NAVIGATION_REDIRECTS} redirects`,
          { url },
        );
      target = next;
    }
  }

  /**
   * A page whose navigation failed is not navigated again: Chromium commits its error page
   * (`chrome-error://chromewebdata/`) after `goto` has already rejected, and on a loaded machine that late commit
   * interrupted the next `goto` — the next account's first page failed for nothing. Its place is taken by a new
   * page of the same context (same cookies) before the failure is reported; the old one closes in the background.
   * When no page can be opened (context closed or crashed) the failed one stays and `reset` discards the context.
   */
  async #replaceFailed(page: Page): Promise<void> {
    const fresh = await this.#context.newPage().catch(() => null);
    if (!fresh) return;
    if (page === this.#page) this.#page = fresh;
    else if (page === this.#beside) this.#beside = fresh;
    else {
      void fresh.close().catch(() => {});
      return;
    }
    void page.close().catch(() => {});
  }

  get page(): Page {
    return this.#page;
  }

  /** The page `gotoBeside` loads (null until one is open). */
  get pageBeside(): Page | null {
    return this.#beside;
  }

  /**
   * Whether the next load may go to the page beside: not when the context is due to be replaced, since replacing
   * it closes the current page too, which may still be in use.
   */
  get canLoadBeside(): boolean {
    return this.navigations < this.#pool.navigationsPerPage;
  }

  async goto(url: string, timeoutMs?: number): Promise<Response | null> {
    if (this.navigations >= this.#pool.navigationsPerPage) await this.recycle();
    this.#counted();
    return this.#load(this.#page, url, timeoutMs);
  }

  /**
   * Starts opening the second page in the background, so the first `gotoBeside` does not wait for it: a new
   * page starts a renderer process, which on a loaded 2-core machine takes as long as two page loads. Kept
   * across recycling (the fresh context gets its second page too) and between leases of the same context.
   */
  prepareBeside(): void {
    this.#wantsBeside = true;
    if (this.#beside || this.#besideOpening) return;
    this.#besideOpening = this.#context.newPage().catch(() => null);
  }

  /**
   * Loads `url` in the second page of the context and leaves the current page as it is; `swap` then makes the
   * second page the current one. Never replaces the context (check `canLoadBeside` first): it counts toward
   * the recycling of both pages, which the next `goto` does.
   */
  async gotoBeside(url: string, timeoutMs?: number): Promise<Response | null> {
    if (!this.#beside) {
      this.prepareBeside();
      this.#beside = await this.#besideOpening;
      this.#besideOpening = null;
      this.#beside ??= await this.#context.newPage();
    }
    this.#counted();
    return this.#load(this.#beside, url, timeoutMs);
  }

  /** The page loaded beside becomes the current page; the former current page waits for the next `gotoBeside`. */
  swap(): void {
    if (!this.#beside) return;
    [this.#page, this.#beside] = [this.#beside, this.#page];
  }

  #counted(): void {
    this.navigations++;
    this.#pool.countNavigation();
    // The replacement is made while this context still loads pages, instead of when the next load waits for it.
    if (this.navigations >= this.#pool.navigationsPerPage - PREPARE_AHEAD) this.#pool.prepare(this.#wantsBeside);
  }

  /** Replaces the context and page with fresh ones (drops cookies, storage and leaked memory). */
  async recycle(): Promise<void> {
    const old = this.#context;
    const fresh = await this.#pool.newContext();
    this.#context = fresh.context;
    this.#page = fresh.page;
    this.#beside = fresh.beside;
    this.#refusals.push(...this.#network.takeRefusals());
    this.#network = fresh.network;
    this.#network.localOrigin = this.#localOrigin;
    this.#besideOpening = null;
    this.navigations = 0;
    this.#pool.countRecycle();
    if (this.#wantsBeside) this.prepareBeside();
    // Closing takes a while and nothing waits for it (the pool's `close` does).
    this.#pool.closeLater(old);
  }

  /** @internal */
  async release(): Promise<void> {
    await this.#context.close().catch(() => {});
  }

  /**
   * @internal Readies the context for the next account instead of closing it: cookies, permissions and the current
   * origins' storage cleared. False when it cannot be reused (closed, crashed): the caller closes it.
   */
  async reset(): Promise<boolean> {
    if (this.#page.isClosed()) return false;
    if (this.#besideOpening) {
      this.#beside = await this.#besideOpening;
      this.#besideOpening = null;
    }
    if (this.#beside?.isClosed()) this.#beside = null;
    try {
      await Promise.all(
        [this.#page, this.#beside].map((page) =>
          page
            ?.evaluate(() => {
              try {
                localStorage.clear();
                sessionStorage.clear();
              } catch {
                // about:blank or an opaque origin has no storage to clear
              }
            })
            .catch(() => {}),
        ),
      );
      // No navigation to about:blank: the next account's first goto replaces the page anyway.
      await Promise.all([this.#context.clearCookies(), this.#context.clearPermissions()]);
      return true;
    } catch {
      return false;
    }
  }

  /** @internal */
  get parts(): LeaseParts {
    return {
      context: this.#context,
      page: this.#page,
      beside: this.#beside,
      network: this.#network,
      navigations: this.navigations,
    };
  }
}
