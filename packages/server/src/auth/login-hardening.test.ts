import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, TEST_PASSWORD, type TestServer } from '../testing/test-server.ts';
import { passwordProblem, passwordVerificationCount } from './passwords.ts';

async function signInRaw(server: TestServer, username: string, password: string) {
  return server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

function cookieOf(response: Awaited<ReturnType<typeof signInRaw>>): string {
  return `netra_session=${response.cookies.find((c) => c.name === 'netra_session')!.value}`;
}

describe('sign-in lockout under parallel guessing', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ loginMaxFailures: 5 });
  });
  afterAll(async () => server?.close());

  it('checks at most the limit of 16 parallel wrong passwords, then refuses even the right one', async () => {
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => signInRaw(server, 'analyst', `wrong guess ${i}`)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(11);
    expect((await signInRaw(server, 'analyst', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('ends the other sessions when users change their own password, keeping the current one', async () => {
    const first = await signInRaw(server, 'admin', TEST_PASSWORD);
    const second = await signInRaw(server, 'admin', TEST_PASSWORD);
    const me = (
      await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(first) } })
    ).json();
    const changed = await server.app.inject({
      method: 'PATCH',
      url: `/api/users/${me.user.id}`,
      headers: { cookie: cookieOf(first), 'x-csrf-token': first.json().csrfToken },
      payload: { password: 'sebuah frasa sandi baru yang panjang' },
    });
    expect(changed.statusCode).toBe(200);
    const stillIn = await server.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(first) },
    });
    expect(stillIn.statusCode).toBe(200);
    const other = await server.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(second) },
    });
    expect(other.statusCode).toBe(401);
  });
});

describe('sign-in paths and password policy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ loginMaxFailures: 1000 });
    const admin = await server.signIn('admin');
    const me = (await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers })).json();
    const users = await server.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    const viewer = users.json().users.find((u: { username: string }) => u.username === 'viewer');
    expect(me.user.username).toBe('admin');
    const off = await server.app.inject({
      method: 'PATCH',
      url: `/api/users/${viewer.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
  });
  afterAll(async () => server?.close());

  it('runs one argon2 check for a deactivated or unknown user too, so neither answers faster', async () => {
    for (const [username, password] of [
      ['analyst', 'not the password'],
      ['viewer', TEST_PASSWORD], // deactivated, right password
      ['nobody-here', TEST_PASSWORD],
    ] as const) {
      const before = passwordVerificationCount();
      expect((await signInRaw(server, username, password)).statusCode).toBe(401);
      expect(passwordVerificationCount() - before, username).toBe(1);
    }
  });

  it.each([
    'password1234',
    'Password2024!',
    'p@ssw0rd12345',
    'aaaaaaaaaaaaaaaa',
    'abababababababab',
    'abcdefghijklmnop',
    '123456789012',
    'qwertyuiop123',
    'netra-admin-2024',
    'short',
  ])('refuses the weak password %s naming the field in Indonesian', async (password) => {
    const admin = await server.signIn('admin');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: `weak${Math.random().toString(36).slice(2, 8)}`,
        displayName: 'W',
        role: 'viewer',
        password,
      },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.details.issues[0].field).toBe('body.password');
    expect(error.message).toMatch(/body\.password: (kata sandi|minimal)/);
  });

  it('accepts a long passphrase and refuses one containing the username', () => {
    expect(passwordProblem('kereta pagi ke bogor jam enam')).toBeNull();
    expect(passwordProblem(TEST_PASSWORD)).toBeNull();
    expect(passwordProblem('budi.santoso sangat senang', 'budi.santoso')).toMatch(/nama pengguna/);
  });
});
