import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertPost } from '@netra/db';
import { insertWatchedAccount } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, TEST_PASSWORD, type TestServer } from '../testing/test-server.ts';
import { safeRedirectPath } from './safe-redirect.ts';

const HOSTILE_NEXT = [
  '//evil.example/x',
  '/%09/evil.example/x',
  '/\t/evil.example/x',
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '/%5Cevil.example',
  '/\\evil.example',
  '/%5C%5Cevil.example',
  '/%252F%252Fevil.example',
  '/\r\nSet-Cookie: x=1',
  '/%0d%0aSet-Cookie:%20x=1',
  'https://evil.example/',
  'javascript:alert(1)',
  '/\u0000//evil.example',
  ' //evil.example',
  '/\u3000/evil.example',
];

describe('safe redirect after sign-in', () => {
  it.each(HOSTILE_NEXT.map((n) => [JSON.stringify(n), n]))('refuses %s', (_name, next) => {
    expect(safeRedirectPath(next)).toBe('/review');
  });

  it('keeps same-origin paths with their query', () => {
    expect(safeRedirectPath('/review/abc?saved=1')).toBe('/review/abc?saved=1');
    expect(safeRedirectPath('/watchlist?q=a%20b')).toBe('/watchlist?q=a%20b');
  });
});

describe('HTTP hardening', () => {
  let server: TestServer;
  let evidenceDir: string;
  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-evidence-'));
    server = await createTestServer({ evidenceDir });
  });
  afterAll(async () => {
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it.each(HOSTILE_NEXT.map((n) => [JSON.stringify(n), n]))(
    'sends a signed-in user to a same-origin path whatever next is: %s',
    async (_name, next) => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/login',
        payload: { username: 'viewer', password: TEST_PASSWORD, next },
      });
      if (next.includes('\u0000')) {
        // Text no column can hold is refused in any field before the route runs: no redirect, no session.
        expect(response.statusCode).toBe(400);
        expect(response.headers.location).toBeUndefined();
        expect(response.headers['set-cookie']).toBeUndefined();
        expect(response.body).toContain('body.next');
        return;
      }
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/review');
    },
  );

  it('answers GET /login?next=<CR LF> without a server error', async () => {
    const viewer = await server.signIn('viewer');
    const response = await server.app.inject({
      method: 'GET',
      url: '/login?next=/%0d%0aX:%201',
      headers: { cookie: viewer.cookie },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/review');
  });

  it('refuses sign-in from Origin: null and from a cross-site fetch (login CSRF)', async () => {
    for (const headers of [{ origin: 'null' }, { 'sec-fetch-site': 'cross-site' }]) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers,
        payload: { username: 'viewer', password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('AUTH_ORIGIN_REFUSED');
    }
  });

  it('refuses a large body on anonymous sign-in with a 413 naming the limit', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: 'x'.repeat(200 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    const error = response.json().error;
    expect(error.code).toBe('REQUEST_TOO_LARGE');
    expect(error.message).toContain('64 KiB');
    expect(error.details.limitBytes).toBe(64 * 1024);
  });

  it('accepts a large body on an upload route', async () => {
    const admin = await server.signIn('admin');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/registry/import',
      headers: admin.headers,
      payload: { content: `{"contests": [], "pad": "${'x'.repeat(200 * 1024)}"}`, dryRun: true },
    });
    expect(response.statusCode).not.toBe(413);
  });

  it('answers framework errors in Netra’s error shape', async () => {
    const malformed = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'REQUEST_MALFORMED' });
    const mediaType = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'hello',
    });
    expect(mediaType.statusCode).toBe(415);
    expect(mediaType.json().error.code).toBe('REQUEST_MEDIA_TYPE_UNSUPPORTED');
    const deep = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.code).toBe('JSON_TOO_DEEP');
    const page = await server.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=a&password=${'x'.repeat(100 * 1024)}`,
    });
    expect(page.statusCode).toBe(413);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('REQUEST_TOO_LARGE');
  });

  it('serves evidence with its sandbox CSP and a media type from the allow-list only', async () => {
    const account = await insertWatchedAccount(server.database.db, {
      name: 'Siti',
      nip: '198501032010012001',
      agency: 'Dinas',
      position: 'Guru',
      ppk: 'Bupati',
      handle: 'siti',
    });
    const bytes = Buffer.from('<html><script>alert(1)</script></html>');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await writeFile(join(evidenceDir, 'fake.png'), bytes);
    await upsertPost(server.database.db, {
      platform: 'facebook',
      externalId: 'ev1',
      url: 'https://www.facebook.com/siti/posts/ev1',
      kind: 'post',
      accountId: account.accountId,
      authorHandle: 'siti',
      text: 'x',
      postedAt: null,
      fetchedAt: '2024-10-02T01:00:00Z',
      mediaDescriptions: [],
      evidence: [
        {
          kind: 'screenshot',
          sha256,
          bytes: bytes.length,
          mediaType: 'text/html',
          path: 'fake.png',
          capturedAt: '2024-10-02T01:00:00Z',
        },
      ],
      raw: {},
      crawlRunId: null,
    });
    const viewer = await server.signIn('viewer');
    const response = await server.app.inject({ method: 'GET', url: `/evidence/${sha256}`, headers: viewer.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toBe('attachment');
    expect(response.headers['content-security-policy']).toContain('sandbox');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('TRUST_PROXY as a hop count', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer({ trustProxy: 1 });
  });
  afterAll(async () => server?.close());

  it('takes the client address from the one trusted hop, not from what the client wrote first', async () => {
    await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
      payload: { username: 'nobody', password: 'wrong password' },
    });
    const rows = await server.database.db.selectFrom('login_attempts').select('ip').execute();
    expect(rows.map((r) => r.ip)).toEqual(['203.0.113.7']);
  });
});
