import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiPlatformServer,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '../testing/index.ts';
import { collectMastodon, nextLink, splitAcct } from './mastodon.ts';

const INSTANCE = 'mastodon.example.id';
const me = mastodonAccount('109', 'budi', INSTANCE);
const cand = mastodonAccount('200', 'paslon2', 'kampanye.example', false);
const account = {
  id: '22222222-2222-4222-8222-222222222222',
  platform: 'mastodon' as const,
  handle: `budi@${INSTANCE}`,
  profileUrl: `https://${INSTANCE}/@budi`,
};
const candidateAccounts = { 'mastodon:paslon2@kampanye.example': 'pilkada-lampung#2' };
const candStatus = mastodonStatus({
  id: '500',
  account: cand,
  instance: 'kampanye.example',
  content: '<p>Coblos nomor 2!</p>',
  createdAt: '2026-11-01T00:00:00.000Z',
});

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.mastodon.push({
    id: '109',
    username: 'budi',
    instance: INSTANCE,
    statuses: [
      mastodonStatus({
        id: '1005',
        account: me,
        instance: INSTANCE,
        content: '',
        createdAt: '2026-11-05T00:00:00.000Z',
        reblog: candStatus,
      }),
      mastodonStatus({
        id: '1004',
        account: me,
        instance: INSTANCE,
        content: '<p>Setuju, <a href="https://kampanye.example/@paslon2">@paslon2</a>!</p>',
        createdAt: '2026-11-04T00:00:00.000Z',
        inReplyToId: '500',
        inReplyToAccountId: '200',
      }),
      mastodonStatus({
        id: '1003',
        account: me,
        instance: INSTANCE,
        content: '<p>Kegiatan dinas hari ini<br>di kantor camat</p>',
        createdAt: '2026-11-03T00:00:00.000Z',
        media: [{ description: 'Foto bersama calon nomor 2' }, { description: null }],
        editedAt: '2026-11-03T05:00:00.000Z',
      }),
      mastodonStatus({
        id: '1002',
        account: me,
        instance: INSTANCE,
        content: '<p>Selamat pagi &amp; salam sehat</p>',
        createdAt: '2026-11-02T00:00:00.000Z',
      }),
      mastodonStatus({
        id: '1001',
        account: me,
        instance: INSTANCE,
        content: '<p>Halo</p>',
        createdAt: '2026-11-01T00:00:00.000Z',
      }),
    ],
    history: {
      '1003': [
        {
          content: '<p>Kegiatan hari ini</p>',
          spoiler_text: '',
          created_at: '2026-11-03T00:00:00.000Z',
          media_attachments: [],
        },
        {
          content: '<p>Kegiatan dinas hari ini<br>di kantor camat</p>',
          spoiler_text: '',
          created_at: '2026-11-03T05:00:00.000Z',
          media_attachments: [],
        },
      ],
    },
    following: [cand, mastodonAccount('301', 'teman', INSTANCE)],
  });
  world.mastodonStatuses['500'] = candStatus;
  server = await startApiPlatformServer(world, { pageSize: 2 });
});
afterAll(() => server.close());

const input = () => ({
  account,
  platformOrigins: { mastodon: server.origins.mastodon },
  candidateAccounts,
  http: { backoffBaseMs: 10 },
});

