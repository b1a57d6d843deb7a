/**
 * Crawl benchmark (not a test), loopback only:
 *  1. items/s of each API collector (Bluesky, Mastodon, YouTube feed + Data API, Telegram preview) against the
 *     local API server answering in the documented shapes, evidence written to a temporary artefact store;
 *  2. pages/s of the page collector (`crawlAccount` on the demo platform, with its evidence: page HTML, one
 *     full-page PNG per page, element crops, manifests) next to a bare Playwright loop loading the same pages and
 *     waiting for the same ready selector, in rounds interleaved in the same run on the same browser binary —
 *     target ≥ 0.7;
 *  3. browser memory (RSS of every Chromium process under this one) after 200 and after 2,000 pages loaded
 *     through the BrowserPool — within 20%.
 *
 *   pnpm bench:crawl            (BENCH_ITEMS=2000 BENCH_PAGE_ROUNDS=6 BENCH_MEMORY_PAGES=2000)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '@netra/core';
import { allDemoWatchedAccounts, startDemoPlatform } from '@netra/demo-platform';
import { chromium } from 'playwright-core';
import {
  ArtefactStore,
  BrowserPool,
  CHROMIUM_ARGS,
  collectViaApi,
  crawlAccount,
  platformDefinitions,
  resolveChromiumPath,
  toFetchUrl,
} from '../src/index.ts';
import {
  bskyFeedItem,
  bskyPostView,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '../src/testing/index.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2_000);
const PAGE_ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 6);
const MEMORY_PAGES = Number(process.env.BENCH_MEMORY_PAGES ?? 2_000);
const out = (line: string) => process.stdout.write(`${line}\n`);

function iso(i: number): string {
  return new Date(Date.UTC(2026, 10, 28) - i * 60_000).toISOString();
}

async function apiBench(): Promise<void> {
  const world = emptyWorld();
  const me = { did: 'did:plc:benchbenchbenchbenchbenc', handle: 'bench.bsky.social' };
  world.bluesky.push({
    ...me,
    feed: Array.from({ length: ITEMS }, (_, i) =>
      bskyFeedItem(
        bskyPostView({
          ...me,
          rkey: `3k${String(i).padStart(6, '0')}`,
          text: `Kegiatan dinas ke-${i} #kerja`,
          createdAt: iso(i),
        }),
      ),
    ),
    likes: [],
    follows: [],
  });
  const acct = mastodonAccount('777', 'bench', 'mastodon.example');
  world.mastodon.push({
    id: '777',
    username: 'bench',
    instance: 'mastodon.example',
    statuses: Array.from({ length: ITEMS }, (_, i) =>
      mastodonStatus({
        id: String(1_000_000 - i),
        account: acct,
        instance: 'mastodon.example',
        content: `<p>Laporan kegiatan ${i}</p>`,
        createdAt: iso(i),
      }),
    ),
    history: {},
    following: [],
  });
  world.youtube.push({
    channelId: 'UCbenchbenchbenchbench00',
    handle: 'benchchannel',
    title: 'Bench',
    videos: Array.from({ length: ITEMS }, (_, i) => ({
      videoId: `v${String(i).padStart(10, '0')}`,
      title: `Video ${i}`,
      description: `Deskripsi ${i}`,
      published: iso(i),
    })),
  });
  world.telegram.push({
    name: 'benchkanal',
    title: 'Bench',
    messages: Array.from({ length: ITEMS }, (_, i) => ({ id: i + 1, text: `Pesan ${i + 1}`, date: iso(ITEMS - i) })),
  });
  const server = await startApiPlatformServer(world, { pageSize: 100, telegramPageSize: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'netra-bench-crawl-'));
  const store = new ArtefactStore(dir);
  const accounts: { platform: Platform; handle: string }[] = [
    { platform: 'bluesky', handle: me.handle },
    { platform: 'mastodon', handle: 'bench@mastodon.example' },
    { platform: 'youtube', handle: 'UCbenchbenchbenchbench00' },
    { platform: 'telegram', handle: 'benchkanal' },
  ];
  try {
    out(`API collectors, ${ITEMS} items each, local server (loopback), evidence to a temporary store:`);
    for (const a of accounts) {
      const started = performance.now();
      const result = await collectViaApi({
        account: { id: '00000000-0000-4000-8000-000000000001', ...a, profileUrl: 'https://example.org/' },
        store,
        platformOrigins: server.origins,
        maxPosts: ITEMS,
        maxPages: Math.ceil(ITEMS / 15) + 5,
        ...(a.platform === 'youtube' ? { youtubeApiKey: 'bench-key' } : {}),
      });
      const s = (performance.now() - started) / 1000;
      out(
        `  ${a.platform.padEnd(9)} ${result.status.padEnd(3)} ${String(result.posts.length).padStart(6)} items in ${s.toFixed(2)} s = ${(result.posts.length / s).toFixed(0)} items/s (${result.pages} requests)`,
      );
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RSS of every Chromium process descending from this process (Linux /proc), in MB. */
function browserRssMb(): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      parent.set(Number(entry), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const pid of rss.keys()) {
    let p = parent.get(pid);
    while (p && p !== process.pid && p !== 1) p = parent.get(p);
    if (p === process.pid) total += rss.get(pid)!;
  }
  return total / 1024;
}

