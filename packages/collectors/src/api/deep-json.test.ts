import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clipJsonDepth, TOO_DEEP_MARKER } from '@netra/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtefactStore } from '../evidence/artefact-store.ts';
import {
  type ApiPlatformServer,
  bskyFeedItem,
  bskyPostView,
  emptyWorld,
  startApiPlatformServer,
} from '../testing/index.ts';
import { collectBluesky } from './bluesky.ts';

const ME = { did: 'did:plc:dddddddddddddddddddddddd', handle: 'dalam.bsky.social' };

let server: ApiPlatformServer;
let dir: string;
beforeAll(async () => {
  const world = emptyWorld();
  world.bluesky.push({ ...ME, feed: [], likes: [], follows: [] });
  server = await startApiPlatformServer(world);
  dir = mkdtempSync(join(tmpdir(), 'netra-deep-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A platform answer nesting 10,000 levels deep in a field the collector copies into `raw` (10 KB of brackets):
 * JSON.parse reads it, but JSON.stringify — queueing the post, storing its raw jsonb — overflowed the stack,
 * so the account's whole crawl failed on every retry. The post is kept, the deep part cut off.
 */
describe('API answers nested without bound', () => {
  it('keeps the post with its raw serialisable and the too-deep part marked', async () => {
    const item = bskyFeedItem(
      bskyPostView({ ...ME, rkey: '3kdeep1', text: 'Rapat koordinasi', createdAt: '2026-11-20T01:00:00.000Z' }),
    );
    (item.post as Record<string, unknown>).likeCount = '__DEEP__';
    const depth = 10_000;
    const body = JSON.stringify({ feed: [item] }).replace('"__DEEP__"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    server.override('/xrpc/app.bsky.feed.getAuthorFeed', { status: 200, body, type: 'application/json' });
    try {
      const result = await collectBluesky({
        account: {
          id: '55555555-5555-4555-8555-555555555555',
          platform: 'bluesky',
          handle: ME.handle,
          profileUrl: `https://bsky.app/profile/${ME.handle}`,
        },
        store: new ArtefactStore(dir),
        platformOrigins: { bluesky: server.origins.bluesky },
      });
      expect(result.errors).toEqual([]);
      expect(result.posts.map((p) => p.text)).toEqual(['Rapat koordinasi']);
      const raw = result.posts[0]!.raw as { counts: { likes: unknown } };
      expect(() => JSON.stringify(result.posts)).not.toThrow();
      let level: unknown = raw.counts.likes;
      let levels = 0;
      while (Array.isArray(level)) {
        level = level[0];
        levels++;
      }
      expect(level).toBe(TOO_DEEP_MARKER);
      expect(levels).toBeLessThan(32);
    } finally {
      server.override('/xrpc/app.bsky.feed.getAuthorFeed', null);
    }
  });

  it('clipJsonDepth keeps shallow values, dates and __proto__ keys as they were', () => {
    const at = new Date('2026-11-29T00:00:00Z');
    const parsed = JSON.parse('{"__proto__":{"x":1},"a":[1,{"b":null}]}') as Record<string, unknown>;
    const clipped = clipJsonDepth({ ...parsed, at }, 4);
    expect(clipped).toEqual({ ...parsed, at });
    expect(Object.keys(clipped)).toEqual(['__proto__', 'a', 'at']);
    expect(clipped.at).toBe(at);
    expect(clipJsonDepth({ a: [[1]] }, 2)).toEqual({ a: [TOO_DEEP_MARKER] });
  });
});
