import { recordCanaryResults } from '@netra/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

describe('crawl routes', () => {
  let server: TestServer;
  let accountIds: string[];

  beforeAll(async () => {
    server = await createTestServer();
    const db = server.database.db;
    const person = await db
      .insertInto('people')
      .values({ name: 'Ani', nip: '199001012015032001', agency: 'Dinas X', position: 'Staf', region_code: '31' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const accounts = await db
      .insertInto('accounts')
      .values([
        {
          person_id: person.id,
          platform: 'facebook',
          handle: 'ani.fb',
          profile_url: 'http://127.0.0.1:1/facebook/ani.fb',
        },
        { person_id: person.id, platform: 'x', handle: 'ani_x', profile_url: 'http://127.0.0.1:1/x/ani_x' },
      ])
      .returning('id')
      .execute();
    accountIds = accounts.map((a) => a.id);
  });
  afterAll(async () => server?.close());

  /** The watched accounts' crawl jobs (an on-demand run queues no candidate reverse crawls). */
  async function waitingCrawlJobs() {
    const jobs = await server.queues.crawl.getJobs(['waiting', 'prioritized', 'delayed']);
    return jobs.flatMap((j) => ('accountId' in j.data ? [{ data: j.data }] : []));
  }

  /** Marks every queued or running run finished, so the next request is not held by one. */
  async function finishActiveRuns() {
    await server.database.db
      .updateTable('crawl_runs')
      .set({ status: 'completed' })
      .where('status', 'in', ['queued', 'running'])
      .execute();
  }

  it('starts an on-demand crawl: a run, one queued job per account and an audit entry', async () => {
    const supervisor = await server.signIn('supervisor');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/crawls',
      headers: supervisor.headers,
      payload: {},
    });
    expect(response.statusCode).toBe(201);
    const run = response.json().run;
    expect(run).toMatchObject({
      trigger: 'on_demand',
      status: 'queued',
      accountsTotal: 2,
      accountsDone: 0,
      requestedBy: { username: 'supervisor' },
    });
    const jobs = await waitingCrawlJobs();
    expect(
      jobs
        .filter((j) => j.data.runId === run.id)
        .map((j) => j.data.accountId)
        .sort(),
    ).toEqual([...accountIds].sort());

    const one = await server.app.inject({ method: 'GET', url: `/api/crawls/${run.id}`, headers: supervisor.headers });
    expect(one.statusCode).toBe(200);
    expect(one.json().run.id).toBe(run.id);

    const audit = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'crawl_run')
      .where('entity_id', '=', run.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'crawl.start', actor_username: 'supervisor' });
    // Finished, or the crawls of some accounts below would get this run of all back.
    await finishActiveRuns();
  });

  it('crawls only the named accounts, and refuses unknown ones naming the field', async () => {
    const supervisor = await server.signIn('supervisor');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/crawls',
      headers: supervisor.headers,
      payload: { accountIds: [accountIds[1]] },
    });
    expect(response.statusCode).toBe(201);
    const run = response.json().run;
    expect(run.accountsTotal).toBe(1);
    const jobs = (await waitingCrawlJobs()).filter((j) => j.data.runId === run.id);
    expect(jobs.map((j) => j.data.accountId)).toEqual([accountIds[1]]);

    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/crawls',
      headers: supervisor.headers,
      payload: { accountIds: ['00000000-0000-4000-8000-000000000001'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('CRAWL_ACCOUNTS_UNKNOWN');
    const invalid = await server.app.inject({
      method: 'POST',
      url: '/api/crawls',
      headers: supervisor.headers,
      payload: { accountIds: ['nope'] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.issues[0].field).toBe('body.accountIds.0');
  });

  it('lists runs with progress for viewers; 404 for an unknown run', async () => {
    const viewer = await server.signIn('viewer');
    const list = await server.app.inject({ method: 'GET', url: '/api/crawls', headers: viewer.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().runs.length).toBeGreaterThanOrEqual(2);
    expect(list.json().runs[0]).toHaveProperty('progressPercent');
    const missing = await server.app.inject({
      method: 'GET',
      url: '/api/crawls/00000000-0000-4000-8000-000000000009',
      headers: viewer.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CRAWL_RUN_NOT_FOUND');
  });

  it('page: viewers see the runs table with escaped errors but no start form; supervisors start from the form', async () => {
    await server.database.db
      .insertInto('crawl_runs')
      .values({
        trigger: 'nightly',
        status: 'completed',
        accounts_total: 3,
        accounts_done: 3,
        accounts_failed: 1,
        posts_found: 17,
        errors: JSON.stringify([{ code: 'SCRAPE_BLOCKED', message: '<img src=x onerror=alert(1)>', accountId: 'a1' }]),
        started_at: new Date(),
        finished_at: new Date(),
      })
      .execute();
    const viewer = await server.signIn('viewer');
    const page = await server.app.inject({ method: 'GET', url: '/crawls', headers: viewer.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('SCRAPE_BLOCKED');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toContain('<img');
    expect(page.body).toContain('<td>17</td>');
    expect(page.body).not.toContain('action="/crawls"');

    const supervisor = await server.signIn('supervisor');
    const supPage = await server.app.inject({ method: 'GET', url: '/crawls', headers: supervisor.headers });
    expect(supPage.body).toContain('action="/crawls"');
    expect(supPage.body).toContain(`name="_csrf" value="${supervisor.csrfToken}"`);

    const before = (await waitingCrawlJobs()).length;
    const posted = await server.app.inject({
      method: 'POST',
      url: '/crawls',
      headers: { cookie: supervisor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: supervisor.csrfToken, accountIds: `${accountIds[0]}\n` }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/crawls?done=started');
    expect((await waitingCrawlJobs()).length).toBe(before + 1);
    const flash = await server.app.inject({ method: 'GET', url: '/crawls?done=started', headers: supervisor.headers });
    expect(flash.body).toContain('class="flash"');
    // A run is in progress, so the page reloads itself (meta refresh: no script, the CSP stays strict).
    expect(flash.body).toContain('<meta http-equiv="refresh" content="10">');

    const bad = await server.app.inject({
      method: 'POST',
      url: '/crawls',
      headers: { cookie: supervisor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: supervisor.csrfToken, accountIds: 'not-a-uuid' }).toString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.accountIds');
  });

  it('page: shows the latest canary verdict per platform with its definition version and time in WIB', async () => {
    const viewer = await server.signIn('viewer');
    const empty = await server.app.inject({ method: 'GET', url: '/crawls', headers: viewer.headers });
    expect(empty.body).toContain('Belum ada hasil canary.');
    await recordCanaryResults(server.database.db, [
      {
        platform: 'facebook',
        definitionVersion: 'facebook-page/2026.11.1',
        account: 'https://www.facebook.com/halaman.uji',
        verdict: 'recognised',
        items: 4,
        detail: 'lama',
        checkedAt: '2026-11-28T01:00:00Z',
      },
      {
        platform: 'facebook',
        definitionVersion: 'facebook-page/2026.11.1',
        account: 'https://www.facebook.com/halaman.uji',
        verdict: 'changed',
        items: 0,
        detail: 'ready selector <div> missing',
        checkedAt: '2026-11-29T01:00:00Z',
      },
      {
        platform: 'x',
        definitionVersion: 'x-page/2026.11.1',
        account: 'https://x.com/akun_uji',
        verdict: 'captcha',
        items: 0,
        detail: '',
        checkedAt: '2026-11-29T01:05:00Z',
      },
    ]);
    const page = await server.app.inject({ method: 'GET', url: '/crawls', headers: viewer.headers });
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('id="canary"'));
    expect(section).toContain('Canary definisi halaman');
    // Only the latest check of each platform; labels in Indonesian; the detail escaped.
    expect(section).toContain('<tr class="canary-changed">');
    expect(section).not.toContain('canary-recognised');
    expect(section).toContain('<strong>Markup berubah</strong>');
    expect(section).toContain('<strong>CAPTCHA</strong>');
    expect(section).toContain('ready selector &lt;div&gt; missing');
    expect(section).toContain('facebook-page/2026.11.1');
    expect(section).toContain('<time datetime="2026-11-29T01:00:00.000Z">');
    expect(section).toMatch(/08[.:]00[^<]*WIB<\/time>/);
  });

  it('crawl now sent twice at once is one run: the second gets it back (200, Indonesian message)', async () => {
    const supervisor = await server.signIn('supervisor');
    const admin = await server.signIn('admin');
    const post = (headers: Record<string, string>, ids: string[]) =>
      server.app.inject({ method: 'POST', url: '/api/crawls', headers, payload: { accountIds: ids } });
    const finish = (id: string) =>
      server.database.db.updateTable('crawl_runs').set({ status: 'completed' }).where('id', '=', id).execute();
    // The same two accounts in either order, from a double click and another user at the same moment; ten
    // rounds, each run finished before the next, so the two requests really race.
    const both = [accountIds[1]!, accountIds[0]!];
    let answers: Awaited<ReturnType<typeof post>>[] = [];
    const statuses: number[][] = [];
    for (let round = 0; round < 10; round++) {
      if (answers.length > 0) await finish(answers[0]!.json().run.id);
      answers = await Promise.all([post(supervisor.headers, both), post(admin.headers, [...both].reverse())]);
      statuses.push(answers.map((a) => a.statusCode).sort());
    }
    // Before: [201, 201] in every round, and two runs each queueing both accounts.
    expect(statuses).toEqual(Array.from({ length: 10 }, () => [200, 201]));
    const runIds = new Set(answers.map((a) => a.json().run.id as string));
    expect(runIds.size).toBe(1);
    const [runId] = [...runIds];
    const repeated = answers.find((a) => a.statusCode === 200)!.json();
    expect(repeated).toMatchObject({ repeated: true, run: { id: runId, status: 'queued' } });
    expect(repeated.message).toContain('sedang berjalan');
    const jobs = (await waitingCrawlJobs()).filter((j) => j.data.runId === runId);
    expect(jobs).toHaveLength(2);
    const audited = await server.database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'crawl.start')
      .where('entity_id', '=', runId!)
      .execute();
    expect(audited).toHaveLength(1);

    // The page form says so too, and starts nothing.
    const posted = await server.app.inject({
      method: 'POST',
      url: '/crawls',
      headers: { cookie: supervisor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: supervisor.csrfToken, accountIds: both.join(',') }).toString(),
    });
    expect(posted.headers.location).toBe('/crawls?done=running');
    const flash = await server.app.inject({ method: 'GET', url: '/crawls?done=running', headers: supervisor.headers });
    expect(flash.body).toContain('sedang berjalan');

    // Once that run has finished, the same accounts can be crawled again.
    await finish(runId!);
    const again = await post(supervisor.headers, both);
    expect(again.statusCode).toBe(201);
    expect(again.json().run.id).not.toBe(runId);
  });

  it('crawl now of accounts an active crawl of all holds gets that run back; all while some are crawled starts', async () => {
    const supervisor = await server.signIn('supervisor');
    const post = (payload: object) =>
      server.app.inject({ method: 'POST', url: '/api/crawls', headers: supervisor.headers, payload });
    await finishActiveRuns();
    const all = await post({});
    expect(all.statusCode).toBe(201);
    // Before: 201 and a second run queueing the account the run of all already holds.
    const some = await post({ accountIds: [accountIds[0]] });
    expect(some.statusCode, some.body).toBe(200);
    expect(some.json()).toMatchObject({ repeated: true, run: { id: all.json().run.id } });
    expect(some.json().message).toContain('sedang berjalan');

    // The other way round: a crawl of all while some accounts are crawled starts (the others need it).
    await finishActiveRuns();
    expect((await post({ accountIds: [accountIds[1]] })).statusCode).toBe(201);
    expect((await post({})).statusCode).toBe(201);

    // An account added after the run of all opened is not in it: its crawl starts.
    const person = await server.database.db.selectFrom('people').select('id').executeTakeFirstOrThrow();
    const added = await server.database.db
      .insertInto('accounts')
      .values({ person_id: person.id, platform: 'x', handle: 'ani_x2', profile_url: 'http://127.0.0.1:1/x/ani_x2' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await post({ accountIds: [accountIds[0], added.id] })).statusCode).toBe(201);
    await finishActiveRuns();
  });

  it('crawl now of accounts an active crawl of a list holds gets that run back; a list with another starts', async () => {
    const supervisor = await server.signIn('supervisor');
    const post = (payload: object) =>
      server.app.inject({ method: 'POST', url: '/api/crawls', headers: supervisor.headers, payload });
    await finishActiveRuns();
    const list = await post({ accountIds: [accountIds[0], accountIds[1]] });
    expect(list.statusCode).toBe(201);
    // Before: 201 and a second run queueing the account the list run already holds (only all was looked at).
    const some = await post({ accountIds: [accountIds[1]] });
    expect(some.statusCode, some.body).toBe(200);
    expect(some.json()).toMatchObject({ repeated: true, run: { id: list.json().run.id } });
    const jobs = await waitingCrawlJobs();
    expect(jobs.filter((j) => j.data.accountId === accountIds[1]).map((j) => j.data.runId)).toContain(
      list.json().run.id,
    );
    expect(jobs.filter((j) => j.data.runId === some.json().run.id)).toHaveLength(2);

    // A list with an account the running one lacks starts (that account needs it).
    const person = await server.database.db.selectFrom('people').select('id').executeTakeFirstOrThrow();
    const other = await server.database.db
      .insertInto('accounts')
      .values({ person_id: person.id, platform: 'x', handle: 'ani_x3', profile_url: 'http://127.0.0.1:1/x/ani_x3' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await post({ accountIds: [accountIds[0], other.id] })).statusCode).toBe(201);
    await finishActiveRuns();
  });

  it('refuses analysts starting a crawl', async () => {
    const analyst = await server.signIn('analyst');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/crawls',
      headers: analyst.headers,
      payload: {},
    });
    expect(response.statusCode).toBe(403);
  });
});
