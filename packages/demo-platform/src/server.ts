import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Platform } from '@netra/core';
import { type DemoAccount, findDemoAccount } from './content/index.ts';
import type { Platform as DemoPagePlatform } from './content/types.ts';
import { PHOTO_SVG } from './render/common.ts';
import { renderFacebookLoginWall, renderFacebookNotFound, renderFacebookProfile } from './render/facebook.ts';
import { instagramFeedFragment, renderInstagramNotFound, renderInstagramProfile } from './render/instagram.ts';
import { posterPng } from './render/posters.ts';
import { renderTikTokNotFound, renderTikTokProfile, tiktokItemList } from './render/tiktok.ts';
import { renderXLoginWall, renderXNotFound, renderXProfile } from './render/x.ts';
import { renderYouTubeNotFound, renderYouTubeProfile, youtubeApi, youtubeFeed } from './render/youtube.ts';

export interface DemoPlatformOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * Test hook: answer the first N requests for a path (e.g. `/x/dewikartika_id`) with 503, to exercise
   * collector retries.
   */
  failFirst?: Record<string, number>;
  /** Clock for relative times ("2 minggu yang lalu"); defaults to the real time. */
  now?: () => number;
}

export interface DemoPlatform {
  /** e.g. `http://127.0.0.1:43121` */
  url: string;
  port: number;
  /** `platformOrigins` for collectors: `{ facebook: '<url>/facebook', ... }`. */
  origins: Record<Platform, string>;
  /** Paths requested so far (tests assert pagination and retries with it). */
  requests: string[];
  close(): Promise<void>;
}

const MALFORMED_HANDLE = 'halaman.rusak';

