import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, TEST_PASSWORD, type TestServer } from '../testing/test-server.ts';

describe('sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ loginMaxFailures: 3 });
  });
  afterAll(async () => server?.close());

  it('sets an httpOnly, SameSite=Strict session cookie and stores only its hash', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'analyst', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'netra_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const rows = await server.database.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(cookie.value);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: 'nope' },
    });
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
  });

  it('locks a username after repeated failures, even for the right password, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'supervisor', password: 'wrong' },
      });
    }
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'supervisor', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBeDefined();
  });

  it('names the missing field when the body is incomplete', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].field).toBe('body.password');
  });

  it('ends the session on sign-out so the cookie no longer works', async () => {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_PASSWORD },
    });
    const cookie = `netra_session=${login.cookies.find((c) => c.name === 'netra_session')!.value}`;
    const csrf = login.json().csrfToken as string;
    const out = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('records sign-in in the audit log', async () => {
    const rows = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username'])
      .where('action', '=', 'auth.login')
      .execute();
    expect(rows.some((r) => r.actor_username === 'analyst')).toBe(true);
  });
});
