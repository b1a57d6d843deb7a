import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiPlatformServer,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '../testing/index.ts';
import { collectMastodon, nextLink } from './mastodon.ts';

/**
 * Status entities as docs.joinmastodon.org documents them beyond the plain case: quote posts (4.4+ `quote`
 * as Quote or ShallowQuote), polls, every MediaAttachment type with null descriptions, content warnings, an
 * edit history in a changed shape, instances that want a login. Our own data, written from the docs.
 */
const INSTANCE = 'sosial.example.id';
const me = mastodonAccount('301', 'rina', INSTANCE);
const cand = mastodonAccount('900', 'cawalkot1', 'kota.example', false);
const account = {
  id: '22222222-2222-4222-8222-222222222223',
  platform: 'mastodon' as const,
  handle: `rina@${INSTANCE}`,
  profileUrl: `https://${INSTANCE}/@rina`,
};
const candidateAccounts = { 'mastodon:cawalkot1@kota.example': 'pilwalkot-kendari#1' };
const candStatus = mastodonStatus({
  id: '7001',
  account: cand,
  instance: 'kota.example',
  content: '<p>Kendari maju bersama nomor satu</p>',
  createdAt: '2026-10-01T00:00:00.000Z',
});
const at = (day: number) => `2026-10-${String(day).padStart(2, '0')}T06:00:00.000Z`;
const status = (id: string, day: number, content: string, extra: Record<string, unknown> = {}) => ({
  ...mastodonStatus({ id, account: me, instance: INSTANCE, content, createdAt: at(day) }),
  ...extra,
});

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.mastodon.push({
    id: '301',
    username: 'rina',
    instance: INSTANCE,
    statuses: [
      status('3009', 29, '<p>Ini baru benar</p>', { quote: { state: 'accepted', quoted_status: candStatus } }),
      status('3008', 28, '<p>Lihat ini</p>', { quote: { state: 'accepted', quoted_status_id: '7002' } }),
      status('3007', 27, '', {
        poll: {
          id: '44',
          expires_at: at(30),
          expired: false,
          multiple: false,
          votes_count: 3,
          options: [
            { title: 'Nomor satu', votes_count: 2 },
            { title: 'Nomor dua', votes_count: 1 },
          ],
        },
      }),
      status('3006', 26, '<p>Dokumentasi</p>', {
        media_attachments: [
          { id: 'm1', type: 'gifv', url: 'https://files.example/a.mp4', preview_url: null, description: null },
          { id: 'm2', type: 'video', url: 'https://files.example/b.mp4', description: 'Video kampanye di pasar' },
          { id: 'm3', type: 'audio', url: 'https://files.example/c.mp3', description: null },
          {
            id: 'm4',
            type: 'unknown',
            url: null,
            remote_url: 'https://remote.example/d.jpg',
            description: 'Foto dari instans lain',
          },
          { id: 'm5', type: 'model3d', url: 'https://files.example/e.glb', description: null },
        ],
      }),
      status('3005', 25, '<p>Isi yang disembunyikan</p>', {
        spoiler_text: 'Politik',
        sensitive: true,
        edited_at: at(26),
      }),
    ],
    history: {},
    following: [],
  });
  world.mastodonStatuses['7001'] = candStatus;
  server = await startApiPlatformServer(world, { pageSize: 3 });
  // The history endpoint answering in a shape the docs do not describe (an object instead of a list).
  server.override('/3005/history', { status: 200, body: JSON.stringify({ edits: [] }), type: 'application/json' });
});
afterAll(() => server.close());

const input = () => ({
  account,
  platformOrigins: { mastodon: server.origins.mastodon },
  candidateAccounts,
  http: { backoffBaseMs: 10, attempts: 2 },
});

