import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@netra/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../http/build-server.ts';
import { allRoutes } from '../routes/index.ts';
import {
  CASE_CONTEST,
  seedCaseContest,
  seedCasePerson,
  seedFlaggedCasePost,
  signInExtraUser,
} from '../testing/case-fixtures.ts';
import { createTestServer, type SignedIn, TEST_PASSWORD, type TestServer } from '../testing/test-server.ts';

/**
 * The fourth outside-style attack (docs/security.md, "Fourth attack, 2026-11-29"): races and timing on the
 * review forms, through the real server on PostgreSQL and Redis. Each test is a defect that pass found.
 */
describe('fourth attack: review races and expired sessions', () => {
  let server: TestServer;
  let evidenceDir: string;
  let person: Awaited<ReturnType<typeof seedCasePerson>>;
  let analyst: SignedIn;
  let second: SignedIn;
  let seq = 0;

  const form = (who: SignedIn, fields: Record<string, string>) => ({
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrfToken, ...fields }).toString(),
  });
  const dismiss = { decision: 'dismissed', reason: 'news_report' };
  const newItem = async () => {
    seq += 1;
    const post = await seedFlaggedCasePost(server, person, {
      externalId: `40${seq}`,
      text: `Ayo datang ke kampanye nomor dua, ajakan ke-${seq}`,
      postedAt: '2024-10-01T08:00:00+07:00',
    });
    return post.reviewItemId;
  };
  const decisionsOf = async (itemId: string) => {
    const item = await server.app.inject({
      method: 'GET',
      url: `/api/review/items/${itemId}`,
      headers: analyst.headers,
    });
    return (item.json() as { status: string; decisions: { id: string; decision: string }[] }).decisions;
  };
  const decideApi = (who: SignedIn, itemId: string, payload: Record<string, string>) =>
    server.app.inject({ method: 'POST', url: `/api/review/items/${itemId}/decisions`, headers: who.headers, payload });
  /** The decision form posted from a page on `referer` after the session ended. */
  const postWithExpiredSession = (itemId: string, referer: string) =>
    server.app.inject({
      method: 'POST',
      url: `/review/${itemId}/decide`,
      headers: {
        cookie: 'netra_session=expired',
        'content-type': 'application/x-www-form-urlencoded',
        host: 'netra.example',
        referer,
      },
      payload: new URLSearchParams({ ...dismiss, _csrf: 'stale' }).toString(),
    });
  /** What the item page's decision form says it was drawn on. */
  const basedOnOf = (page: string) => /name="basedOn" value="([^"]+)"/.exec(page)?.[1];

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-fourth-'));
    server = await createTestServer({ evidenceDir });
    await seedCaseContest(server);
    person = await seedCasePerson(server, 'dewi.lestari', '198703122011012003');
    analyst = await server.signIn('analyst');
    second = await signInExtraUser(server, 'analis.kedua', 'analyst');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it('records a decision form sent twice at once as one decision, so one undo reopens the item', async () => {
    const itemId = await newItem();
    const page = await server.app.inject({
      method: 'GET',
      url: `/review/${itemId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(basedOnOf(page.body)).toBe('none');
    const fields = { ...dismiss, basedOn: 'none' };
    const sent = await Promise.all([
      server.app.inject({ method: 'POST', url: `/review/${itemId}/decide`, ...form(analyst, fields) }),
      server.app.inject({ method: 'POST', url: `/review/${itemId}/decide`, ...form(analyst, fields) }),
    ]);
    expect(sent.map((r) => r.statusCode)).toEqual([303, 303]);
    const decisions = await decisionsOf(itemId);
    expect(decisions.map((d) => d.decision)).toEqual(['dismissed']);

    // The API: the same judgement again answers with the recorded decision (200), not a second one.
    const again = await decideApi(analyst, itemId, dismiss);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: decisions[0]?.id, repeated: true });

    // Two undos at once (a double click again): the item row lock orders them, the second finds nothing to undo.
    const undo = () =>
      server.app.inject({
        method: 'POST',
        url: `/review/${itemId}/undo`,
        ...form(analyst, { decision: decisions[0]?.id ?? '' }),
      });
    const undone = await Promise.all([undo(), undo()]);
    expect(undone.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    const item = await server.app.inject({
      method: 'GET',
      url: `/api/review/items/${itemId}`,
      headers: analyst.headers,
    });
    expect(item.json()).toMatchObject({ status: 'open' });
  });

  it('gives one of two analysts deciding at once the decision and the other a 409 conflict naming it', async () => {
    const itemId = await newItem();
    const [a, b] = await Promise.all([
      decideApi(analyst, itemId, { ...dismiss, basedOn: 'none' }),
      decideApi(second, itemId, { decision: 'escalated', note: 'perlu dicek supervisor', basedOn: 'none' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json()).toMatchObject({ error: { code: 'REVIEW_DECISION_CONFLICT' } });
    expect(await decisionsOf(itemId)).toHaveLength(1);
  });

  it('sends the item page back with 409 when another analyst decided after the form was drawn; sending again overrides', async () => {
    const itemId = await newItem();
    const drawn = await server.app.inject({
      method: 'GET',
      url: `/review/${itemId}`,
      headers: { cookie: second.cookie },
    });
    const basedOn = basedOnOf(drawn.body) ?? '';
    // The second analyst's claim lapses (lunch); the first decides meanwhile.
    await server.app.inject({ method: 'POST', url: `/api/review/items/${itemId}/release`, headers: second.headers });
    const first = await decideApi(analyst, itemId, dismiss);
    expect(first.statusCode, first.body).toBe(201);
    const late = { decision: 'escalated', note: 'menurut saya ini ajakan', basedOn };
    const refused = await server.app.inject({ method: 'POST', url: `/review/${itemId}/decide`, ...form(second, late) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('sudah diputuskan');
    expect(refused.body).toContain('menurut saya ini ajakan');
    expect(basedOnOf(refused.body)).toBe(first.json().id);
    expect(await decisionsOf(itemId)).toHaveLength(1);
    const override = { ...late, basedOn: basedOnOf(refused.body) ?? '' };
    const sent = await server.app.inject({
      method: 'POST',
      url: `/review/${itemId}/decide`,
      ...form(second, override),
    });
    expect(sent.statusCode, sent.body).toBe(303);
    expect((await decisionsOf(itemId)).map((d) => d.decision)).toEqual(['dismissed', 'escalated']);
  });

  it('brings an analyst whose session expired while filling a form back to that form’s page, saying it was not saved', async () => {
    const itemId = await newItem();
    const expired = await postWithExpiredSession(itemId, `http://netra.example/review/${itemId}?status=open`);
    expect(expired.statusCode).toBe(401);
    expect(expired.body).toContain('isian formulir belum tersimpan');
    const next = /name="next" value="([^"]*)"/.exec(expired.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBe(`/review/${itemId}?status=open`);
    const signedIn = await server.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'analis.kedua', password: TEST_PASSWORD, next: next ?? '' }).toString(),
    });
    expect(signedIn.headers.location).toBe(next);
    const cookie = signedIn.cookies.find((c) => c.name === 'netra_session');
    const back = await server.app.inject({
      method: 'GET',
      url: signedIn.headers.location as string,
      headers: { cookie: `netra_session=${cookie?.value}` },
    });
    expect(back.statusCode).toBe(200);

    // A post from another site's page never becomes the way back.
    const foreign = await postWithExpiredSession(itemId, 'http://evil.example/review/x');
    expect(/name="next" value="([^"]*)"/.exec(foreign.body)?.[1]).toBe('/review');
  });

  const confirmedItem = async () => {
    const itemId = await newItem();
    const confirm = { decision: 'confirmed', label: 'endorse', candidate: `${CASE_CONTEST}#2`, stance: 'pro' };
    const decided = await decideApi(analyst, itemId, { ...confirm, category: 'online_campaigning' });
    expect(decided.statusCode, decided.body).toBe(201);
    return itemId;
  };
  const openCase = (who: SignedIn, itemIds: string[]) =>
    server.app.inject({ method: 'POST', url: '/api/cases', headers: who.headers, payload: { itemIds } });
  const casesHolding = async (itemId: string) =>
    (await server.database.db.selectFrom('case_items').select('case_id').where('review_item_id', '=', itemId).execute())
      .length;

  it('opens one case when "open a case" is sent twice at once, and refuses another analyst by name, never a 500', async () => {
    const itemId = await confirmedItem();
    const twice = await Promise.all([openCase(analyst, [itemId]), openCase(analyst, [itemId])]);
    expect(twice.map((r) => r.statusCode).sort(), twice.map((r) => r.body).join('\n')).toEqual([200, 201]);
    expect(twice[0]?.json().id).toBe(twice[1]?.json().id);
    expect(await casesHolding(itemId)).toBe(1);

    const other = await confirmedItem();
    const raced = await Promise.all([openCase(analyst, [other]), openCase(second, [other])]);
    expect(raced.map((r) => r.statusCode).sort(), raced.map((r) => r.body).join('\n')).toEqual([201, 400]);
    const refused = raced.find((r) => r.statusCode === 400);
    expect(refused?.json()).toMatchObject({ error: { code: 'CASE_ITEMS_INVALID' } });
    expect(refused?.json().error.message).toContain('sudah termasuk dalam kasus lain');
    expect(await casesHolding(other)).toBe(1);
  });

  it('adds an item once when "add items" is sent twice at once, and refuses it to a second case, never a 500', async () => {
    const caseA = (await openCase(analyst, [await confirmedItem()])).json().id as string;
    const caseB = (await openCase(second, [await confirmedItem()])).json().id as string;
    const add = (who: SignedIn, caseId: string, itemId: string) =>
      server.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/items`,
        headers: who.headers,
        payload: { itemIds: [itemId] },
      });
    const extra = await confirmedItem();
    const twice = await Promise.all([add(analyst, caseA, extra), add(analyst, caseA, extra)]);
    expect(
      twice.map((r) => r.statusCode),
      twice.map((r) => r.body).join('\n'),
    ).toEqual([201, 201]);
    expect(await casesHolding(extra)).toBe(1);

    const contested = await confirmedItem();
    const raced = await Promise.all([add(analyst, caseA, contested), add(second, caseB, contested)]);
    expect(raced.map((r) => r.statusCode).sort(), raced.map((r) => r.body).join('\n')).toEqual([201, 400]);
    expect(await casesHolding(contested)).toBe(1);
  });

  it('answers two admins adding one NIP or one handle at once with one record and a 409 naming it, never a 500', async () => {
    const admin = await server.signIn('admin');
    const post = (url: string, payload: Record<string, string>) =>
      server.app.inject({ method: 'POST', url, headers: admin.headers, payload });
    const person = {
      name: 'Rina Wulandari',
      nip: '199002142015022004',
      agency: 'Dinas Kesehatan',
      position: 'Perawat',
      regionCode: '18.11',
    };
    // Ten rounds: the check-then-insert window is narrow, and one round often misses it.
    for (let round = 0; round < 10; round++) {
      const nip = `${person.nip.slice(0, -3)}${String(round + 1).padStart(3, '0')}`;
      const people = await Promise.all([0, 1].map(() => post('/api/watchlist/people', { ...person, nip })));
      expect(people.map((r) => r.statusCode).sort(), people.map((r) => r.body).join('\n')).toEqual([201, 409]);
      expect(people.find((r) => r.statusCode === 409)?.json().error.code).toBe('PERSON_NIP_CONFLICT');
      const personId = people.find((r) => r.statusCode === 201)?.json().id as string;
      const account = {
        platform: 'instagram',
        handle: `rina.w${round}`,
        profileUrl: `https://www.instagram.com/rina.w${round}`,
      };
      const accounts = await Promise.all(
        [account, { ...account, handle: account.handle.toUpperCase() }].map((a) =>
          post(`/api/watchlist/people/${personId}/accounts`, a),
        ),
      );
      expect(accounts.map((r) => r.statusCode).sort(), accounts.map((r) => r.body).join('\n')).toEqual([201, 409]);
      expect(accounts.find((r) => r.statusCode === 409)?.json().error.code).toBe('ACCOUNT_HANDLE_CONFLICT');
    }
  });

  it('deletes a person sent twice at once once, with one audit entry; the other answer is 404', async () => {
    const admin = await server.signIn('admin');
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/people',
      headers: admin.headers,
      payload: {
        name: 'Agus Salim',
        nip: '198511202010011007',
        agency: 'Dinas PU',
        position: 'Staf',
        regionCode: '18.11',
      },
    });
    const id = created.json().id as string;
    const deleted = await Promise.all(
      [0, 1].map(() =>
        server.app.inject({ method: 'DELETE', url: `/api/watchlist/people/${id}`, headers: admin.headers }),
      ),
    );
    expect(deleted.map((r) => r.statusCode).sort()).toEqual([200, 404]);
    const audits = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'person.delete')
      .execute();
    // Before: both answered 200 and the audit log said the person was deleted twice.
    expect(audits).toHaveLength(1);
  });

  it('answers a flood of 300 anonymous /api/health with a handful of database pings, not one each', async () => {
    // The same database, observed: every query the server sends through this handle is counted.
    let queries = 0;
    const db = server.database.db.withPlugin({
      transformQuery: ({ node }) => {
        queries += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const app = await buildServer(
      { db, queues: server.queues, logger: createLogger('fourth-attack', 'silent'), config: server.config },
      allRoutes,
    );
    try {
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 300 }, () => app.inject({ method: 'GET', url: '/api/health' })),
      );
      expect(answers.every((r) => r.statusCode === 200)).toBe(true);
      // One `select 1` per second of the flood at most (before: 300, one per request, each borrowing a
      // connection of the pool the analysts' requests use).
      expect(queries).toBeLessThanOrEqual(Math.ceil((performance.now() - started) / 1000) + 1);
    } finally {
      await app.close();
    }
  });
});
