import { readdirSync, readFileSync } from 'node:fs';
import { type DemoPlatform, startDemoPlatform } from '@netra/demo-platform';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { BrowserPool } from './browser-pool.ts';

/**
 * Resolves once the page has closed. Its context closes in the background, and on a loaded machine that takes
 * longer than `expect.poll`'s default second (the wait used before): wait for the event, within the test's time.
 */
function closed(page: Page): Promise<void> {
  return page.isClosed() ? Promise.resolve() : new Promise((resolve) => page.once('close', () => resolve()));
}

/** Ids of this process's direct children (the browsers Playwright launched), from /proc. */
function childProcesses(): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: the command may contain spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) children.push(Number(entry));
    } catch {
      // The process ended while we read.
    }
  }
  return children;
}

let demo: DemoPlatform;
let pool: BrowserPool;
/** The demo server is the platform origin of these leases: the only loopback address their pages may load. */
const local = () => ({ localOrigin: demo.url });

beforeAll(async () => {
  demo = await startDemoPlatform();
  pool = new BrowserPool({ maxConcurrency: 2, navigationsPerPage: 2 });
});

afterAll(async () => {
  await pool?.close();
  await demo?.close();
});

describe('BrowserPool', () => {
  it('launches one browser and replaces a page with a fresh context after N navigations', async () => {
    const pages = await pool.withPage(async (lease) => {
      const seen = [];
      for (let i = 0; i < 5; i++) {
        await lease.goto(`${demo.url}/x/dewikartika_id?cursor=${i}`);
        seen.push(lease.page);
      }
      return seen;
    }, local());
    // 5 navigations with 2 per page: pages 1-2, 3-4, 5 → two recycles.
    expect(new Set(pages).size).toBe(3);
    expect(pool.stats).toMatchObject({ launches: 1, recycles: 2, navigations: 5, active: 0 });
    // The replaced context closes in the background.
    await closed(pages[0]!);
  });

  it('loads beside the current page without touching it, swaps, and recycles into a context made ahead', async () => {
    const own = new BrowserPool({ maxConcurrency: 1, navigationsPerPage: 5 });
    const at = (cursor: string) => `${demo.url}/x/dewikartika_id?cursor=${cursor}`;
    try {
      await own.withPage(async (lease) => {
        await lease.goto(at('a'));
        const first = lease.page;
        lease.prepareBeside();
        await lease.gotoBeside(at('b'));
        // The current page still shows its own document; the second page holds the new one.
        expect(lease.page).toBe(first);
        expect(first.url()).toBe(at('a'));
        expect(lease.pageBeside!.url()).toBe(at('b'));
        lease.swap();
        expect(lease.page.url()).toBe(at('b'));
        expect(lease.pageBeside).toBe(first);
        for (const cursor of ['c', 'd', 'e']) {
          expect(lease.canLoadBeside).toBe(true);
          await lease.gotoBeside(at(cursor));
          lease.swap();
        }
        // Five loads: the context is due to be replaced, which only `goto` does.
        expect(lease.canLoadBeside).toBe(false);
        const old = lease.page;
        await lease.goto(at('f'));
        expect(lease.page).not.toBe(old);
        expect(lease.page.url()).toBe(at('f'));
        // The context made ahead came with its second page already open.
        expect(lease.pageBeside).not.toBeNull();
        await closed(old);
      }, local());
      // The first context and the one made ahead for the recycling, no other.
      expect(own.stats).toMatchObject({ contextsCreated: 2, recycles: 1, navigations: 6 });
    } finally {
      await own.close();
    }
  });

  it('gives each lease its own context, so cookies do not leak between accounts', async () => {
    await pool.withPage(async (lease) => {
      await lease.goto(`${demo.url}/`);
      await lease.page.evaluate(() => {
        // biome-ignore lint/suspicious/noDocumentCookie: the page sets a cookie to prove contexts are isolated
        document.cookie = 'sesi=rahasia';
      });
    }, local());
    const cookie = await pool.withPage(async (lease) => {
      await lease.goto(`${demo.url}/`);
      return lease.page.evaluate(() => document.cookie);
    }, local());
    expect(cookie).toBe('');
  });

  it('reuses a released context only after clearing its cookies and storage', async () => {
    const created = pool.stats.contextsCreated;
    await pool.withPage(async (lease) => {
      await lease.goto(`${demo.url}/`);
      await lease.page.evaluate(() => localStorage.setItem('jejak', 'akun-sebelumnya'));
    }, local());
    const left = await pool.withPage(async (lease) => {
      await lease.goto(`${demo.url}/`);
      return lease.page.evaluate(() => localStorage.getItem('jejak'));
    }, local());
    expect(left).toBeNull();
    // The second lease got the first one's context back instead of a new one.
    expect(pool.stats.contextsCreated - created).toBeLessThanOrEqual(1);
  });

  it('never runs more pages at once than maxConcurrency', async () => {
    let running = 0;
    let begun = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        pool.withPage(async (lease) => {
          running++;
          begun++;
          peak = Math.max(peak, running);
          await lease.goto(`${demo.url}/`);
          // Hold the page until a second one is running (unless no other is left to start), so a slow
          // machine still shows overlap; the limit only ends a broken pool's wait within the test's time.
          const until = Date.now() + 45_000;
          while (running < 2 && begun < 5 && Date.now() < until)
            await new Promise((resolve) => setTimeout(resolve, 20));
          await new Promise((resolve) => setTimeout(resolve, 50));
          running--;
        }, local()),
      ),
    );
    expect(peak).toBe(2);
    expect(pool.stats.active).toBe(0);
  });

  it('releases the page when the work throws', async () => {
    await expect(
      pool.withPage(async () => {
        throw new Error('gagal');
      }),
    ).rejects.toThrow('gagal');
    expect(pool.stats.active).toBe(0);
  });

  it('stops waiting for a browser that no longer answers after its timeout, and refuses new work afterwards', async () => {
    const before = new Set(childProcesses());
    const own = new BrowserPool({ closeTimeoutMs: 1_000 });
    await own.withPage(async (lease) => {
      await lease.goto(`${demo.url}/`);
    }, local());
    const launched = childProcesses().filter((pid) => !before.has(pid));
    expect(launched).toHaveLength(1);
    // A browser that never answers again (stopped, as a hung one would be): closing it cannot finish, so only
    // the timeout ends close(). This used to be a wall-clock bound on closing a healthy browser (< 3.5 s with
    // a 3 s timeout), which a loaded machine could miss and which never exercised the timeout at all.
    process.kill(launched[0]!, 'SIGSTOP');
    // Killed however the test ends, a timeout included (a stopped browser would otherwise stay behind).
    onTestFinished(() => {
      process.kill(launched[0]!, 'SIGKILL');
    });
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    await expect(own.withPage(async () => {})).rejects.toMatchObject({ code: 'COLLECTOR_POOL_CLOSED' });
  });
});
