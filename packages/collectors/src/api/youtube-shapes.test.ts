import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '../testing/index.ts';
import { collectYouTube } from './youtube-feed.ts';

/**
 * The channel feed and the Data API beyond the plain case: Shorts linked as /shorts/, entries without
 * statistics or description, Data API error bodies (quota, refused key in `errors` and `details`), private
 * and deleted uploads left in the uploads playlist, a feed that answers 404 for a channel that exists.
 * Written from the feed's Atom shape and the Data API reference, with our own data.
 */
const CHANNEL = 'UCzyxwvutsrqponmlkjihgfe';
const account = {
  id: '44444444-4444-4444-8444-444444444445',
  platform: 'youtube' as const,
  handle: 'kanalwarga',
  profileUrl: 'https://www.youtube.com/@kanalwarga',
};
const videos = Array.from({ length: 18 }, (_, i) => {
  const n = 18 - i;
  return {
    videoId: `yv${String(n).padStart(9, '0')}`,
    title: `Liputan ${n}`,
    description: `Isi ${n}`,
    published: new Date(Date.UTC(2026, 8, n)).toISOString(),
  };
});

const entry = (id: string, link: string, extra = '') => `
 <entry>
  <id>yt:video:${id}</id>
  <yt:videoId>${id}</yt:videoId>
  <yt:channelId>${CHANNEL}</yt:channelId>
  <title>Judul ${id}</title>
  <link rel="alternate" href="${link}"/>
  <author><name>Kanal Warga</name><uri>https://www.youtube.com/channel/${CHANNEL}</uri></author>
  <published>2026-09-30T10:00:00+00:00</published>
  <updated>2026-09-30T10:05:00+00:00</updated>
  <media:group>
   <media:title>Judul ${id}</media:title>
   <media:content url="https://www.youtube.com/v/${id}?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
   <media:thumbnail url="https://i2.ytimg.com/vi/${id}/hqdefault.jpg" width="480" height="360"/>${extra}
  </media:group>
 </entry>`;
const feed = (entries: string) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=${CHANNEL}"/>
 <id>yt:channel:${CHANNEL}</id>
 <yt:channelId>${CHANNEL}</yt:channelId>
 <title>Kanal Warga</title>
 <link rel="alternate" href="https://www.youtube.com/channel/${CHANNEL}"/>
 <published>2021-01-01T00:00:00+00:00</published>${entries}
