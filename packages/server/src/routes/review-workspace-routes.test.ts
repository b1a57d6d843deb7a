import { saveClassification, upsertPost } from '@netra/db';
import { insertWatchedAccount } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

const CONTEST = 'pilwako-makassar-2024';

async function seed(server: TestServer, n: number) {
  const db = server.database.db;
  const account = await insertWatchedAccount(db, { handle: `asn.makassar.${n}`, regionCode: '73.71' });
  const post = await upsertPost(db, {
    platform: 'instagram',
    externalId: `mks-${n}`,
    url: `https://www.instagram.com/p/mks${n}`,
    kind: 'post',
    accountId: account.accountId,
    authorHandle: `asn.makassar.${n}`,
    text: `Salam dua jari untuk paslon nomor 2 #MakassarMaju ${n}`,
    postedAt: '2024-10-01T19:16:00Z',
    fetchedAt: '2024-10-01T20:00:00Z',
    mediaDescriptions: [],
    evidence: [],
    raw: {},
    crawlRunId: null,
  });
  const saved = await saveClassification(db, post.id, {
    score: 0.5 + n / 100,
    flagged: true,
    candidate: `${CONTEST}#2`,
    stance: 'pro',
    category: 'photo_gesture',
    evidence: [],
    language: 'id',
    modelVersion: 'test-1',
  });
  return saved.reviewItemId!;
}

