import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiPlatformServer,
  bskyFeedItem,
  bskyImagesView,
  bskyPostView,
  bskyProfileView,
  bskyQuoteView,
  byteRange,
  emptyWorld,
  startApiPlatformServer,
} from '../testing/index.ts';
import { collectBluesky } from './bluesky.ts';

/**
 * The AppView's answers vary more than the happy path: every `app.bsky.embed.*#view` of the lexicon, quoted
 * posts the viewer may not see (`#viewNotFound`, `#viewBlocked`, `#viewDetached`), records that are not posts
 * (feed generators, lists), pinned items, labels, record times written without a zone, XRPC error bodies.
 * Shapes written from the atproto lexicons (app.bsky.feed.defs, app.bsky.embed.*), with our own data.
 */
const ME = { did: 'did:plc:sssssssssssssssssssssss1', handle: 'sari.bsky.social' };
const CAND = { did: 'did:plc:sssssssssssssssssssssss2', handle: 'cabup3.bsky.social' };
const account = {
  id: '11111111-1111-4111-8111-111111111112',
  platform: 'bluesky' as const,
  handle: ME.handle,
  profileUrl: `https://bsky.app/profile/${ME.handle}`,
};
const candidateAccounts = { [`bluesky:${CAND.handle}`]: 'pilkada-jambi#3' };
const at = (n: number) => `2026-10-${String(20 - n).padStart(2, '0')}T09:00:00.000Z`;
const postUri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

const candPost = bskyPostView({ ...CAND, rkey: '3lcand', text: 'Nomor tiga untuk Jambi', createdAt: at(19) });
const multiByte = 'Terima kasih 🙏🏽 Bapak — café gratis #Pilkada2026 🇮🇩 selesai';
const longAlt = `Spanduk kampanye ${'🗳️ pilih nomor tiga '.repeat(120)}`;

function shapes() {
  const item = (rkey: string, n: number, extra: Record<string, unknown>, text = `posting ${rkey}`) =>
    bskyFeedItem(bskyPostView({ ...ME, rkey, text, createdAt: at(n), ...extra }));
  const feed = [
    // A repost of a post whose author's handle no longer verifies (`handle.invalid`).
    bskyFeedItem(
      bskyPostView({
        did: 'did:plc:lostlostlostlostlostlost',
        handle: 'handle.invalid',
        rkey: '3linvalid',
        text: 'Pesan lama',
        createdAt: at(0),
      }),
      { repostBy: { ...ME, at: at(0) } },
    ),
    // A pinned post heads the feed (includePins); it is listed again in its place.
    { ...item('3lpinned', 9, {}), reason: { $type: 'app.bsky.feed.defs#reasonPin' } },
    item('3lrwm', 1, {
      embed: {
        $type: 'app.bsky.embed.recordWithMedia#view',
        media: bskyImagesView(['Baliho nomor tiga di simpang empat']),
        record: bskyQuoteView(candPost),
      },
    }),
    item('3lgone', 2, {
      embed: {
        $type: 'app.bsky.embed.record#view',
        record: {
          $type: 'app.bsky.embed.record#viewNotFound',
          uri: postUri(CAND.did, '3ldeleted'),
          notFound: true,
        },
      },
    }),
    item('3lblock', 3, {
      embed: {
        $type: 'app.bsky.embed.record#view',
        record: {
          $type: 'app.bsky.embed.record#viewBlocked',
          uri: postUri('did:plc:blocker', '3lb'),
          blocked: true,
          author: { did: 'did:plc:blocker', viewer: { blockedBy: true } },
        },
      },
    }),
    item('3ldetach', 4, {
      embed: {
        $type: 'app.bsky.embed.record#view',
        record: { $type: 'app.bsky.embed.record#viewDetached', uri: postUri(CAND.did, '3ldet'), detached: true },
      },
    }),
    item('3lvideo', 5, {
      embed: {
        $type: 'app.bsky.embed.video#view',
        cid: 'bafyvideo',
        playlist: 'https://video.bsky.app/watch/x/playlist.m3u8',
        thumbnail: 'https://video.bsky.app/watch/x/thumbnail.jpg',
        alt: 'Video orasi calon nomor tiga',
        aspectRatio: { width: 16, height: 9 },
      },
    }),
    item('3lfeedgen', 6, {
      embed: {
        $type: 'app.bsky.embed.record#view',
        record: {
          $type: 'app.bsky.feed.defs#generatorView',
          uri: `at://${ME.did}/app.bsky.feed.generator/relawan`,
          cid: 'bafygen',
          did: 'did:web:feeds.example',
          creator: { did: ME.did, handle: ME.handle },
          displayName: 'Relawan Nomor Tiga',
          description: 'Kabar relawan setiap hari',
          indexedAt: at(6),
        },
      },
    }),
    item('3lnewembed', 7, {
      embed: { $type: 'app.bsky.embed.poll#view', question: 'Pilih siapa?', options: ['1', '2', '3'] },
    }),
    item(
      '3lemoji',
      8,
      {
        facets: [
          {
            index: byteRange(multiByte, '#Pilkada2026'),
            features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Pilkada2026' }],
          },
        ],
      },
      multiByte,
    ),
  ];
  // A client wrote year 0001 into the record: the AppView's indexedAt is the post's time.
  ((feed[5]!.post as Record<string, unknown>).record as Record<string, unknown>).createdAt = '0001-01-01T00:00:00.000Z';
  // A reply whose parent the AppView will not show (#blockedPost), labelled, with a zone-less record time.
  const reply = bskyPostView({
    ...ME,
    rkey: '3lreply',
    text: 'Balasan saya',
    createdAt: '2026-10-10T09:00:00',
    reply: { parent: postUri('did:plc:blocker', '3lparent') },
    embed: bskyImagesView([longAlt]),
  });
  reply.labels = [{ src: 'did:plc:mod', uri: reply.uri, val: 'graphic-media', cts: at(10) }];
  reply.indexedAt = '2026-10-10T09:00:01.000Z';
  feed.push({
    post: reply,
    reply: {
      root: { $type: 'app.bsky.feed.defs#blockedPost', uri: postUri('did:plc:blocker', '3lparent'), blocked: true },
      parent: { $type: 'app.bsky.feed.defs#blockedPost', uri: postUri('did:plc:blocker', '3lparent'), blocked: true },
    },
  });
  return feed;
}

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.bluesky.push({ ...ME, feed: shapes(), likes: [], follows: [bskyProfileView(CAND.did, CAND.handle)] });
  server = await startApiPlatformServer(world, { pageSize: 4 });
});
afterAll(() => server.close());