describe('Mastodon collector against the Status entity’s other shapes', () => {
  it('reads quotes, polls, every media type and content warnings; unknown parts are reported, statuses kept', async () => {
    const result = await collectMastodon(input());
    expect(result.status).toBe('ok');
    const byId = Object.fromEntries(result.posts.map((p) => [p.externalId, p]));
    expect(Object.keys(byId).sort()).toEqual(['3005', '3006', '3007', '3008', '3009']);

    expect(byId['3009']!.context).toMatchObject({
      parentText: 'Kendari maju bersama nomor satu',
      parentAuthor: 'cawalkot1@kota.example',
      parentCandidate: 'pilwalkot-kendari#1',
    });
    expect(byId['3009']!.raw.quote).toMatchObject({ id: '7001', state: 'accepted' });
    expect(byId['3008']!.raw.quote).toMatchObject({ id: '7002', url: null });
    const quotes = result.interactions.filter((i) => i.interaction === 'repost');
    expect(quotes.map((q) => [q.externalId, q.target.externalId, q.target.candidate])).toEqual([
      ['3009', '7001', 'pilwalkot-kendari#1'],
      ['3008', '7002', null],
    ]);

    expect(byId['3007']!.mediaDescriptions).toEqual(['Jajak pendapat / poll: Nomor satu / Nomor dua']);
    expect(byId['3006']!.mediaDescriptions).toEqual(['Video kampanye di pasar', 'Foto dari instans lain']);
    expect((byId['3006']!.raw.media as { type: string }[]).map((m) => m.type)).toEqual([
      'gifv',
      'video',
      'audio',
      'unknown',
      'model3d',
    ]);
    expect(byId['3005']!.text).toBe('Politik\nIsi yang disembunyikan');
    expect(byId['3005']!.raw).toMatchObject({ sensitive: true, spoilerText: 'Politik', history: null });

    const parts = result.errors.filter((e) => e.code === 'COLLECTOR_RESPONSE_UNRECOGNISED');
    expect(parts.map((e) => e.details.externalId).sort()).toEqual(['3005', '3006']);
    expect(parts.every((e) => !e.retryable)).toBe(true);
    expect(result.errors).toHaveLength(2);
  });

  it('reads rel=next from Link headers in any order, quoted or not', () => {
    expect(nextLink('<https://a.example/x?min_id=9>; rel="prev", <https://a.example/x?max_id=3>; rel="next"')).toBe(
      'https://a.example/x?max_id=3',
    );
    expect(nextLink('<https://a.example/x?max_id=3>; rel=next')).toBe('https://a.example/x?max_id=3');
    expect(nextLink('<https://a.example/x?min_id=9>; rel="prev"')).toBeNull();
  });

  it('an instance that wants a login is blocked with COLLECTOR_LOGIN_WALL, not unrecognised', async () => {
    server.override('/accounts/lookup', {
      status: 401,
      body: JSON.stringify({ error: 'This API requires an authenticated user' }),
      type: 'application/json',
    });
    try {
      const result = await collectMastodon(input());
      expect(result.status).toBe('blocked');
      expect(result.errors[0]!.code).toBe('COLLECTOR_LOGIN_WALL');
    } finally {
      server.override('/accounts/lookup', null);
    }
  });

  it('an account suspended between lookup and statuses (410) is not_found', async () => {
    server.override('/301/statuses', { status: 410, body: '{"error":"Gone"}', type: 'application/json' });
    try {
      expect((await collectMastodon(input())).status).toBe('not_found');
    } finally {
      server.override('/301/statuses', null);
    }
  });

  it('a page of statuses none of which has the documented fields is response_unrecognised', async () => {
    server.override('/301/statuses', {
      status: 200,
      body: JSON.stringify([{ status_id: '1', text: 'x' }]),
      type: 'application/json',
    });
    try {
      const result = await collectMastodon(input());
      expect(result.status).toBe('response_unrecognised');
      expect(result.posts).toEqual([]);
    } finally {
      server.override('/301/statuses', null);
    }
  });

  it('follows an instance refuses (401) are reported; the statuses stay and the crawl is ok', async () => {
    server.override('/301/following', {
      status: 401,
      body: JSON.stringify({ error: 'This API requires an authenticated user' }),
      type: 'application/json',
    });
    try {
      const result = await collectMastodon({ ...input(), interactions: true });
      expect(result.status).toBe('ok');
      expect(result.posts).toHaveLength(5);
      expect(result.errors.find((e) => e.code === 'COLLECTOR_API_FAILED')!.details).toMatchObject({
        stream: 'follows',
        status: 401,
      });
      expect(result.cursors.follows).toBeUndefined();
    } finally {
      server.override('/301/following', null);
    }
  });
});
