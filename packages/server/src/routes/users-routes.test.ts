import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

const PASSWORD = 'a perfectly long passphrase';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('users routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  async function createUser(username: string, role = 'analyst', displayName = `User ${username}`) {
    const admin = await server.signIn('admin');
    return server.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username, displayName, role, password: PASSWORD },
    });
  }

  async function login(username: string, password = PASSWORD) {
    return server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  }

  async function patch(id: string, body: Record<string, unknown>) {
    const admin = await server.signIn('admin');
    return server.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin.headers, payload: body });
  }

  async function adminId(): Promise<string> {
    const admin = await server.signIn('admin');
    const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers });
    return me.json().user.id as string;
  }

  it('creates a user who can then sign in, and never returns the password hash', async () => {
    const response = await createUser('sri.wahyuni', 'analyst', 'Sri Wahyuni');
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({
      username: 'sri.wahyuni',
      displayName: 'Sri Wahyuni',
      role: 'analyst',
      active: true,
    });
    expect(response.body).not.toMatch(/argon2|password/i);
    expect((await login('sri.wahyuni')).statusCode).toBe(200);

    const admin = await server.signIn('admin');
    const list = await server.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().users.map((u: { username: string }) => u.username)).toContain('sri.wahyuni');
    expect(list.body).not.toMatch(/argon2|password_hash|passwordHash/i);
  });

  it('refuses a short password naming the field, and a taken username (any case) with USER_CONFLICT', async () => {
    const admin = await server.signIn('admin');
    const short = await server.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'shorty', displayName: 'S', role: 'viewer', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.issues.map((i: { field: string }) => i.field)).toContain('body.password');

    expect((await createUser('budi')).statusCode).toBe(201);
    const dup = await createUser('BUDI');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USER_CONFLICT');
  });

  it('refuses an admin demoting or deactivating themselves', async () => {
    const id = await adminId();
    const demote = await patch(id, { role: 'supervisor' });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().error.code).toBe('USER_SELF_DEMOTION');
    const deactivate = await patch(id, { active: false });
    expect(deactivate.statusCode).toBe(400);
    expect(deactivate.json().error.code).toBe('USER_SELF_DEACTIVATION');
    // Still an admin: the refused change did nothing.
    const admin = await server.signIn('admin');
    const me = await server.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(me.statusCode).toBe(200);
    // Changing one's own display name is fine.
    expect((await patch(id, { displayName: 'Kepala Admin' })).statusCode).toBe(200);
  });

  it('ends the sessions of a deactivated user, and they cannot sign in again', async () => {
    const created = (await createUser('dewi', 'viewer')).json().user;
    const signedIn = await login('dewi');
    const cookie = `netra_session=${signedIn.cookies.find((c) => c.name === 'netra_session')?.value}`;
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);

    const response = await patch(created.id, { active: false });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.active).toBe(false);
    const count = await server.database.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('dewi')).statusCode).toBe(401);
  });

  it('changes role and resets passwords, each with an audit entry holding before/after and no hash', async () => {
    const created = (await createUser('agus', 'viewer')).json().user;
    expect((await patch(created.id, { role: 'supervisor' })).json().user.role).toBe('supervisor');
    const newPassword = 'another long passphrase';
    expect((await patch(created.id, { password: newPassword })).statusCode).toBe(200);
    expect((await login('agus')).statusCode).toBe(401);
    expect((await login('agus', newPassword)).statusCode).toBe(200);

    const admin = await server.signIn('admin');
    const audit = await server.app.inject({
      method: 'GET',
      url: `/api/audit?entityType=user&entityId=${created.id}`,
      headers: admin.headers,
    });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().entries as {
      action: string;
      actorUsername: string;
      before: unknown;
      after: unknown;
    }[];
    const byAction = new Map(entries.map((e) => [e.action, e]));
    expect(byAction.get('user.create')).toMatchObject({
      actorUsername: 'admin',
      before: null,
      after: { role: 'viewer' },
    });
    expect(byAction.get('user.role_change')).toMatchObject({
      before: { role: 'viewer', active: true },
      after: { role: 'supervisor', active: true },
    });
    expect(byAction.get('user.password_reset')).toMatchObject({ after: { passwordReset: true } });
    expect(audit.body).not.toMatch(/argon2|password_hash|passwordHash/);
    expect(audit.body).not.toContain(newPassword);
    expect(audit.body).not.toContain(PASSWORD);
  });

  it('page: lists users with escaped names, creates and edits through forms with a flash after redirect', async () => {
    const admin = await server.signIn('admin');
    const created = await server.app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        _csrf: admin.csrfToken,
        username: 'rina',
        displayName: '<script>alert(1)</script>',
        role: 'analyst',
        password: PASSWORD,
      }),
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/users?done=created');

    const page = await server.app.inject({ method: 'GET', url: '/admin/users?done=created', headers: admin.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="flash"');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain(`name="_csrf" value="${admin.csrfToken}"`);
    expect(page.body).not.toMatch(/argon2/);

    const list = (await server.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })).json();
    const rina = list.users.find((u: { username: string }) => u.username === 'rina');
    const edited = await server.app.inject({
      method: 'POST',
      url: `/admin/users/${rina.id}`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: admin.csrfToken, displayName: 'Rina', role: 'viewer', active: 'false', password: '' }),
    });
    expect(edited.statusCode).toBe(303);
    expect(edited.headers.location).toBe('/admin/users?done=updated');
    const after = (await server.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })).json();
    expect(after.users.find((u: { username: string }) => u.username === 'rina')).toMatchObject({
      displayName: 'Rina',
      role: 'viewer',
      active: false,
    });
    // The empty password field kept the password: reactivate and sign in with the old one.
    await patch(rina.id, { active: true });
    expect((await login('rina')).statusCode).toBe(200);
  });

  it('page: a refused form shows an error page naming the problem', async () => {
    const admin = await server.signIn('admin');
    const dup = await server.app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        _csrf: admin.csrfToken,
        username: 'viewer',
        displayName: 'X',
        role: 'viewer',
        password: PASSWORD,
      }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('USER_CONFLICT');
    const short = await server.app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: admin.csrfToken, username: 'new1', displayName: 'X', role: 'viewer', password: 'x' }),
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('body.password');
  });
});
