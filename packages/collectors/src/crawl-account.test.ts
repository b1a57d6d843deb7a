import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectedPostSchema } from '@netra/core';
import {
  allDemoWatchedAccounts,
  type DemoPlatform,
  demoAccounts,
  demoCandidateAccounts,
  demoEdgeCases,
  startDemoPlatform,
} from '@netra/demo-platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from './browser-pool.ts';
import { type CrawlAccountInput, type CrawlAccountRef, crawlAccount } from './crawl-account.ts';
import { ArtefactStore } from './evidence/artefact-store.ts';
import { verifyPostEvidence } from './evidence/verify-evidence.ts';

let demo: DemoPlatform;
let pool: BrowserPool;
let store: ArtefactStore;
let root: string;

beforeAll(async () => {
  demo = await startDemoPlatform({ failFirst: { '/x/andisaputra_wk': 2, '/x/lukman_tuba': 10 } });
  pool = new BrowserPool({ maxConcurrency: 2 });
  root = await mkdtemp(join(tmpdir(), 'netra-crawl-'));
  store = new ArtefactStore(root);
});

afterAll(async () => {
  await pool?.close();
  await demo?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function watched(handle: string): CrawlAccountRef {
  const account = allDemoWatchedAccounts().find((a) => a.handle === handle);
  if (!account) throw new Error(`no demo account ${handle}`);
  return account;
}

function edge(name: keyof typeof demoEdgeCases): CrawlAccountRef {
  return { id: '00000000-0000-4000-8000-00000000e001', ...demoEdgeCases[name] };
}

function crawl(account: CrawlAccountRef, extra: Partial<CrawlAccountInput> = {}) {
  return crawlAccount({
    account,
    pool,
    store,
    platformOrigins: demo.origins,
    candidateAccounts: demoCandidateAccounts,
    captureEvidence: false,
    retryBaseMs: 20,
    ...extra,
  });
}

function expected(handle: string) {
  return demoAccounts.find((a) => a.handle === handle)!.items;
}

describe('crawlAccount against the demo platform in Chromium', () => {
  it('reads every Facebook post across pages with ids, kinds, exact times, parent context and alt text', async () => {
    const result = await crawl(watched('suryadi.guru.mesuji'));
    expect(result.status).toBe('ok');
    expect(result.errors).toEqual([]);
    expect(result.pages).toBe(3);
    const items = expected('suryadi.guru.mesuji');
    expect(result.posts.map((p) => p.externalId)).toEqual(items.map((it) => it.id));
    expect(result.posts.map((p) => p.kind)).toEqual(items.map((it) => it.kind));
    for (const post of result.posts) expect(collectedPostSchema.parse(post)).toBeTruthy();
    const first = result.posts[0]!;
    expect(first.url).toBe(`https://www.facebook.com/suryadi.guru.mesuji/posts/${items[0]!.id}`);
    expect(Date.parse(first.postedAt!)).toBe(Date.parse('2024-11-20T20:15:00+07:00'));
    expect(first.mediaDescriptions[0]).toContain('mengacungkan dua jari');
    const comment = result.posts.find((p) => p.kind === 'comment')!;
    expect(comment.context).toEqual({
      parentText: expect.stringContaining('Mesuji Bersinar'),
      parentAuthor: 'bambangnurul.mesuji',
      parentCandidate: 'pilbup-mesuji-2024#2',
    });
    expect(comment.url).toContain('https://www.facebook.com/bambangnurul.mesuji/posts/');
    const share = result.posts.find((p) => p.kind === 'share')!;
    expect(share.text).toContain('guru honorer');
    expect(share.context?.parentText).toContain('Program Guru Sejahtera');
  });

  it('reads Instagram captions and comments through the "load more" button', async () => {
    const result = await crawl(watched('rina.marlina.nurse'));
    const items = expected('rina.marlina.nurse');
    expect(result.status).toBe('ok');
    expect(result.posts.map((p) => p.externalId)).toEqual(items.map((it) => it.id));
    expect(result.posts[0]).toMatchObject({
      kind: 'caption',
      url: `https://www.instagram.com/p/${items[0]!.id}/`,
      mediaDescriptions: ['foto bersama calon bupati Yusuf Kurniawan, mengacungkan tiga jari'],
    });
    const comment = result.posts.find((p) => p.kind === 'comment')!;
    expect(comment.context).toMatchObject({
      parentAuthor: 'yusufeka.mesujimaju',
      parentCandidate: 'pilbup-mesuji-2024#3',
    });
  });

  it('reads client-rendered TikTok videos, reposts and comments, with times decoded from the ids', async () => {
    const result = await crawl(watched('tina_tuba'));
    const items = expected('tina_tuba');
    expect(result.posts.map((p) => p.externalId)).toEqual(items.map((it) => it.id));
    expect(result.posts.map((p) => p.kind)).toEqual(['share', 'caption', 'caption', 'comment', 'caption']);
    for (const [i, post] of result.posts.entries()) expect(Date.parse(post.postedAt!)).toBe(items[i]!.epoch * 1000);
    expect(result.posts[0]!.context).toMatchObject({
      parentAuthor: 'irfanratna_official',
      parentCandidate: 'pilbup-tulangbawang-2024#1',
    });
    expect(result.posts[1]!.url).toBe(`https://www.tiktok.com/@tina_tuba/video/${items[1]!.id}`);
  });

  it('reads X posts, replies with their parent post and reposts of a candidate account', async () => {
    const result = await crawl(watched('dewikartika_id'));
    const items = expected('dewikartika_id');
    expect(result.posts).toHaveLength(items.length);
    const reply = result.posts.find((p) => p.kind === 'comment')!;
    expect(reply.externalId).toBe(items[1]!.id);
    expect(reply.context).toMatchObject({
      parentAuthor: 'RahmatYuli2024',
      parentText: expect.stringContaining('Pendidikan gratis'),
      parentCandidate: 'pilgub-lampung-2024#2',
    });
    const repost = result.posts.find((p) => p.kind === 'share')!;
    expect(repost.externalId).toMatch(/^repost:dewikartika_id:\d+$/);
    expect(repost.url).toMatch(/^https:\/\/x\.com\/RahmatYuli2024\/status\/\d+$/);
    expect(result.posts[0]!.postedAt).toBe(new Date(items[0]!.epoch * 1000).toISOString());
  });

  it('reads YouTube videos (title and description) and community posts, including a shared video', async () => {
    const result = await crawl(watched('RidwanVlogKKU'));
    const items = expected('RidwanVlogKKU');
    expect(result.posts.map((p) => p.externalId)).toEqual(items.map((it) => it.id));
    expect(result.posts[0]).toMatchObject({ kind: 'caption', url: `https://www.youtube.com/watch?v=${items[0]!.id}` });
    expect(result.posts[0]!.text).toContain('Menjelajah Pulau Datok');
    const share = result.posts.find((p) => p.kind === 'share')!;
    expect(share.context).toMatchObject({ parentAuthor: 'RomiSriKKU', parentCandidate: 'pilbup-kayongutara-2024#1' });
    expect(share.url).toBe(`https://www.youtube.com/post/${items[1]!.id}`);
  });

  it('uses the YouTube Data API instead of the page when configured', async () => {
    const result = await crawl(watched('FajarTaniLamtim'), {
      youtubeApi: { apiKey: 'demo-key', baseUrl: `${demo.url}/youtube/api/v3` },
      maxPosts: 3,
    });
    const videos = expected('FajarTaniLamtim').filter((it) => it.kind === 'caption');
    expect(result.status).toBe('ok');
    expect(result.posts.map((p) => p.externalId)).toEqual(videos.slice(0, 3).map((it) => it.id));
    expect(result.posts[0]!.raw).toMatchObject({ source: 'youtube-data-api' });
    expect(result.posts[0]!.evidence[0]).toMatchObject({ kind: 'json', mediaType: 'application/json' });
  });

  it('maps private, missing and login-walled accounts to statuses with typed errors', async () => {
    const priv = await crawl(edge('privateAccount'));
    expect(priv).toMatchObject({ status: 'private', posts: [] });
    expect(priv.errors[0]!.code).toBe('COLLECTOR_PRIVATE_ACCOUNT');
    const missing = await crawl(edge('notFound'));
    expect(missing.status).toBe('not_found');
    expect(missing.errors[0]!.code).toBe('COLLECTOR_NOT_FOUND');
    for (const name of ['loginWall', 'loginWallX'] as const) {
      const walled = await crawl(edge(name));
      expect(walled.status).toBe('blocked');
      expect(walled.errors[0]).toMatchObject({ code: 'COLLECTOR_LOGIN_WALL', retryable: false });
    }
  });

  it('names the missing field and the post of a malformed page and keeps the good posts', async () => {
    const result = await crawl(edge('malformed'));
    expect(result.status).toBe('ok');
    expect(result.posts.map((p) => p.text)).toEqual([
      'Postingan pertama yang utuh.',
      'Postingan kedua yang utuh.',
      'Postingan keempat yang utuh.',
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      code: 'COLLECTOR_PAGE_MALFORMED',
      details: { field: 'data-post-id', position: 3 },
    });
    expect(result.errors[0]!.message).toContain('post #3: data-post-id missing');
  });

  it('retries transient navigation failures and reports a retryable error when they persist', async () => {
    const recovered = await crawl(watched('andisaputra_wk'));
    expect(recovered.status).toBe('ok');
    expect(recovered.posts).toHaveLength(expected('andisaputra_wk').length);
    const failed = await crawl(watched('lukman_tuba'), { navigationAttempts: 3 });
    expect(failed.status).toBe('blocked');
    expect(failed.errors[0]).toMatchObject({ code: 'COLLECTOR_NAVIGATION_FAILED', retryable: true });
    expect(demo.requests.filter((r) => r === '/x/lukman_tuba')).toHaveLength(3);
  });

  it('stops at maxPosts and at posts older than since', async () => {
    const limited = await crawl(watched('hendro.wibowo.camat'), { maxPosts: 2 });
    expect(limited.posts).toHaveLength(2);
    expect(limited.pages).toBe(1);
    const recent = await crawl(watched('hendro.wibowo.camat'), { since: new Date('2024-10-25T00:00:00+07:00') });
    expect(recent.posts.map((p) => p.externalId)).toEqual(
      expected('hendro.wibowo.camat')
        .filter((it) => it.postedAt >= '2024-10-25')
        .map((it) => it.id),
    );
  });

  it('keeps per post the element HTML and crop, the page HTML and full-page PNG, and a manifest of them all', async () => {
    const result = await crawl(watched('siti.aminah.sdn3'), {
      captureEvidence: true,
      crawlRunId: '6f1c2a4e-1b7d-4c3e-9a10-1234567890ab',
    });
    expect(result.errors).toEqual([]);
    expect(result.posts.length).toBeGreaterThan(1);
    const pageShots = new Set<string>();
    for (const post of result.posts) {
      expect(post.crawlRunId).toBe('6f1c2a4e-1b7d-4c3e-9a10-1234567890ab');
      expect(post.evidence.map((e) => e.kind).sort()).toEqual([
        'html',
        'json',
        'page_html',
        'page_screenshot',
        'screenshot',
      ]);
      for (const ref of post.evidence) expect(await store.verify(ref)).toMatchObject({ ok: true });
      const of = (kind: string) => post.evidence.find((e) => e.kind === kind)!;
      const crop = (await store.read(of('screenshot')))!;
      const page = (await store.read(of('page_screenshot')))!;
      expect(crop.subarray(1, 4).toString()).toBe('PNG');
      expect(page.subarray(1, 4).toString()).toBe('PNG');
      pageShots.add(of('page_screenshot').sha256);
      const html = (await store.read(of('html')))!.toString();
      expect(html).toContain(`data-post-id="${post.externalId}"`);
      expect(html.length).toBeLessThan((await store.read(of('page_html')))!.length);

      // The manifest names the collector, the request and every artefact with its hash; the post keeps its hash.
      const manifestRef = of('json');
      expect(post.raw.evidenceManifest).toBe(manifestRef.sha256);
      expect(post.raw).toMatchObject({ collector: 'netra-page-collector', httpStatus: 200 });
      const manifest = JSON.parse((await store.read(manifestRef))!.toString()) as {
        collector: string;
        collectorVersion: string;
        requestUrl: string;
        finalUrl: string;
        status: number;
        headers: Record<string, string>;
        capturedAt: string;
        elementBox: { x: number; width: number; height: number };
        artefacts: { role: string; sha256: string; bytes: number }[];
      };
      expect(manifest).toMatchObject({ collector: 'netra-page-collector', status: 200, capturedAt: post.fetchedAt });
      expect(manifest.requestUrl).toContain(demo.url);
      expect(manifest.headers['content-type']).toContain('text/html');
      expect(manifest.artefacts.map((a) => a.role).sort()).toEqual([
        'element_html',
        'element_screenshot',
        'page_html',
        'page_screenshot',
      ]);
      for (const a of manifest.artefacts) {
        const ref = post.evidence.find((e) => e.sha256 === a.sha256)!;
        expect(ref.bytes).toBe(a.bytes);
      }
      // The crop is the element's box out of the full page (PNG width/height at bytes 16–23).
      expect(crop.readUInt32BE(16)).toBe(
        Math.ceil(manifest.elementBox.x + manifest.elementBox.width) - Math.floor(manifest.elementBox.x),
      );
      expect(crop.readUInt32BE(16)).toBeLessThan(page.readUInt32BE(16));
      expect(crop.readUInt32BE(20)).toBeLessThan(page.readUInt32BE(20));
      const report = await verifyPostEvidence(
        store,
        post.externalId,
        post.evidence.map((e) => ({ sha256: e.sha256, bytes: e.bytes, kind: e.kind, mediaType: e.mediaType })),
        manifestRef.sha256,
      );
      expect(report).toMatchObject({ ok: true, manifests: 1 });
    }
    // One full-page screenshot per page, shared by that page's posts.
    expect(pageShots.size).toBe(result.pages);
  });

  it('cuts each post of a "load more" page (scrolled, taller than the window) out of the whole document', async () => {
    const result = await crawl(watched('rina.marlina.nurse'), { captureEvidence: true });
    expect(result.errors).toEqual([]);
    expect(result.pages).toBeGreaterThan(1);
    for (const post of result.posts) {
      const of = (kind: string) => post.evidence.find((e) => e.kind === kind)!;
      const crop = (await store.read(of('screenshot')))!;
      const page = (await store.read(of('page_screenshot')))!;
      const manifest = JSON.parse((await store.read(of('json')))!.toString()) as {
        elementBox: { x: number; y: number; width: number; height: number };
      };
      // Every element is inside the captured document and its crop has the element's size.
      expect(manifest.elementBox.y + manifest.elementBox.height).toBeLessThanOrEqual(page.readUInt32BE(20));
      expect(crop.readUInt32BE(20)).toBe(
        Math.ceil(manifest.elementBox.y + manifest.elementBox.height) - Math.floor(manifest.elementBox.y),
      );
    }
  });
});
