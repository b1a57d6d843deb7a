import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../auth/roles.ts';
import { QUEUE_CONSOLES } from '../http/queue-console.ts';
import type { RouteDef } from '../http/route.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { allRoutes } from './index.ts';

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

function concreteUrl(route: RouteDef): string {
  return route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    name.toLowerCase().includes('sha') ? 'a'.repeat(64) : DUMMY_ID,
  );
}

function roleBelow(role: Role): Role | null {
  const index = ROLES.indexOf(role);
  return index > 0 ? (ROLES[index - 1] ?? null) : null;
}

describe('route access control', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  const guarded = allRoutes.filter((r) => r.role !== 'public');

  // The case side (issue #11): each route with the role it needs. A new case route must be added here, and
  // the 401/403/CSRF checks below then cover it like every other route.
  const CASE_ROUTES: Record<string, Role> = {
    'GET /api/cases': 'viewer',
    'POST /api/cases': 'analyst',
    'POST /cases': 'analyst',
    'GET /api/cases/:id': 'viewer',
    'PATCH /api/cases/:id': 'analyst',
    'POST /api/cases/:id/edit': 'analyst',
    'POST /cases/:id/edit': 'analyst',
    'POST /api/cases/:id/clock': 'analyst',
    'POST /cases/:id/clock': 'analyst',
    'POST /api/cases/:id/items': 'analyst',
    'POST /cases/:id/items': 'analyst',
    'POST /api/cases/:id/found-at': 'analyst',
    'POST /cases/:id/found-at': 'analyst',
    'POST /api/cases/:id/submit': 'analyst',
    'POST /cases/:id/submit': 'analyst',
    'POST /api/cases/:id/second-review': 'analyst',
    'POST /cases/:id/second-review': 'analyst',
    'POST /api/cases/:id/adjudication': 'supervisor',
    'POST /cases/:id/adjudication': 'supervisor',
    'POST /api/cases/:id/referrals': 'supervisor',
    'POST /cases/:id/referrals': 'supervisor',
    'POST /api/cases/:id/outcomes': 'supervisor',
    'POST /cases/:id/outcomes': 'supervisor',
    'POST /api/cases/:id/documents': 'supervisor',
    'POST /api/cases/:id/items/:itemId/verify': 'analyst',
    'POST /cases/:id/items/:itemId/verify': 'analyst',
    'GET /cases/:id/dossier.pdf': 'analyst',
    'GET /api/case-export.csv': 'supervisor',
    'GET /cases': 'viewer',
    'GET /cases/profile': 'analyst',
    'POST /cases/profile': 'analyst',
    'PUT /api/me/officer-profile': 'analyst',
    'PUT /api/users/:id/officer-profile': 'admin',
    'GET /cases/:id': 'viewer',
    'POST /api/cases/people/:id/rank-grade': 'analyst',
    'POST /cases/people/:id/rank-grade': 'analyst',
    'GET /api/people/:id/outcomes': 'viewer',
    'GET /people/:id/outcomes': 'viewer',
    'GET /api/people/:id/export': 'admin',
    'POST /api/admin/retention/run': 'admin',
    'POST /api/contests/:contestId/candidates/:number/stages': 'admin',
  };

  it('guards every case route with its role', () => {
    const caseRoutes = allRoutes.filter((r) => r.tag === 'cases').map((r) => `${r.method} ${r.url}`);
    expect(caseRoutes.sort()).toEqual(Object.keys(CASE_ROUTES).sort());
    for (const [key, role] of Object.entries(CASE_ROUTES)) {
      expect(allRoutes.find((r) => `${r.method} ${r.url}` === key)?.role, key).toBe(role);
    }
  });

  it('guards the tip routes (issue 8) for analysts and up', () => {
    const tips = allRoutes.filter((r) => r.url === '/tips/new' || r.url === '/tips' || r.url === '/api/tips');
    expect(tips.map((r) => `${r.method} ${r.url} ${r.role}`).sort()).toEqual([
      'GET /tips/new analyst',
      'POST /api/tips analyst',
      'POST /tips analyst',
    ]);
  });

  it('has guarded routes to check', () => {
    expect(guarded.length).toBeGreaterThan(3);
  });

  it.each(guarded.map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s refuses an unauthenticated request with 401',
    async (_name, route) => {
      const response = await server.app.inject({
        method: route.method,
        url: concreteUrl(route),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode).toBe(401);
    },
  );

  const belowRole = guarded.filter((r) => r.role !== 'public' && roleBelow(r.role as Role) !== null);
  it.each(belowRole.map((r) => [`${r.method} ${r.url} (needs ${r.role})`, r] as const))(
    '%s refuses the role just below with 403',
    async (_name, route) => {
      const lower = roleBelow(route.role as Role)!;
      const session = await server.signIn(lower);
      const response = await server.app.inject({
        method: route.method,
        url: concreteUrl(route),
        headers: session.headers,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode).toBe(403);
      if (route.kind === 'api') expect(response.json().error.code).toBe('AUTH_FORBIDDEN');
    },
  );

  const writes = guarded.filter((r) => r.method !== 'GET');
  it.each(writes.map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s refuses a write without the CSRF token',
    async (_name, route) => {
      const session = await server.signIn('admin');
      const response = await server.app.inject({
        method: route.method,
        url: concreteUrl(route),
        headers: { cookie: session.cookie },
        payload: {},
      });
      expect(response.statusCode).toBe(403);
    },
  );

  it('refuses a write whose Origin is another site even with a valid token', async () => {
    const session = await server.signIn('admin');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...session.headers, origin: 'https://evil.example', host: 'localhost' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('AUTH_ORIGIN_REFUSED');
  });

  it('shows the sign-in form with status 401 on a page when not signed in', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/review' });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('action="/login"');
    expect(response.body).toContain('value="/review"');
  });

  describe('queue console (bull-board)', () => {
    const api = (base: string) => `${base}/api/queues`;
    const pause = (base: string) => `${base}/api/queues/crawl/pause`;

    it.each(QUEUE_CONSOLES.map((c) => [c.path, c] as const))('%s refuses a signed-out request', async (_p, c) => {
      const json = await server.app.inject({ method: 'GET', url: api(c.path) });
      expect(json.statusCode).toBe(401);
      const page = await server.app.inject({ method: 'GET', url: c.path, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe(`/login?next=${encodeURIComponent(c.path)}`);
    });

    it.each(QUEUE_CONSOLES.map((c) => [c.path, c] as const))('%s refuses the role just below', async (_p, c) => {
      const session = await server.signIn(roleBelow(c.role)!);
      for (const url of [c.path, api(c.path)]) {
        const response = await server.app.inject({ method: 'GET', url, headers: session.headers });
        expect(response.statusCode, url).toBe(403);
        expect(response.json().error.code).toBe('AUTH_FORBIDDEN');
      }
    });

    it('lets a supervisor read the read-only console and refuses every change there', async () => {
      const supervisor = await server.signIn('supervisor');
      const page = await server.app.inject({ method: 'GET', url: '/queues', headers: supervisor.headers });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      const list = await server.app.inject({ method: 'GET', url: api('/queues'), headers: supervisor.headers });
      expect(list.statusCode).toBe(200);
      expect(list.json().queues.map((q: { name: string }) => q.name)).toEqual(
        expect.arrayContaining(['crawl', 'classify', 'schedule']),
      );
      const admin = await server.signIn('admin');
      for (const session of [supervisor, admin]) {
        const change = await server.app.inject({
          method: 'PUT',
          url: pause('/queues'),
          headers: { ...session.headers, 'x-xsrf-token': session.csrfToken },
        });
        expect(change.statusCode).toBe(403);
        expect(change.json().error.code).toBe('QUEUE_CONSOLE_READ_ONLY');
      }
      expect(await server.queues.crawl.isPaused()).toBe(false);
    });

    it('lets an admin change queues only with the session CSRF token from the same origin, and audits it', async () => {
      const admin = await server.signIn('admin');
      const page = await server.app.inject({ method: 'GET', url: '/admin/queues', headers: admin.headers });
      expect(page.statusCode).toBe(200);
      const xsrf = page.cookies.find((c) => c.name === 'XSRF-TOKEN');
      expect(xsrf?.value).toBe(admin.csrfToken);
      expect(xsrf?.path).toBe('/admin/queues');
      const cookieOnly = { cookie: admin.cookie };
      const noToken = await server.app.inject({ method: 'PUT', url: pause('/admin/queues'), headers: cookieOnly });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('AUTH_CSRF_INVALID');
      const wrong = await server.app.inject({
        method: 'PUT',
        url: pause('/admin/queues'),
        headers: { ...cookieOnly, 'x-xsrf-token': 'x'.repeat(admin.csrfToken.length) },
      });
      expect(wrong.statusCode).toBe(403);
      const crossSite = await server.app.inject({
        method: 'PUT',
        url: pause('/admin/queues'),
        headers: { ...cookieOnly, 'x-xsrf-token': admin.csrfToken, origin: 'https://evil.example', host: 'localhost' },
      });
      expect(crossSite.statusCode).toBe(403);
      expect(crossSite.json().error.code).toBe('AUTH_ORIGIN_REFUSED');
      expect(await server.queues.crawl.isPaused()).toBe(false);
      const ok = await server.app.inject({
        method: 'PUT',
        url: pause('/admin/queues'),
        headers: { ...cookieOnly, 'x-xsrf-token': admin.csrfToken },
      });
      expect(ok.statusCode).toBe(200);
      expect(await server.queues.crawl.isPaused()).toBe(true);
      await server.queues.crawl.resume();
      const audit = await server.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_username', 'after'])
        .where('entity_type', '=', 'queue_console')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['queue_console.open', 'queue_console.change']),
      );
      expect(audit.filter((a) => a.action === 'queue_console.change')).toHaveLength(1);
    });
  });
});