</feed>`;
const apiError = (code: number, reasons: { errors: string; details?: string; status?: string }) =>
  JSON.stringify({
    error: {
      code,
      message: 'Pesan galat',
      errors: [{ message: 'Pesan galat', domain: 'global', reason: reasons.errors }],
      ...(reasons.status ? { status: reasons.status } : {}),
      ...(reasons.details
        ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: reasons.details }] }
        : {}),
    },
  });

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.youtube.push({ channelId: CHANNEL, handle: 'kanalwarga', title: 'Kanal Warga', videos });
  server = await startApiPlatformServer(world, { pageSize: 5 });
});
afterAll(() => server.close());

const input = (key?: string) => ({
  account,
  platformOrigins: { youtube: server.origins.youtube },
  http: { backoffBaseMs: 10, attempts: 2 },
  ...(key ? { youtubeApiKey: key } : {}),
});

async function withOverride<T>(
  suffix: string,
  reply: { status: number; body: string; type?: string },
  run: () => Promise<T>,
) {
  server.override(suffix, reply);
  try {
    return await run();
  } finally {
    server.override(suffix, null);
  }
}

describe('YouTube collectors against the feed’s and Data API’s other answers', () => {
  it('keeps a Short’s /shorts/ URL and reads entries without statistics or description', async () => {
    const xml = feed(
      entry('shortAAAAAA', 'https://www.youtube.com/shorts/shortAAAAAA') +
        entry(
          'longBBBBBBB',
          'https://www.youtube.com/watch?v=longBBBBBBB',
          '<media:description>Debat kandidat</media:description><media:community><media:statistics views="1234"/></media:community>',
        ),
    );
    const result = await withOverride('/feeds/videos.xml', { status: 200, body: xml, type: 'text/xml' }, () =>
      collectYouTube(input()),
    );
    expect(result.status).toBe('ok');
    expect(result.posts.map((p) => [p.url, p.text, p.raw.views, p.raw.short ?? false])).toEqual([
      ['https://www.youtube.com/shorts/shortAAAAAA', 'Judul shortAAAAAA', null, true],
      ['https://www.youtube.com/watch?v=longBBBBBBB', 'Judul longBBBBBBB\nDebat kandidat', 1234, false],
    ]);
  });

  it('a feed whose entries all lack a video id is response_unrecognised', async () => {
    const xml = feed(
      entry('xxxxxxxxxxx', 'https://www.youtube.com/watch?v=xxxxxxxxxxx').replace(
        /<yt:videoId>.*<\/yt:videoId>|<id>yt:video:.*<\/id>/g,
        '',
      ),
    );
    const result = await withOverride('/feeds/videos.xml', { status: 200, body: xml, type: 'text/xml' }, () =>
      collectYouTube(input()),
    );
    expect(result.status).toBe('response_unrecognised');
  });

  it('quota exhausted on the uploads playlist is a retryable rate limit, the feed’s videos kept', async () => {
    const result = await withOverride(
      '/api/v3/playlistItems',
      { status: 403, body: apiError(403, { errors: 'quotaExceeded' }), type: 'application/json' },
      () => collectYouTube(input('kunci-uji')),
    );
    expect(result.status).toBe('blocked');
    expect(result.posts).toHaveLength(15);
    expect(result.errors[0]).toMatchObject({ code: 'COLLECTOR_RATE_LIMITED', retryable: true });
  });

  it('a refused key (badRequest in errors, API_KEY_INVALID in details) is a typed, non-retryable failure', async () => {
    const result = await withOverride(
      '/api/v3/channels',
      {
        status: 400,
        body: apiError(400, { errors: 'badRequest', details: 'API_KEY_INVALID', status: 'INVALID_ARGUMENT' }),
        type: 'application/json',
      },
      () => collectYouTube(input('kunci-salah')),
    );
    expect(result.status).toBe('blocked');
    expect(result.errors[0]).toMatchObject({
      code: 'COLLECTOR_API_FAILED',
      retryable: false,
      details: { reason: 'API_KEY_INVALID' },
    });
    expect(result.errors[0]!.message).not.toContain('kunci-salah');
  });

  it('skips private and deleted uploads still listed in the uploads playlist', async () => {
    const items = [
      {
        kind: 'youtube#playlistItem',
        snippet: {
          title: 'Private video',
          description: 'This video is private.',
          resourceId: { videoId: 'privCCCCCCC' },
        },
        contentDetails: { videoId: 'privCCCCCCC' },
        status: { privacyStatus: 'private' },
      },
      {
        kind: 'youtube#playlistItem',
        snippet: {
          title: 'Deleted video',
          description: 'This video is unavailable.',
          resourceId: { videoId: 'gonedDDDDDD' },
        },
        contentDetails: { videoId: 'gonedDDDDDD' },
      },
      {
        kind: 'youtube#playlistItem',
        snippet: { title: 'Lama', description: 'Video lama', publishedAt: '2025-01-01T00:00:00Z' },
        contentDetails: { videoId: 'oldEEEEEEEE', videoPublishedAt: '2025-01-01T00:00:00Z' },
        status: { privacyStatus: 'public' },
      },
    ];
    const result = await withOverride(
      '/api/v3/playlistItems',
      {
        status: 200,
        body: JSON.stringify({ kind: 'youtube#playlistItemListResponse', items }),
        type: 'application/json',
      },
      () => collectYouTube(input('kunci-uji')),
    );
    expect(result.status).toBe('ok');
    const ids = result.posts.map((p) => p.externalId);
    expect(ids).toContain('oldEEEEEEEE');
    expect(ids).not.toContain('privCCCCCCC');
    expect(ids).not.toContain('gonedDDDDDD');
  });

  it('a feed answering 404 for a channel whose page exists is a retryable failure, not a deleted channel', async () => {
    const result = await withOverride(
      '/feeds/videos.xml',
      { status: 404, body: '<!DOCTYPE html><title>Error 404</title>', type: 'text/html' },
      () => collectYouTube(input()),
    );
    expect(result.status).toBe('blocked');
    expect(result.errors[0]).toMatchObject({ code: 'COLLECTOR_API_FAILED', retryable: true });
    // Given by channel id only, nothing says the channel exists: the same 404 means not found.
    const byId = await withOverride(
      '/feeds/videos.xml',
      { status: 404, body: '<!DOCTYPE html><title>Error 404</title>', type: 'text/html' },
      () => collectYouTube({ ...input(), account: { ...account, handle: CHANNEL } }),
    );
    expect(byId.status).toBe('not_found');
  });

  it('a cookie-consent interstitial instead of the channel page is blocked (login wall), not a changed page', async () => {
    const consent =
      '<!DOCTYPE html><html><body><form action="https://consent.youtube.com/save" method="POST"><input type="hidden" name="continue" value="https://www.youtube.com/@kanalwarga"><button>Terima semua</button></form></body></html>';
    const result = await withOverride('/@kanalwarga', { status: 200, body: consent, type: 'text/html' }, () =>
      collectYouTube(input()),
    );
    expect(result.status).toBe('blocked');
    expect(result.errors[0]!.code).toBe('COLLECTOR_LOGIN_WALL');
  });
});
