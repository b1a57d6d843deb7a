import { connect } from 'node:net';
import { createLogger, DependencyState } from '@netra/core';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '@netra/db/testing';
import { createRedisConnection } from '@netra/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressAllowList } from './address-allow-list.ts';
import { NetraMetrics } from './netra-metrics.ts';
import { type OpsServer, startOpsServer } from './ops-server.ts';
import { readinessCheck } from './readiness.ts';

const logger = createLogger('ops-hostile-test', 'silent');

/** One raw HTTP exchange: the status line the server answered (or `closed`). */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    // A server refusing oversized headers answers, then resets the connection while the rest is still sent.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n', 1)[0] || 'closed'));
  });
}

/**
 * The workers' operations port (`METRICS_PORT`) and `/readyz` under attack (docs/security.md, "Fourth attack,
 * 2026-11-29"), with real PostgreSQL and Redis behind the readiness check.
 */
describe('operations endpoints under attack', () => {
  let database: TestDatabase;
  let redis: Redis;
  let server: OpsServer;
  let databaseQueries = 0;
  let redisPings = 0;
  const health = {
    database: new DependencyState('postgres', logger),
    redis: new DependencyState('redis', logger),
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createRedisConnection({ url: testRedisUrl(), forWorker: false });
    // Real stores, observed: every query the check sends to PostgreSQL and every PING to Redis is counted.
    const db = database.db.withPlugin({
      transformQuery: ({ node }) => {
        databaseQueries += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const producerConnection = new Proxy(redis, {
      get(target, key) {
        if (key === 'ping') {
          return () => {
            redisPings += 1;
            return target.ping();
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    server = await startOpsServer({
      metrics: new NetraMetrics('ops-hostile-test'),
      allow: new AddressAllowList(['loopback']),
      ready: readinessCheck({ database: { db }, producerConnection, health }),
      host: '127.0.0.1',
      port: 0,
      logger,
      // The flood below opens a connection per request; the connection cap is the last test's subject.
      limits: { maxConnections: 1_000 },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    health.database.close();
    health.redis.close();
    redis?.disconnect();
    await database?.drop();
  });

  it('answers a flood of 300 concurrent /readyz with a handful of store pings, not one each', async () => {
    const url = `http://127.0.0.1:${server.port}/readyz`;
    await fetch(url).then((r) => r.text()); // migrations are read once; the flood then only pings
    databaseQueries = 0;
    redisPings = 0;
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 300 }, () =>
        fetch(url).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean } })),
      ),
    );
    expect(answers.every((a) => a.status === 200 && a.body.ok === true)).toBe(true);
    // Each check is one `select 1` and one PING; requests arriving while one runs share it, and its report
    // answers the next second's requests too: at most one check per second (before: 300 of each).
    const checks = Math.ceil((performance.now() - started) / 1000) + 1;
    expect(databaseQueries).toBeLessThanOrEqual(checks);
    expect(redisPings).toBeLessThanOrEqual(checks);
  });

  it('holds: oversized headers, an unparsable target, other methods and a forwarded /metrics get clear refusals', async () => {
    expect(
      await rawRequest(server.port, `GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`),
    ).toMatch(/ 431 /);
    expect(await rawRequest(server.port, 'GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/ 400 /);
    expect(await rawRequest(server.port, 'POST /readyz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n')).toMatch(
      / 404 /,
    );
    expect(
      await rawRequest(server.port, 'GET /metrics HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 127.0.0.1\r\n\r\n'),
    ).toMatch(/ 403 /);
    expect((await fetch(`http://127.0.0.1:${server.port}/livez`)).status).toBe(200);
  });

  it('closes slow-header clients after the header timeout and connections past the cap, and keeps answering', async () => {
    const limited = await startOpsServer({
      metrics: new NetraMetrics('ops-hostile-limits'),
      allow: new AddressAllowList(['loopback']),
      ready: async () => ({ ok: true, database: 'available', redis: 'available', migrations: 'done', failing: [] }),
      host: '127.0.0.1',
      port: 0,
      logger,
      limits: { headersTimeoutMs: 500, maxConnections: 20 },
    });
    let closed = 0;
    // 30 clients: every other one sends a header line and then nothing (slowloris), the rest nothing at all.
    const sockets = Array.from({ length: 30 }, (_, i) => {
      const socket = connect(limited.port, '127.0.0.1', () => {
        if (i % 2 === 0) socket.write('GET /livez HTTP/1.1\r\nHost: x\r\n');
      });
      socket.on('error', () => undefined);
      // Read what the server sends (a 408), or its closing the connection is never seen.
      socket.resume();
      socket.on('close', () => {
        closed += 1;
      });
      return socket;
    });
    try {
      // Node's defaults held all 30 for 60 s or more; now 10 are refused at once and the rest cut at 0.5 s.
      await expect.poll(() => closed, { timeout: 15_000, interval: 50 }).toBe(30);
      expect((await fetch(`http://127.0.0.1:${limited.port}/livez`)).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.destroy();
      await limited.close();
    }
  }, 30_000);
});
