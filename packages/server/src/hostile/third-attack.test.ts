import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CASE_SETTINGS } from '@netra/cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_CONTEST,
  openCaseForPost,
  seedCaseContest,
  seedCasePerson,
  seedFlaggedCasePost,
  signInExtraUser,
} from '../testing/case-fixtures.ts';
import { createTestServer, type SignedIn, type TestServer } from '../testing/test-server.ts';

/**
 * The third outside-style attack on the API (docs/security.md, 2026-11-29): each test is a defect that pass
 * found, through the real server on PostgreSQL and Redis.
 */
describe('third attack on the API', () => {
  let server: TestServer;
  let evidenceDir: string;
  let admin: SignedIn;
  let viewer: SignedIn;
  let personId: string;
  let accountId: string;
  let caseNumber: string;

  const form = (who: SignedIn, fields: Record<string, string> = {}) => ({
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrfToken, ...fields }).toString(),
  });

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-third-'));
    server = await createTestServer({ evidenceDir, cases: { ...DEFAULT_CASE_SETTINGS, blindShare: 1 } });
    await seedCaseContest(server);
    const person = await seedCasePerson(server, 'siti.aminah', '198501032010012001');
    personId = person.personId;
    accountId = person.accountId;
    const post = await seedFlaggedCasePost(server, person, {
      externalId: '301',
      text: 'Ayo pilih nomor dua di bilik suara nanti',
      postedAt: '2024-10-01T08:00:00+07:00',
    });
    caseNumber = (await openCaseForPost(server, post.reviewItemId)).case_number;
    admin = await server.signIn('admin');
    viewer = await server.signIn('viewer');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it('refuses to delete a person or a contest a case refers to with 409 naming the case, not a foreign-key 500', async () => {
    const api = await server.app.inject({
      method: 'DELETE',
      url: `/api/watchlist/people/${personId}`,
      headers: admin.headers,
    });
    expect(api.statusCode, api.body).toBe(409);
    expect(api.json().error.code).toBe('PERSON_DELETE_CONFLICT');
    expect(api.json().error.message).toContain(caseNumber);
    expect(api.json().error.details.caseNumbers).toEqual([caseNumber]);
    const page = await server.app.inject({
      method: 'POST',
      url: `/watchlist/people/${personId}/delete`,
      ...form(admin),
    });
    expect(page.statusCode).toBe(409);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('PERSON_DELETE_CONFLICT');

    const contest = await server.app.inject({
      method: 'DELETE',
      url: `/api/registry/contests/${CASE_CONTEST}`,
      headers: admin.headers,
    });
    expect(contest.statusCode, contest.body).toBe(409);
    expect(contest.json().error.code).toBe('CONTEST_DELETE_CONFLICT');
    expect(contest.json().error.message).toContain(caseNumber);
    const contestPage = await server.app.inject({
      method: 'POST',
      url: `/registry/contests/${CASE_CONTEST}/delete`,
      ...form(admin),
    });
    expect(contestPage.statusCode).toBe(409);
    expect(contestPage.body).toContain('CONTEST_DELETE_CONFLICT');

    // Nothing was deleted, and no audit entry claims it was.
    const db = server.database.db;
    expect(await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst()).toBeDefined();
    expect(
      await db.selectFrom('contests').select('id').where('id', '=', CASE_CONTEST).executeTakeFirst(),
    ).toBeDefined();
    const deletions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['person.delete', 'contest.delete'])
      .execute();
    expect(deletions).toEqual([]);
  });

  it('audits every export of the whole watchlist (names, NIPs, accounts), by whoever exports it', async () => {
    const urls = [
      '/api/watchlist/export?format=csv',
      '/api/watchlist/export?format=xlsx',
      '/watchlist/export.csv',
      '/watchlist/export.xlsx',
    ];
    for (const url of urls) {
      const response = await server.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });
      expect(response.statusCode, url).toBe(200);
    }
    const entries = await server.database.db
      .selectFrom('audit_log')
      .select(['actor_username', 'entity_id', 'after'])
      .where('action', '=', 'watchlist.export')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.actor_username, e.entity_id])).toEqual([
      ['viewer', 'csv'],
      ['viewer', 'xlsx'],
      ['viewer', 'csv'],
      ['viewer', 'xlsx'],
    ]);
    const audit = await server.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: admin.cookie } });
    expect(audit.body).toContain('Daftar pantau diekspor');
  });

  it('logs the read of a person’s record on the edit forms, which show it whole', async () => {
    const reads = () =>
      server.database.db
        .selectFrom('access_log')
        .select(['actor_username', 'entity_type', 'entity_id'])
        .where('entity_id', '=', personId)
        .execute();
    const before = (await reads()).length;
    for (const url of [`/watchlist/people/${personId}/edit`, `/watchlist/accounts/${accountId}/edit`]) {
      const response = await server.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
      expect(response.statusCode, url).toBe(200);
    }
    const after = await reads();
    expect(after.length - before).toBe(2);
    expect(after.at(-1)).toEqual({ actor_username: 'admin', entity_type: 'person', entity_id: personId });
  });

  it('keeps the first judgement from a blind second analyst in write answers, the case list and a person’s outcomes', async () => {
    const analyst = await server.signIn('analyst');
    const person = await seedCasePerson(server, 'budi.buta', '199001012015031002');
    const post = await seedFlaggedCasePost(server, person, {
      externalId: '302',
      text: 'Jangan lupa coblos nomor dua, ya',
      postedAt: '2024-10-03T08:00:00+07:00',
    });
    const call = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
      server.app.inject({ method, url, headers: who.headers, payload: payload as never });
    expect(
      (
        await call(analyst, 'POST', `/api/review/items/${post.reviewItemId}/decisions`, {
          decision: 'confirmed',
          label: 'endorse',
          candidate: `${CASE_CONTEST}#2`,
          stance: 'pro',
          category: 'online_campaigning',
        })
      ).statusCode,
    ).toBe(201);
    const caseId = (await call(analyst, 'POST', '/api/cases', { itemIds: [post.reviewItemId] })).json().id as string;
    await call(analyst, 'PUT', '/api/me/officer-profile', {
      position: 'Staf Pengawasan',
      assignmentLetterNo: 'ST-31/2024',
    });
    await call(analyst, 'POST', `/api/cases/people/${person.personId}/rank-grade`, { rankGrade: 'Penata, III/c' });
    const filled = await call(analyst, 'PATCH', `/api/cases/${caseId}`, {
      chronology: 'ASN mengunggah ajakan.',
      facts: 'Akun terdaftar milik ASN.',
      analysis: 'Analisis pertama yang rahasia.',
      articles: ['pp94-2021-p5n'],
      skbBehaviour: 'kampanye_medsos',
      violationType: 'peraturan_lainnya',
      track: 'kode_etik',
    });
    expect(filled.statusCode, filled.body).toBe(200);
    expect((await call(analyst, 'POST', `/api/cases/${caseId}/items/${post.reviewItemId}/verify`, {})).statusCode).toBe(
      201,
    );
    const submitted = await call(analyst, 'POST', `/api/cases/${caseId}/submit`, {});
    expect(submitted.json()).toMatchObject({ status: 'second_review', second_review_mode: 'blind' });

    const second = await signInExtraUser(server, 'analis.buta', 'analyst');
    // The case page hid it already; an empty edit or a clock date answered with the whole row.
    for (const [method, url] of [
      ['PATCH', `/api/cases/${caseId}`],
      ['POST', `/api/cases/${caseId}/clock`],
    ] as const) {
      const answer = await call(second, method, url, {});
      expect(answer.statusCode, `${url} ${answer.body.slice(0, 200)}`).toBeLessThan(300);
      expect(answer.body, url).not.toContain('rahasia');
      expect(answer.json(), url).toMatchObject({
        analysis: null,
        facts: null,
        skb_behaviour: null,
        track: null,
        articles: [],
      });
    }
    const listed = (await call(second, 'GET', '/api/cases')).json().cases.find((c: { id: string }) => c.id === caseId);
    expect(listed.track).toBeNull();
    expect(listed).not.toHaveProperty('first_reviewer_id');
    const outcomes = (await call(second, 'GET', `/api/people/${person.personId}/outcomes`)).json().outcomes;
    expect(outcomes.map((o: { track: string | null }) => o.track)).toEqual([null]);
    // The first analyst and a supervisor still see it.
    const own = (await call(analyst, 'GET', '/api/cases')).json().cases.find((c: { id: string }) => c.id === caseId);
    expect(own.track).toBe('kode_etik');
    expect((await call(analyst, 'PATCH', `/api/cases/${caseId}`, {})).json().analysis).toBe(
      'Analisis pertama yang rahasia.',
    );
    const supervisor = await server.signIn('supervisor');
    expect((await call(supervisor, 'GET', `/api/people/${person.personId}/outcomes`)).json().outcomes[0].track).toBe(
      'kode_etik',
    );
  });

  it('renders a stored non-http profile URL on the watchlist as text, never as a live link', async () => {
    // Forms, API and imports only store http(s) profile URLs; an old row or a bypassed writer must stay inert
    // anyway, as post URLs do. The watchlist's account list wrote it straight into href.
    await server.database.db
      .updateTable('accounts')
      .set({ profile_url: 'javascript:alert(document.cookie)' })
      .where('id', '=', accountId)
      .execute();
    const page = await server.app.inject({ method: 'GET', url: '/watchlist', headers: { cookie: viewer.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/href="\s*javascript:/i);
    expect(page.body).toContain('class="unsafe-url"');
  });

  it('answers the queue console’s own refusals in Netra’s error shape with a stable code', async () => {
    const supervisor = await server.signIn('supervisor');
    for (const [url, who, code] of [
      ['/admin/queues/api/queues/classify/no-such-job', admin, 'QUEUE_JOB_NOT_FOUND'],
      ['/queues/api/queues/classify/no-such-job', supervisor, 'QUEUE_JOB_NOT_FOUND'],
      ['/admin/queues/api/queues/no-such-queue/1', admin, 'QUEUE_NOT_FOUND'],
    ] as const) {
      const response = await server.app.inject({ method: 'GET', url, headers: who.headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({
        error: { code, message: expect.stringMatching(/tidak ditemukan/), details: expect.any(Object) },
      });
    }
    // The gate's own refusals keep their code.
    const signedOut = await server.app.inject({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('caps a user’s saved queue views: any role could add rows without end, each rendered on every queue page', async () => {
    const db = server.database.db;
    const user = await db.selectFrom('users').select('id').where('username', '=', 'viewer').executeTakeFirstOrThrow();
    await db
      .insertInto('review_saved_views')
      .values(
        Array.from({ length: 100 }, (_, i) => ({ user_id: user.id, name: `Tampilan ${i}`, query: 'status=open' })),
      )
      .execute();
    const save = (name: string) =>
      server.app.inject({ method: 'POST', url: '/review/views', ...form(viewer, { name, queue: 'status=open' }) });
    const refused = await save('Satu lagi');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('REVIEW_VIEW_LIMIT');
    expect(refused.body).toContain('Paling banyak 100 tampilan tersimpan');
    // Saving an existing name again replaces it, so it is still allowed at the cap.
    expect((await save('Tampilan 7')).statusCode).toBe(303);
    const count = await db
      .selectFrom('review_saved_views')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(100);
  });
});
