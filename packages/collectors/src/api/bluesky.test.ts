import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtefactStore } from '../evidence/artefact-store.ts';
import {
  type ApiPlatformServer,
  bskyExternalView,
  bskyFeedItem,
  bskyImagesView,
  bskyLikeRecord,
  bskyPostView,
  bskyProfileView,
  bskyQuoteView,
  byteRange,
  emptyWorld,
  startApiPlatformServer,
} from '../testing/index.ts';
import { collectBluesky } from './bluesky.ts';

const ME = { did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', handle: 'budi.bsky.social' };
const CAND = { did: 'did:plc:cccccccccccccccccccccccc', handle: 'paslon2.bsky.social' };
const account = {
  id: '11111111-1111-4111-8111-111111111111',
  platform: 'bluesky' as const,
  handle: ME.handle,
  profileUrl: `https://bsky.app/profile/${ME.handle}`,
};
const candidateAccounts = { [`bluesky:${CAND.handle}`]: 'pilkada-lampung#2' };

const emojiText = 'Mantap 🎉 dukung #Paslon2 bersama @paslon2.bsky.social https://contoh.id/visi';
const candidatePost = bskyPostView({
  ...CAND,
  rkey: '3kcand1',
  text: 'Visi misi paslon 2 untuk Lampung',
  createdAt: '2026-11-01T08:00:00.000Z',
});

let server: ApiPlatformServer;
let dir: string;

function freshWorld() {
  const world = emptyWorld();
  world.bluesky.push({
    ...ME,
    feed: [
      // newest first
      bskyFeedItem(candidatePost, { repostBy: { ...ME, at: '2026-11-05T10:00:00.000Z' } }),
      bskyFeedItem(
        bskyPostView({
          ...ME,
          rkey: '3kreply1',
          text: 'Setuju sekali pak!',
          createdAt: '2026-11-04T10:00:00.000Z',
          reply: { parent: candidatePost.uri as string },
        }),
        { parent: candidatePost },
      ),
      bskyFeedItem(
        bskyPostView({
          ...ME,
          rkey: '3kquote1',
          text: 'Ini programnya',
          createdAt: '2026-11-03T10:00:00.000Z',
          embed: bskyQuoteView(candidatePost),
        }),
      ),
      bskyFeedItem(
        bskyPostView({
          ...ME,
          rkey: '3kfacet1',
          text: emojiText,
          createdAt: '2026-11-02T10:00:00.000Z',
          facets: [
            {
              index: byteRange(emojiText, '#Paslon2'),
              features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Paslon2' }],
            },
            {
              index: byteRange(emojiText, '@paslon2.bsky.social'),
              features: [{ $type: 'app.bsky.richtext.facet#mention', did: CAND.did }],
            },
            {
              index: byteRange(emojiText, 'https://contoh.id/visi'),
              features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://contoh.id/visi' }],
            },
          ],
          embed: bskyExternalView('https://contoh.id/visi', 'Visi Paslon 2', 'Program kerja lima tahun'),
        }),
      ),
      bskyFeedItem(
        bskyPostView({
          ...ME,
          rkey: '3kimage1',
          text: 'Kegiatan hari ini',
          createdAt: '2026-11-01T10:00:00.000Z',
          embed: bskyImagesView(['Foto bersama calon bupati nomor 2 mengacungkan dua jari']),
        }),
      ),
    ],
    likes: [
      bskyLikeRecord(ME.did, '3klike2', candidatePost.uri as string, '2026-11-06T00:00:00.000Z'),
      bskyLikeRecord(ME.did, '3klike1', 'at://did:plc:gone/app.bsky.feed.post/x', '2026-11-02T00:00:00.000Z'),
    ],
    follows: [bskyProfileView(CAND.did, CAND.handle), bskyProfileView('did:plc:other', 'teman.bsky.social')],
  });
  world.blueskyPosts[candidatePost.uri as string] = candidatePost;
  return world;
}

beforeAll(async () => {
  server = await startApiPlatformServer(freshWorld(), { pageSize: 2, trailingCursor: true });
  dir = mkdtempSync(join(tmpdir(), 'netra-bsky-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = () => ({
  account,
  store: new ArtefactStore(dir),
  platformOrigins: { bluesky: server.origins.bluesky },
  candidateAccounts,
  http: { backoffBaseMs: 10 },
});

describe('Bluesky collector', () => {
  it('pages the author feed until an empty page and reads reposts, replies, quotes, alt text, link cards and facets', async () => {
    server.requests.length = 0;
    const result = await collectBluesky(input());
    expect(result.status).toBe('ok');
    expect(result.errors).toEqual([]);
    expect(result.posts.map((p) => p.kind)).toEqual(['share', 'comment', 'post', 'post', 'post']);
    // 5 items at 2 per page = 3 pages, then the trailing cursor's empty feed ends the paging.
    expect(server.requests.filter((r) => r.path.endsWith('getAuthorFeed'))).toHaveLength(4);

    const [repost, reply, quote, facet, image] = result.posts;
    expect(repost).toMatchObject({
      text: '',
      authorHandle: ME.handle,
      context: {
        parentAuthor: CAND.handle,
        parentText: 'Visi misi paslon 2 untuk Lampung',
        parentCandidate: 'pilkada-lampung#2',
      },
    });
    expect(reply).toMatchObject({
      url: `https://bsky.app/profile/${ME.handle}/post/3kreply1`,
      context: { parentCandidate: 'pilkada-lampung#2' },
    });
    expect(quote!.context).toMatchObject({ parentAuthor: CAND.handle });
    const facets = facet!.raw.facets as { text: string; features: { type: string }[] }[];
    expect(facets.map((f) => f.text)).toEqual(['#Paslon2', '@paslon2.bsky.social', 'https://contoh.id/visi']);
    expect(facets.map((f) => f.features[0]!.type)).toEqual(['tag', 'mention', 'link']);
    expect(facet!.mediaDescriptions).toEqual(['Visi Paslon 2 — Program kerja lima tahun']);
    expect(image!.mediaDescriptions).toEqual(['Foto bersama calon bupati nomor 2 mengacungkan dua jari']);
    expect(image!.evidence.map((e) => e.kind)).toEqual(['json', 'json']);
    expect(image!.raw).toMatchObject({ collector: 'bluesky-api', evidenceManifest: image!.evidence[1]!.sha256 });
    expect(result.interactions.map((i) => i.interaction)).toEqual(['repost', 'reply', 'repost']);
    expect(result.cursors.posts).toEqual({ newestId: expect.any(String), newestAt: '2026-11-05T10:00:00.000Z' });
  });

  it('reads likes (with the liked post as context) and follows, marking candidate targets', async () => {
    const result = await collectBluesky({ ...input(), interactions: true });
    expect(result.status).toBe('ok');
    const likes = result.interactions.filter((i) => i.interaction === 'like');
    expect(likes).toHaveLength(2);
    expect(likes[0]!.target).toMatchObject({
      authorHandle: CAND.handle,
      text: 'Visi misi paslon 2 untuk Lampung',
      candidate: 'pilkada-lampung#2',
    });
    expect(likes[1]!.target).toMatchObject({ authorHandle: null, candidate: null });
    const follows = result.interactions.filter((i) => i.interaction === 'follow');
    expect(follows.map((f) => [f.target.authorHandle, f.target.candidate])).toEqual([
      [CAND.handle, 'pilkada-lampung#2'],
      ['teman.bsky.social', null],
    ]);
    expect(result.cursors.likes?.newestId).toContain('3klike2');
  });

  it('fetches only newer items on an incremental crawl', async () => {
    const first = await collectBluesky({ ...input(), interactions: true });
    const world = server.world.bluesky[0]!;
    world.feed.unshift(
      bskyFeedItem(bskyPostView({ ...ME, rkey: '3knew1', text: 'Baru', createdAt: '2026-11-07T10:00:00.000Z' })),
    );
    world.likes.unshift(bskyLikeRecord(ME.did, '3klike3', candidatePost.uri as string, '2026-11-07T00:00:00.000Z'));
    world.follows.unshift(bskyProfileView('did:plc:new', 'baru.bsky.social'));
    server.requests.length = 0;
    const second = await collectBluesky({ ...input(), interactions: true, cursors: first.cursors });
    expect(second.posts.map((p) => p.externalId)).toEqual([`at://${ME.did}/app.bsky.feed.post/3knew1`]);
    expect(second.interactions.map((i) => [i.interaction, i.target.authorHandle])).toEqual([
      ['like', CAND.handle],
      ['follow', 'baru.bsky.social'],
    ]);
    expect(server.requests.filter((r) => r.path.endsWith('getAuthorFeed'))).toHaveLength(1);
    server.world.bluesky[0] = freshWorld().bluesky[0]!;
  });

  it('reports an unknown handle as not_found', async () => {
    const result = await collectBluesky({ ...input(), account: { ...account, handle: 'tidakada.bsky.social' } });
    expect(result.status).toBe('not_found');
    expect(result.errors[0]!.code).toBe('COLLECTOR_NOT_FOUND');
  });

  it('waits as Retry-After says on 429 and then collects everything', async () => {
    server.requests.length = 0;
    server.rateLimit('getAuthorFeed', 1, { 'retry-after': '1' });
    const result = await collectBluesky(input());
    expect(result.status).toBe('ok');
    expect(result.posts).toHaveLength(5);
    const feed = server.requests.filter((r) => r.path.endsWith('getAuthorFeed'));
    expect(feed[1]!.at - feed[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up with COLLECTOR_RATE_LIMITED when asked to wait longer than allowed', async () => {
    server.rateLimit('getAuthorFeed', 1, { 'retry-after': '3600' });
    const result = await collectBluesky(input());
    expect(result.status).toBe('blocked');
    expect(result.errors[0]).toMatchObject({ code: 'COLLECTOR_RATE_LIMITED', retryable: true });
  });

  it('reports a feed in an unexpected shape as response_unrecognised, not as ok with 0 posts', async () => {
    server.override('getAuthorFeed', { status: 200, body: JSON.stringify({ items: [] }), type: 'application/json' });
    try {
      const result = await collectBluesky(input());
      expect(result.status).toBe('response_unrecognised');
      expect(result.errors[0]).toMatchObject({ code: 'COLLECTOR_RESPONSE_UNRECOGNISED', details: { field: 'feed' } });
    } finally {
      server.override('getAuthorFeed', null);
    }
  });
});
