import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoPlatform, startDemoPlatform } from '@netra/demo-platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../browser-pool.ts';
import { type CrawlAccountRef, crawlAccount } from '../crawl-account.ts';
import { ArtefactStore } from './artefact-store.ts';
import { PageImages } from './page-images.ts';

/**
 * The page's markup chooses the image URLs the page collector downloads, so the downloads go through the same
 * guard as the API collectors' (`fetchImage`): public addresses only, or only the PLATFORM_ORIGINS origin in a
 * test or demo setup. A refused image is reported and never requested, by the collector or by the browser.
 */

let demo: DemoPlatform;
let root: string;
let store: ArtefactStore;
let poster: Buffer;
/** Another loopback server showing the poster: reachable by the browser, not a configured platform origin. */
let imageHost: { server: Server; url: string; seen: IncomingHttpHeaders[] };
/** The demo's Facebook pages with the poster moved to `imageHost`. */
let site: { server: Server; url: string };

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  demo = await startDemoPlatform();
  root = await mkdtemp(join(tmpdir(), 'netra-page-images-'));
  store = new ArtefactStore(root);
  poster = Buffer.from(await (await fetch(`${demo.url}/static/poster/mesuji-2.png`)).arrayBuffer());
  const seen: IncomingHttpHeaders[] = [];
  const hostServer = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': poster.length });
    res.end(poster);
  });
  imageHost = { server: hostServer, url: await listen(hostServer), seen };
  const siteServer = createServer(async (req, res) => {
    const upstream = await fetch(`${demo.url}${req.url}`);
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
    let body = Buffer.from(await upstream.arrayBuffer());
    if (type.startsWith('text/html'))
      body = Buffer.from(
        body.toString('utf8').replaceAll('src="/static/poster/', `src="${imageHost.url}/static/poster/`),
      );
    res.writeHead(upstream.status, { 'content-type': type });
    res.end(body);
  });
  site = { server: siteServer, url: await listen(siteServer) };
});

afterAll(async () => {
  await new Promise((resolve) => site?.server.close(resolve));
  await new Promise((resolve) => imageHost?.server.close(resolve));
  await demo?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const posterAccount: CrawlAccountRef = {
  id: '00000000-0000-4000-8000-0000000000a1',
  platform: 'facebook',
  handle: 'guru.poster',
  profileUrl: 'https://www.facebook.com/guru.poster',
};

describe('page images through the download guard', () => {
  it('refuses private, loopback and link-local image URLs without requesting them', async () => {
    const own = await mkdtemp(join(tmpdir(), 'netra-page-images-refused-'));
    try {
      const images = new PageImages(new ArtefactStore(own), { localOrigin: undefined, userAgent: 'netra-test' });
      const before = imageHost.seen.length;
      const sources = [
        'http://10.20.30.40/poster.png',
        'https://192.168.1.10/poster.png',
        'https://169.254.169.254/latest/meta-data/poster.png',
        'https://127.0.0.1/poster.png',
        'https://[::1]/poster.png',
        // A name is checked on the addresses it resolves to, at connect time.
        'https://localhost/poster.png',
        // Loopback with no PLATFORM_ORIGINS configured: refused like any private address.
        `${imageHost.url}/static/poster/mesuji-2.png`,
      ];
      const result = await images.capture(sources, new Date());
      expect(result.refs).toEqual([]);
      expect(result.problems).toHaveLength(sources.length);
      for (const source of sources) expect(result.problems.some((p) => p.startsWith(`${source}: `))).toBe(true);
      expect(result.problems.filter((p) => /privat|private/.test(p)).length).toBeGreaterThanOrEqual(5);
      expect(imageHost.seen.length).toBe(before);
      // Nothing was written.
      expect(await readdir(own)).toEqual([]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('keeps data: images whose bytes are an allowed image type and refuses the others', async () => {
    const images = new PageImages(store, { localOrigin: undefined, userAgent: 'netra-test' });
    const png = `data:image/png;base64,${poster.toString('base64')}`;
    const svg = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`;
    const liar = `data:image/jpeg;base64,${poster.toString('base64')}`;
    const result = await images.capture([png, svg, liar], new Date());
    expect(result.refs).toHaveLength(1);
    expect(result.refs[0]).toMatchObject({ kind: 'image', mediaType: 'image/png', bytes: poster.length });
    expect(result.problems).toEqual([expect.stringMatching(/^data: image: .*image\/jpeg/)]);
  });

  it('reports an image the page shows from outside PLATFORM_ORIGINS and downloads only the allowed origin', {
    timeout: 60_000,
  }, async () => {
    const pool = new BrowserPool({ maxConcurrency: 1 });
    try {
      // The demo's own poster (the configured origin, loopback allowed): kept as image evidence.
      const allowed = await crawlAccount({
        account: posterAccount,
        pool,
        store,
        platformOrigins: demo.origins,
        captureEvidence: true,
      });
      expect(allowed.errors).toEqual([]);
      const image = allowed.posts[0]!.evidence.find((e) => e.kind === 'image')!;
      expect((await store.read(image))!.equals(poster)).toBe(true);

      // The same page with the poster on another local server: the browser does not load it (its requests go
      // through the same guard) and says why; the collector only downloads images the page shows, so not this one.
      const before = imageHost.seen.length;
      const moved = await crawlAccount({
        account: posterAccount,
        pool,
        store,
        platformOrigins: { ...demo.origins, facebook: `${site.url}/facebook` },
        captureEvidence: true,
      });
      expect(moved.status).toBe('ok');
      expect(moved.posts).toHaveLength(1);
      const post = moved.posts[0]!;
      expect(post.evidence.map((e) => e.kind).sort()).toEqual([
        'html',
        'json',
        'page_html',
        'page_screenshot',
        'screenshot',
      ]);
      const posterUrl = `${imageHost.url}/static/poster/mesuji-2.png`;
      expect(moved.errors).toHaveLength(1);
      expect(moved.errors[0]).toMatchObject({
        code: 'COLLECTOR_URL_REFUSED',
        retryable: false,
        details: { url: posterUrl, host: new URL(imageHost.url).host },
      });
      expect(moved.errors[0]!.message).toContain('PLATFORM_ORIGINS');
      // Neither the browser rendering the page nor the collector asked the image server.
      expect(imageHost.seen.length).toBe(before);
    } finally {
      await pool.close();
    }
  });
});
