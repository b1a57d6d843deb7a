import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../auth/roles.ts';
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
});
