import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../routes/index.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name.toLowerCase().includes('sha') ? 'a'.repeat(64) : DUMMY_ID));

// Fastify answers HEAD on every GET route by running the GET handler and dropping the body: a handler that
// logs a read, audits an export or renders a PDF would do so for a request that shows nothing. Only the
// routes marked `headSafe` (no side effect at all) may keep that; every other GET answers HEAD with 405.
describe('HEAD requests', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  const gets = allRoutes.filter((r) => r.method === 'GET');

  it('marks only side-effect-free routes as safe for HEAD', () => {
    const safe = gets.filter((r) => r.headSafe).map((r) => r.url);
    expect(safe.sort()).toEqual(
      [
        '/api/health',
        '/assets/file-import.js',
        '/assets/netra.css',
        '/assets/review.js',
        '/assets/tip-capture.js',
      ].sort(),
    );
  });

  it.each(gets.filter((r) => !r.headSafe).map((r) => [r.url, r] as const))(
    'HEAD %s answers 405 with Allow: GET and leaves no access or audit entry',
    async (_url, route) => {
      const admin = await server.signIn('admin');
      const count = async (table: 'access_log' | 'audit_log') =>
        Number(
          (
            await server.database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = [await count('access_log'), await count('audit_log')];
      const response = await server.app.inject({ method: 'HEAD', url: concrete(route.url), headers: admin.headers });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('GET');
      expect(response.body).toBe('');
      expect([await count('access_log'), await count('audit_log')]).toEqual(before);
    },
  );

  it.each(gets.filter((r) => !r.headSafe && r.role !== 'public').map((r) => [r.url, r] as const))(
    'HEAD %s without a session is refused like its GET, not with 405',
    async (_url, route) => {
      const url = concrete(route.url);
      const [head, get] = await Promise.all([
        server.app.inject({ method: 'HEAD', url }),
        server.app.inject({ method: 'GET', url }),
      ]);
      expect(head.statusCode).toBe(get.statusCode);
      expect(head.statusCode).not.toBe(405);
      expect(head.body).toBe('');
    },
  );

  it('still answers HEAD on the health check and the stylesheet', async () => {
    for (const url of ['/api/health', '/assets/netra.css']) {
      const response = await server.app.inject({ method: 'HEAD', url });
      expect(response.statusCode, url).toBe(200);
    }
  });
});