describe('review workspace routes', () => {
  let server: TestServer;
  let first: string;
  let second: string;
  beforeAll(async () => {
    server = await createTestServer();
    const db = server.database.db;
    await db
      .insertInto('contests')
      .values({
        id: CONTEST,
        kind: 'walikota',
        region_code: '73.71',
        region_name: 'Kota Makassar',
        election_date: '2024-11-27',
        campaign_from: '2024-09-25',
        campaign_to: '2024-11-23',
        quiet_from: null,
        quiet_to: null,
      })
      .execute();
    await db
      .insertInto('candidates')
      .values({
        contest_id: CONTEST,
        number: 2,
        names: JSON.stringify(['Andi Pratama', 'Nur Aisyah']),
        aliases: '[]',
        jargon: '[]',
        hashtags: '[]',
        slogans: '[]',
        parties: '[]',
        official_accounts: '[]',
      })
      .execute();
    first = await seed(server, 1);
    second = await seed(server, 2);
  });
  afterAll(async () => server?.close());

  it('shows times in the zone of the contest region, and the model suggestion marked as such', async () => {
    const analyst = await server.signIn('analyst');
    const page = await server.app.inject({ method: 'GET', url: `/review/${first}`, headers: analyst.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('02 Okt 2024 03.16 WITA');
    expect(page.body).not.toContain('WIB</time>');
    expect(page.body).toContain('data-source="model"');
    expect(page.body).toContain('<script src="/assets/review.js" defer></script>');
    expect(page.body).toContain('data-claim-url');
  });

  it('lets only the holder keep a claim, and releases it from a beacon-style form post', async () => {
    const analyst = await server.signIn('analyst');
    const supervisor = await server.signIn('supervisor');
    const held = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${second}/claim`,
      headers: analyst.headers,
    });
    expect(held.json()).toMatchObject({ mine: true });
    const refused = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${second}/claim`,
      headers: supervisor.headers,
    });
    expect(refused.json()).toMatchObject({ mine: false });
    const decide = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${second}/decisions`,
      headers: supervisor.headers,
      payload: { decision: 'dismissed', reason: 'namesake' },
    });
    expect(decide.statusCode).toBe(409);
    expect(decide.json().error.code).toBe('REVIEW_CLAIMED_BY_OTHER');
    const released = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${second}/release`,
      headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: analyst.csrfToken }).toString(),
    });
    expect(released.json()).toEqual({ released: true });
  });

  it('keeps refused input on the page with the field named, then saves, advances and undoes', async () => {
    const analyst = await server.signIn('analyst');
    const refused = await server.app.inject({
      method: 'POST',
      url: `/review/${first}/decide`,
      headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: analyst.csrfToken,
        queue: 'platform=instagram',
        decision: 'dismissed',
        note: 'teks yang diketik tetap ada',
      }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('id="err-reason"');
    expect(refused.body).toContain('teks yang diketik tetap ada');
    expect(refused.body).toContain('<option value="dismissed" selected>');
    const saved = await server.app.inject({
      method: 'POST',
      url: `/review/${first}/decide`,
      headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: analyst.csrfToken,
        queue: 'platform=instagram',
        decision: 'confirmed',
        candidate: `${CONTEST}#2`,
        stance: 'pro',
        category: 'photo_gesture',
      }).toString(),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/review/${second}?platform=instagram&saved=1&prev=${first}`);
    const item = await server.app.inject({ method: 'GET', url: `/review/${first}`, headers: analyst.headers });
    expect(item.body).toContain(`action="/review/${first}/undo"`);
    expect(item.body).toContain('data-source="current"');
    const decisionId = /name="decision" value="([0-9a-f-]{36})"/.exec(item.body)![1]!;
    const undone = await server.app.inject({
      method: 'POST',
      url: `/review/${first}/undo`,
      headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: analyst.csrfToken, decision: decisionId, queue: '' }).toString(),
    });
    expect(undone.statusCode).toBe(303);
    const after = await server.app.inject({
      method: 'GET',
      url: `/api/review/items/${first}`,
      headers: analyst.headers,
    });
    expect(after.json().status).toBe('open');
    expect(after.json().decisions.map((d: { decision: string }) => d.decision)).toEqual(['confirmed', 'reopened']);
  });

  it('saves a view of the queue per user and finds items by hashtag, handle and NIP', async () => {
    const viewer = await server.signIn('viewer');
    const saved = await server.app.inject({
      method: 'POST',
      url: '/review/views',
      headers: { cookie: viewer.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: viewer.csrfToken,
        name: 'Makassar terbuka',
        queue: 'status=open&contest=pilwako-makassar-2024&sort=posted&bogus=1',
      }).toString(),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/review?status=open&contest=pilwako-makassar-2024&sort=posted&saved=1');
    const queue = await server.app.inject({ method: 'GET', url: '/review', headers: viewer.headers });
    expect(queue.body).toContain('Makassar terbuka');
    const other = await server.signIn('analyst');
    const theirs = await server.app.inject({ method: 'GET', url: '/review', headers: other.headers });
    expect(theirs.body).not.toContain('Makassar terbuka');
    const search = async (q: string) =>
      (
        await server.app.inject({
          method: 'GET',
          url: `/api/review/items?q=${encodeURIComponent(q)}`,
          headers: viewer.headers,
        })
      ).json().items as { id: string; nip: string }[];
    expect((await search('#MakassarMaju')).length).toBe(2);
    expect((await search('@asn.makassar.1')).map((i) => i.id)).toEqual([first]);
    const nip = (await search('@asn.makassar.2'))[0]!.nip;
    expect((await search(nip)).map((i) => i.id)).toEqual([second]);
    const people = await server.app.inject({
      method: 'GET',
      url: `/api/people/search?q=${nip.slice(0, 12)}`,
      headers: viewer.headers,
    });
    expect(people.json().people.map((p: { nip: string }) => p.nip)).toContain(nip);
  });

  it('serves each overview chart as CSV to supervisors', async () => {
    const supervisor = await server.signIn('supervisor');
    const csv = await server.app.inject({
      method: 'GET',
      url: '/ringkasan.csv?chart=platform',
      headers: supervisor.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('instagram');
    const bad = await server.app.inject({
      method: 'GET',
      url: '/ringkasan.csv?chart=nope',
      headers: supervisor.headers,
    });
    expect(bad.statusCode).toBe(400);
  });
});
