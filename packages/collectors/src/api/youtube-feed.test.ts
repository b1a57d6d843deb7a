import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '../testing/index.ts';
import { channelIdFromPage, collectYouTube } from './youtube-feed.ts';

const CHANNEL = 'UCabcdefghijklmnopqrstuv';
const account = {
  id: '44444444-4444-4444-8444-444444444444',
  platform: 'youtube' as const,
  handle: 'budikanal',
  profileUrl: 'https://www.youtube.com/@budikanal',
};

const videos = Array.from({ length: 20 }, (_, i) => {
  const n = 20 - i; // newest first
  return {
    videoId: `vid${String(n).padStart(8, '0')}`,
    title: `Video ${n} & kegiatan`,
    description: n === 20 ? 'Dukung paslon nomor 2' : `Deskripsi ${n}`,
    published: new Date(Date.UTC(2026, 9, n)).toISOString().replace('.000Z', '+00:00'),
    views: n * 10,
  };
});

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.youtube.push({ channelId: CHANNEL, handle: 'budikanal', title: 'Kanal Budi', videos });
  server = await startApiPlatformServer(world, { pageSize: 5 });
});
afterAll(() => server.close());

const input = () => ({ account, platformOrigins: { youtube: server.origins.youtube }, http: { backoffBaseMs: 10 } });

describe('YouTube feed collector', () => {
  it('finds the channel id on a channel page', () => {
    expect(channelIdFromPage(`<link rel="canonical" href="https://www.youtube.com/channel/${CHANNEL}">`)).toBe(CHANNEL);
    expect(channelIdFromPage(`{"externalId":"${CHANNEL}"}`)).toBe(CHANNEL);
    expect(channelIdFromPage('<html></html>')).toBeNull();
  });

  it('reads the latest 15 uploads from the Atom feed without a key', async () => {
    server.requests.length = 0;
    const result = await collectYouTube(input());
    expect(result.status).toBe('ok');
    expect(result.posts).toHaveLength(15);
    expect(result.posts[0]).toMatchObject({
      externalId: 'vid00000020',
      kind: 'caption',
      url: 'https://www.youtube.com/watch?v=vid00000020',
      text: 'Video 20 & kegiatan\nDukung paslon nomor 2',
      postedAt: '2026-10-20T00:00:00+00:00',
      raw: { views: 200, collector: 'youtube-feed' },
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/youtube/@budikanal', '/youtube/feeds/videos.xml']);
  });

  it('reads older uploads through the Data API with a key, without the key in the evidence', async () => {
    server.requests.length = 0;
    const result = await collectYouTube({ ...input(), youtubeApiKey: 'secret-key' });
    expect(result.status).toBe('ok');
    expect(result.posts).toHaveLength(20);
    expect(new Set(result.posts.map((p) => p.externalId)).size).toBe(20);
    expect(result.posts.at(-1)!.raw).toMatchObject({ source: 'youtube-data-api' });
    expect(JSON.stringify(result.posts)).not.toContain('secret-key');
    expect(server.requests.filter((r) => r.path.endsWith('/playlistItems')).length).toBeGreaterThan(1);
  });

  it('fetches only newer uploads on an incremental crawl', async () => {
    const first = await collectYouTube(input());
    const fresh = { videoId: 'vidnew00001', title: 'Baru', description: '', published: '2026-10-25T00:00:00+00:00' };
    server.world.youtube[0]!.videos.unshift(fresh);
    const second = await collectYouTube({ ...input(), cursors: first.cursors });
    expect(second.posts.map((p) => p.externalId)).toEqual(['vidnew00001']);
    server.world.youtube[0]!.videos.shift();
  });

  it('reports an unknown channel as not_found and a non-feed answer as response_unrecognised', async () => {
    const missing = await collectYouTube({ ...input(), account: { ...account, handle: 'tidakada' } });
    expect(missing.status).toBe('not_found');
    server.override('/feeds/videos.xml', { status: 200, body: '<html><body>consent</body></html>', type: 'text/html' });
    try {
      const changed = await collectYouTube(input());
      expect(changed.status).toBe('response_unrecognised');
      expect(changed.errors[0]!.code).toBe('COLLECTOR_RESPONSE_UNRECOGNISED');
    } finally {
      server.override('/feeds/videos.xml', null);
    }
  });
});
