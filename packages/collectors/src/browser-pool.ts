import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';
import { resolveChromiumPath } from './resolve-chromium.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserPoolOptions {
  /** Browser executable; resolved with `resolveChromiumPath` (option, CHROMIUM_PATH, system, Playwright) when absent. */
  executablePath?: string;
  /** Pages open at the same time (default 2). Further `withPage` calls wait. */
  maxConcurrency?: number;
  /** A page is replaced by a fresh context/page after this many navigations (default 20): pages leak memory. */
  navigationsPerPage?: number;
  /** How long `close()` waits for the browser before giving up (default 5 s). */
  closeTimeoutMs?: number;
  navigationTimeoutMs?: number;
  locale?: string;
  timezoneId?: string;
  /** User agent of every context (default: Chromium's own). */
  userAgent?: string;
  /**
   * Keep a released context for the next lease (default true), cookies, permissions and the last origin's
   * storage cleared; it is still replaced after `navigationsPerPage` loads. False: a new context every lease.
   */
  reuseContexts?: boolean;
}

export interface BrowserPoolStats {
  launches: number;
  contextsCreated: number;
  /** Pages replaced because they reached `navigationsPerPage`. */
  recycles: number;
  navigations: number;
  active: number;
}

/** One borrowed page. Navigate with `goto` so the pool can count navigations and recycle the page. */
export class PageLease {
  #pool: BrowserPool;
  #context: BrowserContext;
  #page: Page;
  /** Navigations on the current page. */
  navigations = 0;

  constructor(pool: BrowserPool, context: BrowserContext, page: Page) {
    this.#pool = pool;
    this.#context = context;
    this.#page = page;
  }

  get page(): Page {
    return this.#page;
  }

  async goto(url: string, timeoutMs?: number): Promise<Response | null> {
    if (this.navigations >= this.#pool.navigationsPerPage) await this.recycle();
    this.navigations++;
    this.#pool.countNavigation();
    return this.#page.goto(url, { waitUntil: 'load', timeout: timeoutMs ?? this.#pool.navigationTimeoutMs });
  }

  /** Replaces the context and page with fresh ones (drops cookies, storage and leaked memory). */
  async recycle(): Promise<void> {
    const old = this.#context;
    const fresh = await this.#pool.newContext();
    this.#context = fresh.context;
    this.#page = fresh.page;
    this.navigations = 0;
    this.#pool.countRecycle();
    await old.close().catch(() => {});
  }

  /** @internal */
  async release(): Promise<void> {
    await this.#context.close().catch(() => {});
  }

  /**
   * @internal Readies the context for the next account instead of closing it: cookies, permissions and the current
   * origin's storage cleared. False when it cannot be reused (closed, crashed): the caller closes it.
   */
  async reset(): Promise<boolean> {
    if (this.#page.isClosed()) return false;
    try {
      await this.#page
        .evaluate(() => {
          try {
            localStorage.clear();
            sessionStorage.clear();
          } catch {
            // about:blank or an opaque origin has no storage to clear
          }
        })
        .catch(() => {});
      // No navigation to about:blank: the next account's first goto replaces the page anyway.
      await Promise.all([this.#context.clearCookies(), this.#context.clearPermissions()]);
      return true;
    } catch {
      return false;
    }
  }

  /** @internal */
  get parts(): { context: BrowserContext; page: Page; navigations: number } {
    return { context: this.#context, page: this.#page, navigations: this.navigations };
  }
}

/** One Chromium for the process, handing out isolated pages with bounded concurrency and recycling. */
export class BrowserPool {
  readonly navigationsPerPage: number;
  readonly navigationTimeoutMs: number;
  readonly maxConcurrency: number;
  #options: BrowserPoolOptions;
  #browser: Promise<Browser> | null = null;
  #closed = false;
  #active = 0;
  #waiting: (() => void)[] = [];
  #leases = new Set<PageLease>();
  /** Contexts kept between leases (at most `maxConcurrency`): creating one costs far more than a page load. */
  #idle: { context: BrowserContext; page: Page; navigations: number }[] = [];
  #stats: Omit<BrowserPoolStats, 'active'> = { launches: 0, contextsCreated: 0, recycles: 0, navigations: 0 };

  constructor(options: BrowserPoolOptions = {}) {
    this.#options = options;
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? 2);
    this.navigationsPerPage = Math.max(1, options.navigationsPerPage ?? 20);
    this.navigationTimeoutMs = options.navigationTimeoutMs ?? 20_000;
  }

  get stats(): BrowserPoolStats {
    return { ...this.#stats, active: this.#active };
  }

  /** @internal */
  countNavigation(): void {
    this.#stats.navigations++;
  }

  /** @internal */
  countRecycle(): void {
    this.#stats.recycles++;
  }

  #launch(): Promise<Browser> {
    if (!this.#browser) {
      const executablePath = this.#options.executablePath ?? resolveChromiumPath();
      this.#stats.launches++;
      this.#browser = chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
      this.#browser.catch(() => {
        this.#browser = null;
      });
    }
    return this.#browser;
  }

  /** @internal */
  async newContext(): Promise<{ context: BrowserContext; page: Page }> {
    if (this.#closed) throw collectorError(COLLECTOR_ERROR.poolClosed, 'browser pool is closed');
    const browser = await this.#launch();
    const context = await browser.newContext({
      locale: this.#options.locale ?? 'id-ID',
      timezoneId: this.#options.timezoneId ?? 'Asia/Jakarta',
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
      ...(this.#options.userAgent ? { userAgent: this.#options.userAgent } : {}),
    });
    this.#stats.contextsCreated++;
    const page = await context.newPage();
    return { context, page };
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.maxConcurrency) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
    // the releasing caller handed its slot over without decrementing
  }

  #releaseSlot(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }

  /**
   * Runs `fn` with a page of its own context (a reused one is cleared of cookies and storage first), released
   * afterwards whatever happens.
   */
  async withPage<T>(fn: (lease: PageLease) => Promise<T>): Promise<T> {
    if (this.#closed) throw collectorError(COLLECTOR_ERROR.poolClosed, 'browser pool is closed');
    await this.#acquire();
    let lease: PageLease | null = null;
    try {
      const idle = this.#options.reuseContexts === false ? undefined : this.#idle.pop();
      if (idle) {
        lease = new PageLease(this, idle.context, idle.page);
        lease.navigations = idle.navigations;
      } else {
        const { context, page } = await this.newContext();
        lease = new PageLease(this, context, page);
      }
      this.#leases.add(lease);
      return await fn(lease);
    } finally {
      if (lease) {
        this.#leases.delete(lease);
        const keep =
          this.#options.reuseContexts !== false &&
          !this.#closed &&
          this.#idle.length < this.maxConcurrency &&
          lease.navigations < this.navigationsPerPage &&
          (await lease.reset());
        if (keep && !this.#closed) this.#idle.push(lease.parts);
        else await lease.release();
      }
      this.#releaseSlot();
    }
  }

  /** Closes every page and the browser; gives up waiting after `closeTimeoutMs`. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const resolve of this.#waiting.splice(0)) resolve();
    const browser = this.#browser;
    this.#browser = null;
    const work = (async () => {
      await Promise.all([...this.#leases].map((lease) => lease.release()));
      await Promise.all(this.#idle.splice(0).map((idle) => idle.context.close().catch(() => {})));
      if (browser) await (await browser.catch(() => null))?.close();
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#options.closeTimeoutMs ?? 5_000);
    });
    await Promise.race([work.catch(() => {}), timeout]);
    clearTimeout(timer);
  }
}
