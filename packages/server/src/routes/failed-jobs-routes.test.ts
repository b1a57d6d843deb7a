import { insertWatchedAccount } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failJob } from '../testing/failed-job.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { summariseJobData } from './failed-jobs-routes.ts';

const SECRET_TEXT = 'isi unggahan panjang yang tidak boleh tampil utuh';

describe('failed jobs routes', () => {
  let server: TestServer;
  let failedId: string;

  beforeAll(async () => {
    server = await createTestServer();
    const job = await failJob(
      server,
      'classify',
      {
        name: 'classify-post',
        data: {
          platform: 'x',
          authorHandle: '<script>alert(1)</script>',
          text: SECRET_TEXT,
          raw: { html: '<div>big</div>' },
        },
        jobId: 'bad-post-1',
      },
      'payload.externalId: <b>required</b>',
    );
    failedId = String(job.id);
  });
  afterAll(async () => server?.close());

  it('summarises payloads from identifying fields only', () => {
    expect(summariseJobData({ platform: 'x', handle: 'ani', text: 'long text', raw: { a: 1 } })).toBe(
      'platform=x handle=ani',
    );
    expect(summariseJobData({ foo: 1, bar: 2 })).toBe('{foo, bar}');
    expect(summariseJobData(null)).toBe('null');
    expect(summariseJobData({ url: 'u'.repeat(500) }).length).toBeLessThan(100);
  });

  it('lists the failed job with reason, attempts and a short summary, never the whole payload', async () => {
    const supervisor = await server.signIn('supervisor');
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/queues/failed?queue=classify',
      headers: supervisor.headers,
    });
    expect(response.statusCode).toBe(200);
    const [classify] = response.json().queues;
    expect(classify.queue).toBe('classify');
    expect(classify.total).toBe(1);
    expect(classify.jobs[0]).toMatchObject({
      id: failedId,
      name: 'classify-post',
      failedReason: 'payload.externalId: <b>required</b>',
      attemptsMade: 1,
    });
    expect(classify.jobs[0].summary).toContain('platform=x');
    expect(response.body).not.toContain(SECRET_TEXT);
    expect(response.body).not.toContain('<div>big</div>');

    const all = await server.app.inject({ method: 'GET', url: '/api/queues/failed', headers: supervisor.headers });
    expect(all.json().queues.map((q: { queue: string }) => q.queue)).toEqual(['crawl', 'classify', 'ocr', 'schedule']);
    const bad = await server.app.inject({
      method: 'GET',
      url: '/api/queues/failed?queue=nope',
      headers: supervisor.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('query.queue');
  });

  it('names in its read entry the person whose account a job names only by handle (a reply’s author)', async () => {
    const db = server.database.db;
    const person = await insertWatchedAccount(db, { platform: 'x', handle: 'Ani_X' });
    await failJob(
      server,
      'ocr',
      { name: 'ocr-post', data: { platform: 'x', authorHandle: '@ani_x', accountId: null }, jobId: 'ocr-1' },
      'no image',
    );
    const supervisor = await server.signIn('supervisor');
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/queues/failed?queue=ocr',
      headers: supervisor.headers,
    });
    expect(response.statusCode).toBe(200);
    const entry = await db
      .selectFrom('access_log')
      .select(['entity_type', 'entity_id', 'person_ids'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      entity_type: 'person_list',
      entity_id: 'GET /api/queues/failed',
      person_ids: [person.personId],
    });
  });

  it('page shows per-queue tables with escaped values and a retry form', async () => {
    const supervisor = await server.signIn('supervisor');
    const page = await server.app.inject({ method: 'GET', url: '/admin/failed-jobs', headers: supervisor.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="queue-crawl"');
    expect(page.body).toContain('id="queue-schedule"');
    expect(page.body).toContain('payload.externalId: &lt;b&gt;required&lt;/b&gt;');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toContain(SECRET_TEXT);
    expect(page.body).toContain(`action="/admin/failed-jobs/classify/${failedId}/retry"`);
    expect(page.body).toContain(`name="_csrf" value="${supervisor.csrfToken}"`);
  });

  it('retry moves the job back to waiting with an audit entry; a second retry is refused', async () => {
    const supervisor = await server.signIn('supervisor');
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/queues/classify/jobs/${failedId}/retry`,
      headers: supervisor.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ queue: 'classify', jobId: failedId, state: 'waiting' });
    const job = await server.queues.classify.getJob(failedId);
    expect(await job?.getState()).toBe('waiting');
    expect(await server.queues.classify.getFailedCount()).toBe(0);

    const audit = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'job.retry')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_username: 'supervisor',
      entity_type: 'queue_job',
      entity_id: `classify/${failedId}`,
      before: { state: 'failed', attemptsMade: 1 },
      after: { state: 'waiting' },
    });

    const again = await server.app.inject({
      method: 'POST',
      url: `/api/queues/classify/jobs/${failedId}/retry`,
      headers: supervisor.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('JOB_NOT_FAILED');
    const missing = await server.app.inject({
      method: 'POST',
      url: '/api/queues/crawl/jobs/no-such-job/retry',
      headers: supervisor.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('page retry redirects back with a flash', async () => {
    const queue = server.queues.schedule;
    await failJob(
      server,
      'schedule',
      { name: 'nightly', data: { trigger: 'nightly', requestedBy: null }, jobId: 'sched-1' },
      'boom',
    );

    const supervisor = await server.signIn('supervisor');
    const response = await server.app.inject({
      method: 'POST',
      url: '/admin/failed-jobs/schedule/sched-1/retry',
      headers: { cookie: supervisor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: supervisor.csrfToken }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/failed-jobs?done=retried#queue-schedule');
    expect(await (await queue.getJob('sched-1'))?.getState()).toBe('waiting');
    const page = await server.app.inject({
      method: 'GET',
      url: '/admin/failed-jobs?done=retried',
      headers: supervisor.headers,
    });
    expect(page.body).toContain('class="flash"');
  });
});