describe('Mastodon collector', () => {
  it('splits user@instance and reads rel="next" from a Link header', () => {
    expect(splitAcct('@budi@mastodon.social')).toEqual({ user: 'budi', instance: 'mastodon.social' });
    expect(splitAcct('budi')).toBeNull();
    expect(
      nextLink('<https://m.example/api/v1/a?max_id=7>; rel="next", <https://m.example/api/v1/a?min_id=9>; rel="prev"'),
    ).toBe('https://m.example/api/v1/a?max_id=7');
    expect(nextLink('<https://m.example/api/v1/a?min_id=9>; rel="prev"')).toBeNull();
  });

  it('pages statuses only by the Link header (on the local origin) and reads boosts, replies, media descriptions and edits', async () => {
    server.requests.length = 0;
    const result = await collectMastodon(input());
    expect(result.status).toBe('ok');
    expect(result.errors).toEqual([]);
    expect(result.posts.map((p) => [p.externalId, p.kind])).toEqual([
      ['1005', 'share'],
      ['1004', 'comment'],
      ['1003', 'post'],
      ['1002', 'post'],
      ['1001', 'post'],
    ]);
    const pages = server.requests.filter((r) => r.path.endsWith('/statuses'));
    expect(pages).toHaveLength(3);
    expect(pages[1]!.url).toContain('max_id=1004');
    const [boost, reply, edited, entities] = result.posts;
    expect(boost).toMatchObject({
      text: '',
      context: {
        parentText: 'Coblos nomor 2!',
        parentAuthor: 'paslon2@kampanye.example',
        parentCandidate: 'pilkada-lampung#2',
      },
    });
    expect(reply).toMatchObject({
      text: 'Setuju, @paslon2!',
      url: `https://${INSTANCE}/@budi/1004`,
      context: { parentText: 'Coblos nomor 2!', parentCandidate: 'pilkada-lampung#2' },
    });
    expect(edited!.text).toBe('Kegiatan dinas hari ini\ndi kantor camat');
    expect(edited!.mediaDescriptions).toEqual(['Foto bersama calon nomor 2']);
    expect(edited!.raw.history).toEqual([
      { createdAt: '2026-11-03T00:00:00.000Z', text: 'Kegiatan hari ini' },
      { createdAt: '2026-11-03T05:00:00.000Z', text: 'Kegiatan dinas hari ini\ndi kantor camat' },
    ]);
    expect(entities!.text).toBe('Selamat pagi & salam sehat');
    expect(result.interactions.map((i) => [i.interaction, i.target.candidate])).toEqual([
      ['repost', 'pilkada-lampung#2'],
      ['reply', 'pilkada-lampung#2'],
    ]);
  });

  it('reads follows with --interactions and marks candidate accounts', async () => {
    const result = await collectMastodon({ ...input(), interactions: true });
    const follows = result.interactions.filter((i) => i.interaction === 'follow');
    expect(follows.map((f) => [f.target.authorHandle, f.target.candidate])).toEqual([
      ['paslon2@kampanye.example', 'pilkada-lampung#2'],
      [`teman@${INSTANCE}`, null],
    ]);
  });

  it('fetches only newer statuses on an incremental crawl', async () => {
    const first = await collectMastodon(input());
    const statuses = server.world.mastodon[0]!.statuses;
    statuses.unshift(
      mastodonStatus({
        id: '1006',
        account: me,
        instance: INSTANCE,
        content: '<p>Baru</p>',
        createdAt: '2026-11-06T00:00:00.000Z',
      }),
    );
    server.requests.length = 0;
    const second = await collectMastodon({ ...input(), cursors: first.cursors });
    expect(second.posts.map((p) => p.externalId)).toEqual(['1006']);
    expect(server.requests.filter((r) => r.path.endsWith('/statuses'))).toHaveLength(1);
    statuses.shift();
  });

  it('waits for the X-RateLimit-Reset time once the budget is spent', async () => {
    server.requests.length = 0;
    server.addHeaders('/accounts/lookup', 1, {
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': new Date(Date.now() + 1200).toISOString(),
    });
    const result = await collectMastodon(input());
    expect(result.status).toBe('ok');
    const [lookup, firstPage] = server.requests;
    expect(firstPage!.at - lookup!.at).toBeGreaterThanOrEqual(900);
  });

  it('reports an unknown account as not_found and a changed shape as response_unrecognised', async () => {
    const missing = await collectMastodon({ ...input(), account: { ...account, handle: `siapa@${INSTANCE}` } });
    expect(missing.status).toBe('not_found');
    server.override('/statuses', { status: 200, body: JSON.stringify({ statuses: [] }), type: 'application/json' });
    try {
      const changed = await collectMastodon(input());
      expect(changed.status).toBe('response_unrecognised');
      expect(changed.posts).toEqual([]);
    } finally {
      server.override('/statuses', null);
    }
  });
});
