import type { BrowserContext, Page, Response } from 'playwright-core';
import type { BrowserPool } from './browser-pool.ts';

/** The pages of one context as the pool hands them out and keeps them between leases. */
export interface LeaseParts {
  context: BrowserContext;
  page: Page;
  /** The second page (`gotoBeside`), when one was opened. */
  beside: Page | null;
  navigations: number;
}

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
  /** Navigations on the current context (both pages). */
  navigations = 0;

  constructor(pool: BrowserPool, parts: Omit<LeaseParts, 'navigations'> & { navigations?: number }) {
    this.#pool = pool;
    this.#context = parts.context;
    this.#page = parts.page;
    this.#beside = parts.beside;
    this.navigations = parts.navigations ?? 0;
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
    return this.#page.goto(url, { waitUntil: 'load', timeout: timeoutMs ?? this.#pool.navigationTimeoutMs });
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
    return this.#beside.goto(url, { waitUntil: 'load', timeout: timeoutMs ?? this.#pool.navigationTimeoutMs });
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
    return { context: this.#context, page: this.#page, beside: this.#beside, navigations: this.navigations };
  }
}