const input = () => ({
  account,
  platformOrigins: { bluesky: server.origins.bluesky },
  candidateAccounts,
  http: { backoffBaseMs: 10, attempts: 2 },
});

describe('Bluesky collector against the lexicon’s other shapes', () => {
  it('reads every embed view, keeps a post with an unknown embed and reports only that part', async () => {
    const result = await collectBluesky(input());
    expect(result.status).toBe('ok');
    const byRkey = Object.fromEntries(result.posts.map((p) => [p.externalId.split('/').pop(), p]));
    // The pinned item is not collected twice; everything else is, the unknown embed included.
    expect(Object.keys(byRkey).sort()).toEqual(
      [
        '3lblock',
        '3ldetach',
        '3lemoji',
        '3lfeedgen',
        '3lgone',
        '3linvalid',
        '3lnewembed',
        '3lreply',
        '3lrwm',
        '3lvideo',
      ].sort(),
    );
    expect(byRkey['3linvalid']!.url).toBe('https://bsky.app/profile/did:plc:lostlostlostlostlostlost/post/3linvalid');
    const unrecognised = result.errors.filter((e) => e.code === 'COLLECTOR_RESPONSE_UNRECOGNISED');
    expect(unrecognised).toHaveLength(1);
    expect(unrecognised[0]!.details).toMatchObject({ externalId: postUri(ME.did, '3lnewembed') });
    expect(unrecognised[0]!.retryable).toBe(false);
    expect(result.errors.filter((e) => e.code !== 'COLLECTOR_RESPONSE_UNRECOGNISED')).toEqual([]);

    // recordWithMedia: the image alt and the quoted candidate post, as context and as a repost interaction.
    expect(byRkey['3lrwm']!.mediaDescriptions).toEqual(['Baliho nomor tiga di simpang empat']);
    expect(byRkey['3lrwm']!.context).toMatchObject({
      parentText: 'Nomor tiga untuk Jambi',
      parentAuthor: CAND.handle,
      parentCandidate: 'pilkada-jambi#3',
    });
    expect(byRkey['3lrwm']!.raw.quote).toMatchObject({ state: 'ok', uri: candPost.uri });
    // Quotes the AppView cannot show keep their URI and say why.
    expect(byRkey['3lgone']!.raw.quote).toMatchObject({ state: 'notFound', text: null });
    expect(byRkey['3lblock']!.raw.quote).toMatchObject({ state: 'blocked', authorHandle: null });
    expect(byRkey['3ldetach']!.raw.quote).toMatchObject({ state: 'detached' });
    expect(byRkey['3ldetach']!.postedAt).toBe(at(4));
    expect(byRkey['3lvideo']!.mediaDescriptions).toEqual(['Video orasi calon nomor tiga']);
    expect(byRkey['3lvideo']!.raw.videoThumbnails).toEqual(['https://video.bsky.app/watch/x/thumbnail.jpg']);
    // A feed generator is not a quoted post: no repost interaction, its name is read as a description.
    expect(byRkey['3lfeedgen']!.raw.quote).toBeNull();
    expect(byRkey['3lfeedgen']!.mediaDescriptions).toEqual(['Relawan Nomor Tiga — Kabar relawan setiap hari']);
    const reposts = result.interactions.filter((i) => i.interaction === 'repost').map((i) => i.externalId);
    expect(reposts).not.toContain(postUri(ME.did, '3lfeedgen'));
    expect(reposts).toContain(postUri(ME.did, '3lrwm'));
    // Facet byte offsets in text with skin-tone emoji, an accent and a flag.
    expect((byRkey['3lemoji']!.raw.facets as { text: string }[])[0]!.text).toBe('#Pilkada2026');
  });

  it('keeps a reply to a blocked parent, its labels, a zone-less time and an over-long alt text', async () => {
    const result = await collectBluesky(input());
    const reply = result.posts.find((p) => p.externalId.endsWith('3lreply'))!;
    expect(reply.kind).toBe('comment');
    expect(reply.postedAt).toBe('2026-10-10T09:00:00.000Z');
    expect(reply.raw.labels).toEqual(['graphic-media']);
    expect(reply.raw.replyTo).toBe(postUri('did:plc:blocker', '3lparent'));
    expect(reply.mediaDescriptions[0]!.length).toBeLessThanOrEqual(2000);
    expect(reply.mediaDescriptions[0]!.startsWith('Spanduk kampanye')).toBe(true);
    const interaction = result.interactions.find((i) => i.externalId === reply.externalId)!;
    expect(interaction.target).toMatchObject({ externalId: postUri('did:plc:blocker', '3lparent'), text: null });
  });

  it('reads XRPC error bodies: a taken-down, deactivated or malformed actor is not_found with the reason', async () => {
    const cases = [
      { error: 'AccountTakedown', message: 'Account has been suspended' },
      { error: 'AccountDeactivated', message: 'Account is deactivated' },
      { error: 'InvalidRequest', message: 'Error: actor must be a valid did or a handle' },
    ];
    for (const body of cases) {
      server.override('getProfile', { status: 400, body: JSON.stringify(body), type: 'application/json' });
      try {
        const result = await collectBluesky(input());
        expect(result.status).toBe('not_found');
        expect(result.errors[0]!.code).toBe('COLLECTOR_NOT_FOUND');
        expect(result.errors[0]!.message).toContain(body.error);
      } finally {
        server.override('getProfile', null);
      }
    }
    // An XRPC error the collector cannot place is not "not found" and not "ok".
    server.override('getProfile', {
      status: 400,
      body: JSON.stringify({ error: 'SomethingNew', message: 'x' }),
      type: 'application/json',
    });
    try {
      expect((await collectBluesky(input())).status).toBe('response_unrecognised');
    } finally {
      server.override('getProfile', null);
    }
  });

  it('an account taken down between the profile and the feed is not_found, not unrecognised', async () => {
    server.override('getAuthorFeed', {
      status: 400,
      body: JSON.stringify({ error: 'AccountTakedown', message: 'Account has been suspended' }),
      type: 'application/json',
    });
    try {
      const result = await collectBluesky(input());
      expect(result.status).toBe('not_found');
    } finally {
      server.override('getAuthorFeed', null);
    }
  });

  it('a page whose items all lack the documented post view is response_unrecognised, not ok with 0 posts', async () => {
    server.override('getAuthorFeed', {
      status: 200,
      body: JSON.stringify({ feed: [{ item: { uri: 'x' } }, { item: { uri: 'y' } }], cursor: 'z' }),
      type: 'application/json',
    });
    try {
      const result = await collectBluesky(input());
      expect(result.status).toBe('response_unrecognised');
      expect(result.posts).toEqual([]);
    } finally {
      server.override('getAuthorFeed', null);
    }
  });

  it('likes refused with an XRPC error (repo deactivated) are reported; posts and follows are still read', async () => {
    server.override('listRecords', {
      status: 400,
      body: JSON.stringify({ error: 'RepoDeactivated', message: 'Repo has been deactivated' }),
      type: 'application/json',
    });
    try {
      const result = await collectBluesky({ ...input(), interactions: true });
      expect(result.status).toBe('ok');
      expect(result.posts.length).toBeGreaterThan(0);
      const refused = result.errors.find((e) => e.code === 'COLLECTOR_API_FAILED')!;
      expect(refused.details).toMatchObject({ stream: 'likes' });
      expect(refused.message).toContain('RepoDeactivated');
      expect(result.interactions.filter((i) => i.interaction === 'follow')).toHaveLength(1);
      expect(result.cursors.likes).toBeUndefined();
    } finally {
      server.override('listRecords', null);
    }
  });
});
