import { createLogger } from '@netra/core';
import { insertUser } from '@netra/db';
import { createTestDatabase, type TestDatabase, testQueuePrefix, testRedisUrl } from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../auth/passwords.ts';
import type { Role } from '../auth/roles.ts';
import { buildServer } from '../http/build-server.ts';
import type { ServerConfig } from '../http/route.ts';
import { allRoutes } from '../routes/index.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

export interface TestServer {
  app: FastifyInstance;
  database: TestDatabase;
  queues: Queues;
  /** The Redis key prefix of this server's queues, for workers started by the test. */
  prefix: string;
  redisUrl: string;
  config: ServerConfig;
  /** Signs in as the seeded user of that role (username = role name). */
  signIn(role: Role): Promise<SignedIn>;
  close(): Promise<void>;
}

/**
 * The real server on a fresh PostgreSQL database and a private Redis key prefix, with one user per role.
 * Requests go through `app.inject`, which exercises the full routing, guard and validation path.
 */
export async function createTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const connection = createRedisConnection({ url: testRedisUrl(), forWorker: false });
  const prefix = testQueuePrefix();
  const queues = createQueues(connection, prefix);
  const config: ServerConfig = {
    cookieSecure: false,
    sessionTtlHours: 12,
    trustProxy: false,
    loginMaxFailures: 5,
    loginWindowMinutes: 15,
    evidenceDir: '/nonexistent',
    ...overrides,
  };
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const role of ['admin', 'supervisor', 'analyst', 'viewer'] as const) {
    await insertUser(database.db, { username: role, displayName: `Test ${role}`, passwordHash, role });
  }
  const app = await buildServer({ db: database.db, queues, logger: createLogger('test', 'silent'), config }, allRoutes);
  await app.ready();
  const sessions = new Map<Role, SignedIn>();
  return {
    app,
    database,
    queues,
    prefix,
    redisUrl: testRedisUrl(),
    config,
    signIn: async (role) => {
      const cached = sessions.get(role);
      if (cached) return cached;
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: role, password: TEST_PASSWORD },
      });
      if (response.statusCode !== 200)
        throw new Error(`sign-in as ${role} failed: ${response.statusCode} ${response.body}`);
      const setCookie = response.cookies.find((c) => c.name === 'netra_session');
      if (!setCookie) throw new Error('no session cookie');
      const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
      const signed = {
        cookie: `netra_session=${setCookie.value}`,
        csrfToken,
        headers: { cookie: `netra_session=${setCookie.value}`, 'x-csrf-token': csrfToken },
      };
      sessions.set(role, signed);
      return signed;
    },
    close: async () => {
      await app.close();
      await queues.close();
      connection.disconnect();
      await database.drop();
    },
  };
}
