import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allDemoWatchedAccounts, type DemoPlatform, demoAccounts, startDemoPlatform } from '@netra/demo-platform';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool, CHROMIUM_ARGS } from '../browser-pool.ts';
import { crawlAccount } from '../crawl-account.ts';
import { platformDefinitions } from '../platforms/index.ts';
import { resolveChromiumPath } from '../resolve-chromium.ts';
import { ArtefactStore } from './artefact-store.ts';

/**
 * With evidence on, the next page of an account loads in a second page of the context while the current one is
 * still captured. These tests prove each page's full-page PNG is that page's own rendering (compared with an
 * independent screenshot of the same URL) and never the next page's, and that recycling the context in the
 * middle of an account (every 2 loads here) never closes a page that is still being captured.
 */

let demo: DemoPlatform;
let root: string;
let store: ArtefactStore;

// A fixed clock: relative times ("2 minggu yang lalu") render the same in the crawl and in the reference.
const NOW = Date.parse('2024-11-20T12:00:00+07:00');

beforeAll(async () => {
  demo = await startDemoPlatform({ now: () => NOW });
  root = await mkdtemp(join(tmpdir(), 'netra-overlap-'));
  store = new ArtefactStore(root);
});

afterAll(async () => {
  await demo?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

async function pixels(png: Buffer): Promise<Raw> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Share of pixels that differ (1 when the sizes differ). */
function difference(a: Raw, b: Raw): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differ = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) differ++;
  }
  return differ / (a.width * a.height);
}

/** Screenshots of the given URLs taken one by one in a browser of their own, the plain Playwright way. */
async function references(urls: string[]): Promise<Map<string, Raw>> {
  const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({
      locale: 'id-ID',
      timezoneId: 'Asia/Jakarta',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const out = new Map<string, Raw>();
    for (const url of urls) {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector(platformDefinitions.facebook!.readySelector);
      await page.evaluate(() => Promise.all(Array.from(document.images, (img) => img.decode().catch(() => {}))));
      // On a loaded machine a fresh page's first capture is now and then refused ("Unable to capture
      // screenshot"); the reference is only needed once, so it is asked again.
      let png: Buffer | null = null;
      for (let attempt = 1; !png; attempt++) {
        png = await page.screenshot({ type: 'png', fullPage: true }).catch((error: unknown) => {
          if (attempt >= 3) throw error;
          return null;
        });
      }
      out.set(url, await pixels(png));
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function crawlWithEvidence(pool: BrowserPool, handle: string) {
  const account = allDemoWatchedAccounts().find((a) => a.handle === handle)!;
  return crawlAccount({ account, pool, store, platformOrigins: demo.origins, captureEvidence: true });
}

describe('page evidence while the next page loads beside it', () => {
  it('keeps for every page its own rendering, posts and crops', { timeout: 90_000 }, async () => {
    // 7 posts, 3 per page: three pages, two of them loaded while the one before was captured.
    const handle = 'suryadi.guru.mesuji';
    const pool = new BrowserPool({ maxConcurrency: 1 });
    try {
      const result = await crawlWithEvidence(pool, handle);
      expect(result.errors).toEqual([]);
      expect(result.pages).toBe(3);
      // The second page of the context was used: it holds one of the account's pages.
      const beside = await pool.withPage(async (lease) => lease.pageBeside?.url() ?? null);
      expect(beside).toContain(`/facebook/${handle}`);

      // Group the posts by the page screenshot their manifest names, with the URL the page came from.
      const byShot = new Map<string, { url: string; ids: string[]; png: Buffer }>();
      for (const post of result.posts) {
        const shot = post.evidence.find((e) => e.kind === 'page_screenshot')!;
        const manifest = JSON.parse((await store.read(post.evidence.find((e) => e.kind === 'json')!))!.toString()) as {
          finalUrl: string;
          elementBox: { x: number; y: number; width: number; height: number };
        };
        const group = byShot.get(shot.sha256) ?? {
          url: manifest.finalUrl,
          ids: [],
          png: (await store.read(shot))!,
        };
        expect(manifest.finalUrl).toBe(group.url);
        group.ids.push(post.externalId);
        byShot.set(shot.sha256, group);

        // The crop is that page's pixels at the element's box.
        const page = await pixels(group.png);
        const crop = await pixels((await store.read(post.evidence.find((e) => e.kind === 'screenshot')!))!);
        const left = Math.floor(manifest.elementBox.x);
        const top = Math.floor(manifest.elementBox.y);
        const cut = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 4 } })
          .extract({ left, top, width: crop.width, height: crop.height })
          .raw()
          .toBuffer();
        expect(cut.equals(crop.data)).toBe(true);
      }
      const groups = [...byShot.values()];
      expect(groups).toHaveLength(3);
      expect(new Set(groups.map((g) => g.url)).size).toBe(3);
      // Each page's posts are the ones the demo serves on it, in order.
      const items = demoAccounts.find((a) => a.handle === handle)!.items.map((i) => i.id);
      expect(groups.map((g) => g.ids)).toEqual([items.slice(0, 3), items.slice(3, 6), items.slice(6)]);

      // The PNG is the page's own rendering, and not the one of the page loaded beside it meanwhile.
      const reference = await references(groups.map((g) => g.url));
      for (const [i, group] of groups.entries()) {
        const shot = await pixels(group.png);
        expect(difference(shot, reference.get(group.url)!)).toBeLessThan(0.001);
        const other = groups[(i + 1) % groups.length]!;
        expect(difference(shot, reference.get(other.url)!)).toBeGreaterThan(0.01);
      }
    } finally {
      await pool.close();
    }
  });

  it('captures every page when the context is replaced every two loads', { timeout: 90_000 }, async () => {
    const pool = new BrowserPool({ maxConcurrency: 1, navigationsPerPage: 2 });
    try {
      for (const handle of ['suryadi.guru.mesuji', 'hendro.wibowo.camat']) {
        const result = await crawlWithEvidence(pool, handle);
        expect(result.errors).toEqual([]);
        expect(result.posts.length).toBe(demoAccounts.find((a) => a.handle === handle)!.items.length);
        const shots = new Set(
          result.posts.map((p) => p.evidence.find((e) => e.kind === 'page_screenshot')?.sha256 ?? null),
        );
        expect(shots.has(null)).toBe(false);
        expect(shots.size).toBe(result.pages);
      }
      expect(pool.stats.recycles).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
