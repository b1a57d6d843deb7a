import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

/** The per-platform kill switch (issue 8): admins only, CSRF on the form, every change audited. */
describe('platform switch routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  it('guards every switch route for admins only', async () => {
    const supervisor = await server.signIn('supervisor');
    for (const [method, url] of [
      ['GET', '/admin/platforms'],
      ['GET', '/api/platform-switches'],
      ['PUT', '/api/platform-switches/facebook'],
      ['POST', '/admin/platforms/facebook'],
    ] as const) {
      const response = await server.app.inject({
        method,
        url,
        headers: supervisor.headers,
        ...(method === 'GET' ? {} : { payload: { enabled: false, reason: 'x' } }),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
    const rows = await server.database.db.selectFrom('platform_switches').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('lets an admin switch a platform off from the form and on over the API, audited, shown on the page', async () => {
    const admin = await server.signIn('admin');
    const page = await server.app.inject({ method: 'GET', url: '/admin/platforms', headers: admin.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Saklar platform');
    expect(page.body).toContain('action="/admin/platforms/tiktok"');
    expect(page.body).toContain(`name="_csrf" value="${admin.csrfToken}"`);

    // Without the CSRF token: refused, nothing changes.
    const forged = await server.app.inject({
      method: 'POST',
      url: '/admin/platforms/tiktok',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ enabled: 'false', reason: 'palsu' }).toString(),
    });
    expect(forged.statusCode).toBe(403);

    const noReason = await server.app.inject({
      method: 'POST',
      url: '/admin/platforms/tiktok',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: admin.csrfToken, enabled: 'false', reason: ' ' }).toString(),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('reason');

    const off = await server.app.inject({
      method: 'POST',
      url: '/admin/platforms/tiktok',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        enabled: 'false',
        reason: 'tampilan <b>berubah</b>',
      }).toString(),
    });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/admin/platforms?done=saved');
    const after = await server.app.inject({
      method: 'GET',
      url: '/admin/platforms?done=saved',
      headers: admin.headers,
    });
    expect(after.body).toContain('Saklar platform tersimpan.');
    expect(after.body).toContain('<tr class="switch-off">\n  <td>tiktok</td>');
    expect(after.body).toContain('tampilan &lt;b&gt;berubah&lt;/b&gt;');
    expect(after.body).toMatch(/W(IB|ITA|IT)<\/time>/);

    const list = await server.app.inject({ method: 'GET', url: '/api/platform-switches', headers: admin.headers });
    const tiktok = list.json().platforms.find((p: { platform: string }) => p.platform === 'tiktok');
    expect(tiktok).toMatchObject({ enabled: false, reason: 'tampilan <b>berubah</b>', changedBy: 'admin' });
    expect(list.json().platforms.find((p: { platform: string }) => p.platform === 'facebook').enabled).toBe(true);

    const unknown = await server.app.inject({
      method: 'PUT',
      url: '/api/platform-switches/myspace',
      headers: admin.headers,
      payload: { enabled: false, reason: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('PLATFORM_UNKNOWN');

    const on = await server.app.inject({
      method: 'PUT',
      url: '/api/platform-switches/tiktok',
      headers: admin.headers,
      payload: { enabled: true },
    });
    expect(on.statusCode).toBe(200);
    expect(on.json().platform).toMatchObject({ platform: 'tiktok', enabled: true });

    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username', 'entity_type', 'entity_id', 'before', 'after'])
      .where('action', '=', 'platform.switch')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      {
        action: 'platform.switch',
        actor_username: 'admin',
        entity_type: 'platform',
        entity_id: 'tiktok',
        before: { enabled: true },
        after: { enabled: false, reason: 'tampilan <b>berubah</b>' },
      },
      {
        action: 'platform.switch',
        actor_username: 'admin',
        entity_type: 'platform',
        entity_id: 'tiktok',
        before: { enabled: false, reason: 'tampilan <b>berubah</b>' },
        after: { enabled: true, reason: '' },
      },
    ]);
  });
});
