/**
 * Crawl benchmark (not a test), loopback only:
 *  1. items/s of each API collector (Bluesky, Mastodon, YouTube feed + Data API, Telegram preview) against the
 *     local API server answering in the documented shapes, evidence written to a temporary artefact store;
 *  2. pages/s of the page collector (`crawlAccount` on the demo platform, with its evidence: page HTML, one
 *     full-page PNG per page, element crops, manifests) next to a bare Playwright loop loading the same pages and
 *     waiting for the same ready selector, in rounds interleaved in the same run on the same browser binary —
 *     target ≥ 0.7;
 *  3. browser memory (RSS of every Chromium process under this one) after 200 and after 2,000 pages loaded
 *     by the page collector with evidence through the BrowserPool (two pages per context, contexts made ahead
 *     and replaced every 100 loads, the pool's default) — within 20%.
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

/** Sum of `read(pid).value` over every process descending from this one (Linux /proc): the Chromium processes. */
function sumOverBrowsers(read: (pid: string) => { parent: number; value: number }): number {
  const parent = new Map<number, number>();
  const values = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const found = read(entry);
      parent.set(Number(entry), found.parent);
      values.set(Number(entry), found.value);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const pid of values.keys()) {
    let p = parent.get(pid);
    while (p && p !== process.pid && p !== 1) p = parent.get(p);
    if (p === process.pid) total += values.get(pid)!;
  }
  return total;
}

/** RSS of every Chromium process descending from this process, in MB. */
function browserRssMb(): number {
  const kb = sumOverBrowsers((pid) => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      parent: Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0),
      value: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
    };
  });
  return kb / 1024;
}

/**
 * CPU time of the Chromium processes, in ms: user + system of each live process plus that of the children it
 * has reaped (a closed context's renderer is then counted by the browser process that waited for it).
 */
function browserCpuMs(): number {
  return sumOverBrowsers((pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // proc(5) fields from the state on: ppid is the 2nd, utime, stime, cutime, cstime the 12th–15th (10 ms ticks).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(f[1]), value: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10 };
  });
}

/** CPU spent by this process (Node, all threads) and by its Chromium processes, added up per variant. */
class CpuMeter {
  readonly #node = new Map<string, number>();
  readonly #browser = new Map<string, number>();

  async measure<T>(variant: string, work: () => Promise<T>): Promise<T> {
    const node = process.cpuUsage();
    const browser = browserCpuMs();
    const result = await work();
    const used = process.cpuUsage(node);
    this.#node.set(variant, (this.#node.get(variant) ?? 0) + (used.user + used.system) / 1000);
    this.#browser.set(variant, (this.#browser.get(variant) ?? 0) + browserCpuMs() - browser);
    return result;
  }

  perPage(variant: string, pages: number): string {
    const node = (this.#node.get(variant) ?? 0) / pages;
    const browser = (this.#browser.get(variant) ?? 0) / pages;
    return `${(node + browser).toFixed(0)} ms (Node ${node.toFixed(0)} + Chromium ${browser.toFixed(0)})`;
  }
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
    /** Errors of the crawls with evidence: a faster collector that drops evidence would show here. */
    const problems: string[] = [];
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
        else problems.push(`${a.handle}: ${result.status}`);
        for (const e of result.errors) problems.push(`${a.handle}: ${e.code} ${e.message}`);
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
    // On a saturated machine throughput follows CPU time per page rather than latency: both are reported.
    const cpu = new CpuMeter();
    for (let r = 0; r < PAGE_ROUNDS; r++) {
      let t = performance.now();
      pages += await cpu.measure('evidence', () => crawlAll(true));
      collectorSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      await cpu.measure('bare', async () => {
        for (const url of urls) {
          await page.goto(url);
          await page.waitForSelector(ready);
          barePages++;
        }
      });
      bareSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      plainPages += await cpu.measure('plain', () => crawlAll(false));
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
    out(
      `CPU per page: collector with evidence ${cpu.perPage('evidence', pages)}; bare loop ${cpu.perPage('bare', barePages)}; without evidence ${cpu.perPage('plain', plainPages)}`,
    );
    out(
      `  collector errors over all rounds: ${problems.length}${problems.length ? ` (${problems.slice(0, 3).join('; ')})` : ''}`,
    );

    // Memory: the collector with evidence, account after account, as a night's crawl runs them. Its pool opens a
    // second page per context and makes the next context ahead; replacing contexts every 100 loads keeps
    // Chromium's memory flat over thousands of loads. The renderers alive at one instant depend on where the
    // sample falls in that cycle (a context made ahead, one still closing: 4 to 7 renderers of ~110–220 MB),
    // so each figure is the median of the samples taken after every account over the last 100 loads.
    const memPool = new BrowserPool({ executablePath, maxConcurrency: 1 });
    const samples: { loads: number; mb: number }[] = [];
    const t0 = performance.now();
    while (memPool.stats.navigations < MEMORY_PAGES) {
      for (const a of accounts) {
        await crawlAccount({
          account: { id: '00000000-0000-4000-8000-000000000003', platform, handle: a.handle, profileUrl: a.profileUrl },
          pool: memPool,
          store,
          platformOrigins: demo.origins,
        });
        const loads = memPool.stats.navigations;
        if ((loads > 100 && loads <= 200) || loads > MEMORY_PAGES - 100) samples.push({ loads, mb: browserRssMb() });
        if (loads >= MEMORY_PAGES) break;
      }
    }
    const loaded = memPool.stats.navigations;
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
    const at200 = median(samples.filter((x) => x.loads <= 200).map((x) => x.mb));
    const atEnd = median(samples.filter((x) => x.loads > MEMORY_PAGES - 100).map((x) => x.mb));
    await memPool.close();
    out(
      `Browser memory (RSS of Chromium processes, collector with evidence, median of the last 100 loads): ${at200.toFixed(0)} MB at 200 loads, ${atEnd.toFixed(0)} MB at ${loaded} (${(((atEnd - at200) / at200) * 100).toFixed(1)}%, target within 20%; ${(loaded / ((performance.now() - t0) / 1000)).toFixed(1)} pages/s)`,
    );
  } finally {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await apiBench();
await pageBench();