async function pageBench(): Promise<void> {
  const demo = await startDemoPlatform();
  const executablePath = resolveChromiumPath();
  const platform: Platform = 'facebook';
  const accounts = allDemoWatchedAccounts().filter((a) => a.platform === platform);
  const dir = mkdtempSync(join(tmpdir(), 'netra-bench-pages-'));
  try {
    // The collector (with evidence), the collector without evidence, and the bare loop run round after round
    // in turn, so a change in the shared machine's load falls on all three alike.
    const pool = new BrowserPool({ executablePath, maxConcurrency: 1 });
    const store = new ArtefactStore(dir);
    const crawlAll = async (captureEvidence: boolean, record?: string[]) => {
      let n = 0;
      for (const a of accounts) {
        demo.requests.length = 0;
        const result = await crawlAccount({
          account: { id: '00000000-0000-4000-8000-000000000002', platform, handle: a.handle, profileUrl: a.profileUrl },
          pool,
          store,
          platformOrigins: demo.origins,
          captureEvidence,
        });
        if (result.status === 'ok') n += result.pages;
        if (record)
          for (const path of demo.requests) if (path.startsWith(`/${platform}/`)) record.push(`${demo.url}${path}`);
      }
      return n;
    };
    const urls: string[] = [];
    await crawlAll(true, urls); // warm-up, and the page URLs the bare loop loads
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      locale: 'id-ID',
      timezoneId: 'Asia/Jakarta',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const ready = platformDefinitions[platform]!.readySelector;
    await page.goto(urls[0]!);
    let pages = 0;
    let plainPages = 0;
    let barePages = 0;
    let collectorSeconds = 0;
    let plainSeconds = 0;
    let bareSeconds = 0;
    for (let r = 0; r < PAGE_ROUNDS; r++) {
      let t = performance.now();
      pages += await crawlAll(true);
      collectorSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      for (const url of urls) {
        await page.goto(url);
        await page.waitForSelector(ready);
        barePages++;
      }
      bareSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      plainPages += await crawlAll(false);
      plainSeconds += (performance.now() - t) / 1000;
    }
    await pool.close();
    await browser.close();
    const collectorRate = pages / collectorSeconds;
    // The machine may be shared: the 1-minute load average says how comparable this run is to another.
    out(`Load average (1 min) after the page rounds: ${loadavg()[0]!.toFixed(1)}`);
    const bareRate = barePages / bareSeconds;
    out(
      `Page collector (${platform}, ${accounts.length} demo accounts × ${PAGE_ROUNDS}, evidence on): ${pages} pages in ${collectorSeconds.toFixed(2)} s = ${collectorRate.toFixed(1)} pages/s`,
    );
    out(
      `Bare Playwright loop, same ${urls.length} page URLs × ${PAGE_ROUNDS}: ${barePages} pages in ${bareSeconds.toFixed(2)} s = ${bareRate.toFixed(1)} pages/s`,
    );
    out(`  ratio collector / bare = ${(collectorRate / bareRate).toFixed(2)} (target ≥ 0.70)`);
    out(
      `Page collector without evidence capture: ${plainPages} pages in ${plainSeconds.toFixed(2)} s = ${(plainPages / plainSeconds).toFixed(1)} pages/s, ratio ${(plainPages / plainSeconds / bareRate).toFixed(2)}`,
    );

    // Memory: the pool's page recycling keeps Chromium's memory flat over thousands of loads.
    const memPool = new BrowserPool({ executablePath, maxConcurrency: 1 });
    const target = toFetchUrl(platform, accounts[0]!.profileUrl, demo.origins);
    let loaded = 0;
    let at200 = 0;
    const t0 = performance.now();
    while (loaded < MEMORY_PAGES) {
      await memPool.withPage(async (lease) => {
        for (let i = 0; i < 50 && loaded < MEMORY_PAGES; i++) {
          await lease.goto(target);
          loaded++;
          if (loaded === 200) at200 = browserRssMb();
        }
      });
    }
    const atEnd = browserRssMb();
    await memPool.close();
    out(
      `Browser memory (RSS of Chromium processes): ${at200.toFixed(0)} MB after 200 pages, ${atEnd.toFixed(0)} MB after ${MEMORY_PAGES} (${(((atEnd - at200) / at200) * 100).toFixed(1)}%, target within 20%; ${(MEMORY_PAGES / ((performance.now() - t0) / 1000)).toFixed(0)} loads/s)`,
    );
  } finally {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await apiBench();
await pageBench();
