import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserPool } from '../browser-pool.ts';
import { ArtefactStore } from '../evidence/artefact-store.ts';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '../testing/index.ts';
import { collectYouTubeViaApi } from './youtube-data-api.ts';

/** The Data-API-only path (`crawlAccount` with `youtubeApi`): a 200 without `items` is not "no videos". */
let server: ApiPlatformServer;
let dir: string;
beforeAll(async () => {
  const world = emptyWorld();
  world.youtube.push({
    channelId: 'UCdatadatadatadatadata00',
    handle: 'kanaldata',
    title: 'Kanal Data',
    videos: [{ videoId: 'dataAAAAAAA', title: 'Satu', description: 'Isi', published: '2026-10-01T00:00:00Z' }],
  });
  server = await startApiPlatformServer(world);
  dir = mkdtempSync(join(tmpdir(), 'netra-ytapi-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = () =>
  collectYouTubeViaApi({
    account: {
      id: '44444444-4444-4444-8444-444444444446',
      platform: 'youtube',
      handle: 'kanaldata',
      profileUrl: 'https://www.youtube.com/@kanaldata',
    },
    // Not used on this path: the Data API needs no browser.
    pool: {} as BrowserPool,
    store: new ArtefactStore(dir),
    youtubeApi: { apiKey: 'kunci-uji', baseUrl: `${server.origins.youtube}/api/v3` },
    now: () => new Date(),
    maxPosts: 10,
  });

describe('YouTube Data API path', () => {
  it('a playlistItems answer without items is response_unrecognised, not ok with 0 posts', async () => {
    // channels answers with contentDetails.relatedPlaylists.uploads only in this override.
    server.override('/api/v3/channels', {
      status: 200,
      body: JSON.stringify({
        items: [
          {
            id: 'UCdatadatadatadatadata00',
            contentDetails: { relatedPlaylists: { uploads: 'UUdatadatadatadatadata00' } },
          },
        ],
      }),
      type: 'application/json',
    });
    server.override('/api/v3/playlistItems', {
      status: 200,
      body: JSON.stringify({ kind: 'youtube#playlistItemListResponse', videos: [] }),
      type: 'application/json',
    });
    try {
      const result = await run();
      expect(result.status).toBe('response_unrecognised');
      expect(result.errors[0]!.code).toBe('COLLECTOR_RESPONSE_UNRECOGNISED');
    } finally {
      server.override('/api/v3/playlistItems', null);
    }
    try {
      const result = await run();
      expect(result.status).toBe('ok');
      expect(result.posts.map((p) => p.externalId)).toEqual(['dataAAAAAAA']);
    } finally {
      server.override('/api/v3/channels', null);
    }
  });
});

describe('YouTube Data API path: hostile answers', () => {
  const channels = {
    status: 200,
    body: JSON.stringify({
      items: [
        {
          id: 'UCdatadatadatadatadata00',
          contentDetails: { relatedPlaylists: { uploads: 'UUdatadatadatadatadata00' } },
        },
      ],
    }),
    type: 'application/json',
  };

  it('a nextPageToken that comes back again ends the crawl as response_unrecognised instead of paging forever', {
    timeout: 20_000,
  }, async () => {
    server.override('/api/v3/channels', channels);
    // Every page: no items, and the same token again.
    server.override('/api/v3/playlistItems', {
      status: 200,
      body: JSON.stringify({ items: [], nextPageToken: 'CAUQAA' }),
      type: 'application/json',
    });
    try {
      const result = await run();
      expect(result.status).toBe('response_unrecognised');
      expect(result.errors[0]!.code).toBe('COLLECTOR_RESPONSE_UNRECOGNISED');
      expect(result.errors[0]!.details.field).toBe('nextPageToken');
    } finally {
      server.override('/api/v3/playlistItems', null);
      server.override('/api/v3/channels', null);
    }
  });

  it('a channels answer that is not JSON is response_unrecognised, not "channel not found"', async () => {
    server.override('/api/v3/channels', {
      status: 200,
      body: '<html><body>Sedang pemeliharaan</body></html>',
      type: 'text/html',
    });
    try {
      const result = await run();
      expect(result.status).toBe('response_unrecognised');
      expect(result.errors[0]!.code).toBe('COLLECTOR_RESPONSE_UNRECOGNISED');
    } finally {
      server.override('/api/v3/channels', null);
    }
  });
});