function send(res: ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function account(platform: DemoPagePlatform, handle: string): DemoAccount | undefined {
  return findDemoAccount(platform, decodeURIComponent(handle));
}

interface Reply {
  status: number;
  body: string;
  type: string;
}

function reply(status: number, body: string, type = 'text/html; charset=utf-8'): Reply {
  return { status, body, type };
}

function jsonReply(status: number, body: unknown): Reply {
  return reply(status, JSON.stringify(body), 'application/json; charset=utf-8');
}

function route(req: IncomingMessage, now: () => number): Reply {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const q = (name: string): string | null => url.searchParams.get(name);
  let m: RegExpMatchArray | null = null;

  if (path === '/' || path === '') {
    return reply(
      200,
      '<!DOCTYPE html><title>Netra demo platform</title><h1>Netra demo platform</h1><p>Test fixture.</p>',
    );
  }
  if (path === '/static/photo.svg') return reply(200, PHOTO_SVG, 'image/svg+xml');
  if (path === '/robots.txt') return reply(200, 'User-agent: *\nAllow: /\n', 'text/plain');

  // Facebook
  m = path.match(/^\/facebook\/([^/]+)\/?$/);
  if (m) {
    const a = account('facebook', m[1]!);
    if (!a) return reply(404, renderFacebookNotFound());
    if (a.state === 'login_wall') return reply(200, renderFacebookLoginWall());
    return reply(200, renderFacebookProfile(a, q('cursor'), a.handle === MALFORMED_HANDLE));
  }
  // Instagram
  m = path.match(/^\/instagram\/([^/]+)\/feed\/?$/);
  if (m) {
    const a = account('instagram', m[1]!);
    if (a?.state !== 'public') return jsonReply(404, { status: 'fail', message: 'Not found' });
    return jsonReply(200, instagramFeedFragment(a, q('max_id')));
  }
  m = path.match(/^\/instagram\/([^/]+)\/?$/);
  if (m && m[1] !== 'p') {
    const a = account('instagram', m[1]!);
    if (!a) return reply(404, renderInstagramNotFound());
    return reply(200, renderInstagramProfile(a));
  }
  // TikTok
  if (path === '/tiktok/api/post/item_list/' || path === '/tiktok/api/post/item_list') {
    const a = account('tiktok', q('unique_id') ?? '');
    if (a?.state !== 'public') return jsonReply(404, { statusCode: 10202, status_msg: 'user not found' });
    return jsonReply(200, tiktokItemList(a, q('cursor')));
  }
  m = path.match(/^\/tiktok\/@([^/]+)\/?$/);
  if (m) {
    const a = account('tiktok', m[1]!);
    if (!a) return reply(404, renderTikTokNotFound());
    return reply(200, renderTikTokProfile(a));
  }
  // X
  m = path.match(/^\/x\/([^/]+)\/?$/);
  if (m) {
    const a = account('x', m[1]!);
    if (!a) return reply(404, renderXNotFound());
    if (a.state === 'login_wall') return reply(200, renderXLoginWall());
    return reply(200, renderXProfile(a, q('cursor')));
  }
  // YouTube channel feed (the default YouTube collector reads this, not the page)
  if (path === '/youtube/feeds/videos.xml') {
    const feed = youtubeFeed(q('channel_id'));
    return { status: feed.status, body: feed.body, type: feed.type };
  }
  // YouTube Data API imitation
  m = path.match(/^\/youtube\/api\/v3\/(channels|playlistItems)$/);
  if (m) {
    const result = youtubeApi(m[1] as 'channels' | 'playlistItems', url.searchParams);
    return jsonReply(result.status, result.body);
  }
  m = path.match(/^\/youtube\/@([^/]+)(?:\/(?:featured|videos|posts))?\/?$/);
  if (m) {
    const a = account('youtube', m[1]!);
    if (!a) return reply(404, renderYouTubeNotFound());
    return reply(200, renderYouTubeProfile(a, q('continuation'), now()));
  }
  if (path.startsWith('/facebook/')) return reply(404, renderFacebookNotFound());
  if (path.startsWith('/instagram/')) return reply(404, renderInstagramNotFound());
  if (path.startsWith('/tiktok/')) return reply(404, renderTikTokNotFound());
  if (path.startsWith('/x/')) return reply(404, renderXNotFound());
  if (path.startsWith('/youtube/')) return reply(404, renderYouTubeNotFound());
  return reply(404, '<!DOCTYPE html><title>404</title><h1>404</h1>');
}

/** Starts the demo platform on 127.0.0.1. Test fixture only: it imitates public profile pages, nothing more. */
export async function startDemoPlatform(options: DemoPlatformOptions = {}): Promise<DemoPlatform> {
  const failures = new Map(Object.entries(options.failFirst ?? {}));
  const now = options.now ?? Date.now;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(req.url ?? '/');
    const remaining = failures.get(path) ?? 0;
    if (remaining > 0) {
      failures.set(path, remaining - 1);
      send(res, 503, '<!DOCTYPE html><title>503</title><h1>Layanan sedang sibuk</h1>');
      return;
    }
    const poster = /^\/static\/poster\/([a-z0-9-]+)\.png$/.exec(path);
    if (poster) {
      const png = posterPng(poster[1]!);
      if (!png) {
        send(res, 404, 'not found', 'text/plain');
        return;
      }
      png.then(
        (bytes) => {
          res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
          res.end(bytes);
        },
        (error: unknown) => send(res, 500, String(error), 'text/plain'),
      );
      return;
    }
    try {
      const r = route(req, now);
      send(res, r.status, r.body, r.type);
    } catch (error) {
      send(res, 500, `<!DOCTYPE html><title>500</title><pre>${String(error)}</pre>`, 'text/html');
    }
  });
  server.keepAliveTimeout = 1000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  return {
    url,
    port,
    requests,
    origins: {
      facebook: `${url}/facebook`,
      instagram: `${url}/instagram`,
      tiktok: `${url}/tiktok`,
      x: `${url}/x`,
      youtube: `${url}/youtube`,
      bluesky: `${url}/bluesky`,
      mastodon: `${url}/mastodon`,
      telegram: `${url}/telegram`,
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
