import { appendAudit } from '@netra/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { diffStates } from './audit-routes.ts';

describe('audit routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
    const db = server.database.db;
    for (let i = 1; i <= 5; i++) {
      await appendAudit(db, {
        actorId: null,
        actorUsername: 'cli:ops',
        action: 'watchlist.update',
        entityType: 'person',
        entityId: `p-${i}`,
        before: { name: 'Ani', region: '31' },
        after: { name: 'Ani <b>bold</b>', region: '31', note: `n${i}` },
      });
    }
  });
  afterAll(async () => server?.close());

  it('diffs states key by key and marks what changed', () => {
    expect(diffStates({ a: 1, b: 'x' }, { a: 2, b: 'x', c: true })).toEqual([
      { key: 'a', before: 1, after: 2, changed: true },
      { key: 'b', before: 'x', after: 'x', changed: false },
      { key: 'c', before: undefined, after: true, changed: true },
    ]);
    expect(diffStates(null, null)).toEqual([]);
    expect(diffStates(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1, changed: true }]);
  });

  it('filters by entity and actor and pages with beforeId', async () => {
    const admin = await server.signIn('admin');
    const get = (qs: string) => server.app.inject({ method: 'GET', url: `/api/audit?${qs}`, headers: admin.headers });

    const one = await get('entityType=person&entityId=p-3');
    expect(one.statusCode).toBe(200);
    expect(one.json().entries).toHaveLength(1);
    expect(one.json().entries[0]).toMatchObject({
      actorUsername: 'cli:ops',
      action: 'watchlist.update',
      entityId: 'p-3',
      before: { name: 'Ani' },
      after: { note: 'n3' },
    });

    const first = (await get('actor=cli:ops&limit=2')).json();
    expect(first.entries.map((e: { entityId: string }) => e.entityId)).toEqual(['p-5', 'p-4']);
    expect(first.nextBeforeId).toBe(first.entries[1].id);
    const second = (await get(`actor=cli:ops&limit=2&beforeId=${first.nextBeforeId}`)).json();
    expect(second.entries.map((e: { entityId: string }) => e.entityId)).toEqual(['p-3', 'p-2']);
    const last = (await get(`actor=cli:ops&limit=2&beforeId=${second.nextBeforeId}`)).json();
    expect(last.entries.map((e: { entityId: string }) => e.entityId)).toEqual(['p-1']);
    expect(last.nextBeforeId).toBeNull();

    const bad = await get('limit=0&beforeId=abc');
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['query.limit', 'query.beforeId']));
  });

  it('page shows who, when, action, entity and an escaped diff with changed keys highlighted', async () => {
    const admin = await server.signIn('admin');
    const page = await server.app.inject({
      method: 'GET',
      url: '/admin/audit?entityType=person&limit=2&entityId=',
      headers: admin.headers,
    });
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('cli:ops');
    expect(body).toContain('<code>watchlist.update</code>');
    expect(body).toContain('<time datetime=');
    expect(body).toContain('<mark>name</mark>');
    expect(body).toContain('<del>Ani</del>');
    expect(body).toContain('<ins>Ani &lt;b&gt;bold&lt;/b&gt;</ins>');
    expect(body).not.toContain('<b>bold</b>');
    expect(body).toContain('<th scope="row">region</th>');
    expect(body).toMatch(/href="\/admin\/audit\?entityType=person&amp;limit=2&amp;beforeId=\d+"/);
    expect(body).toContain('value="person"');
  });

  it('is for admins only', async () => {
    const supervisor = await server.signIn('supervisor');
    const response = await server.app.inject({ method: 'GET', url: '/admin/audit', headers: supervisor.headers });
    expect(response.statusCode).toBe(403);
  });
});
