import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { BrowserNetwork, NO_DIRECT_NETWORK_ARGS } from './browser-network.ts';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';
import { type LeaseParts, PageLease } from './page-lease.ts';
import { resolveChromiumPath } from './resolve-chromium.ts';

export { PageLease };

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
  /**
   * A page is replaced by a fresh context/page after this many navigations (default 100): pages leak memory, but
   * a fresh context costs ~0.65 s of Chromium CPU (a renderer process started, Playwright's page set up, the old
   * context closed) against ~0.13 s for a page load, so replacing it every 20 loads spent ~15–25% of the page
   * collector's CPU on it. Chromium's memory measured over 2,000 loads stays flat at 100 (docs/performance.md).
   */
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
  #idle: LeaseParts[] = [];
  /**
   * The next context, made in the background when a lease nears its recycling: a context and its page (a new
   * renderer process) take ~0.4 s on a loaded 2-core machine, two page loads, which the recycling or the next
   * lease would otherwise wait for.
   */
  #prepared: Promise<Omit<LeaseParts, 'navigations'> | null> | null = null;
  /** Contexts being closed in the background; `close` waits for them. */
  #closing = new Set<Promise<void>>();
  #stats: Omit<BrowserPoolStats, 'active'> = { launches: 0, contextsCreated: 0, recycles: 0, navigations: 0 };

  constructor(options: BrowserPoolOptions = {}) {
    this.#options = options;
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? 2);
    this.navigationsPerPage = Math.max(1, options.navigationsPerPage ?? 100);
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
      // No network of its own: every request of its pages is fetched by Node (`BrowserNetwork`).
      this.#browser = chromium.launch({
        executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS, ...NO_DIRECT_NETWORK_ARGS],
      });
      this.#browser.catch(() => {
        this.#browser = null;
      });
    }
    return this.#browser;
  }

  /** @internal A fresh context and page: the one made ahead when there is one. */
  async newContext(): Promise<Omit<LeaseParts, 'navigations'>> {
    if (this.#closed) throw collectorError(COLLECTOR_ERROR.poolClosed, 'browser pool is closed');
    const prepared = this.#prepared;
    this.#prepared = null;
    const ready = prepared ? await prepared : null;
    if (ready) {
      if (!this.#closed) return ready;
      this.closeLater(ready.context);
    }
    return this.#create(false);
  }

  /** @internal Starts making the next context in the background (one at a time), with a second page if asked. */
  prepare(withBeside: boolean): void {
    if (this.#prepared || this.#closed) return;
    this.#prepared = this.#create(withBeside).catch(() => null);
  }

  /** @internal Closes a context without waiting for it. */
  closeLater(context: BrowserContext): void {
    const closing: Promise<void> = context
      .close()
      .catch(() => {})
      .then(() => {
        this.#closing.delete(closing);
      });
    this.#closing.add(closing);
  }

  async #create(withBeside: boolean): Promise<Omit<LeaseParts, 'navigations'>> {
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
    const network = new BrowserNetwork(this.navigationTimeoutMs);
    await network.install(context);
    const [page, beside] = await Promise.all([context.newPage(), withBeside ? context.newPage() : null]);
    return { context, page, beside, network };
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
   * afterwards whatever happens. `localOrigin` (the platform's PLATFORM_ORIGINS entry, a test or demo server) is
   * the only origin its pages may load then, loopback allowed; without it only public `https` addresses.
   */
  async withPage<T>(fn: (lease: PageLease) => Promise<T>, access: { localOrigin?: string } = {}): Promise<T> {
    if (this.#closed) throw collectorError(COLLECTOR_ERROR.poolClosed, 'browser pool is closed');
    await this.#acquire();
    let lease: PageLease | null = null;
    try {
      const idle = this.#options.reuseContexts === false ? undefined : this.#idle.pop();
      lease = new PageLease(this, idle ?? (await this.newContext()), access.localOrigin);
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
        else this.closeLater(lease.parts.context);
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
      const prepared = await this.#prepared?.catch(() => null);
      this.#prepared = null;
      await prepared?.context.close().catch(() => {});
      await Promise.all([...this.#closing]);
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
