/**
 * Benchmark (not a test) of the review workspace's pages on a large database: 1,000,000 posts, 100,000
 * review items and 20,000 people seeded with generate_series, then p50/p95/p99 of the queue (filtered and
 * sorted), the item page, the person page, the overview and NIP searches, each through the full server
 * (session, role, validation, queries, HTML) with `app.inject`. Baseline in the same process: /api/health.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 pnpm bench:api
 *
 * BENCH_KEEP=1 keeps (and on the next run reuses) the seeded database `netra_bench_api`, for EXPLAIN
 * ANALYZE by hand (docs/performance.md has the plans).
 */

import { cpus, loadavg } from 'node:os';
import { createLogger } from '@netra/core';
import { createDatabase, insertUser, migrateToLatest } from '@netra/db';
import { seedBenchData } from '@netra/db/testing';
import { createQueues, createRedisConnection } from '@netra/queue';
import pg from 'pg';
import { hashPassword } from '../src/auth/passwords.ts';
import { buildServer } from '../src/http/build-server.ts';
import { allRoutes } from '../src/routes/index.ts';

const SIZE = {
  people: Number(process.env.BENCH_PEOPLE ?? 20_000),
  posts: Number(process.env.BENCH_POSTS ?? 1_000_000),
  reviewItems: Number(process.env.BENCH_ITEMS ?? 100_000),
};
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const DB_NAME = 'netra_bench_api';
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('DATABASE_URL is required');
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

async function admin(query: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(query);
  } finally {
    await client.end();
  }
}

const exists = (await admin(`SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'`)).rowCount === 1;
const reuse = exists && process.env.BENCH_KEEP === '1';
if (exists && !reuse) await admin(`DROP DATABASE ${DB_NAME} WITH (FORCE)`);
if (!reuse) await admin(`CREATE DATABASE ${DB_NAME}`);

const handle = await createDatabase({ url, maxConnections: 5 });
if (!reuse) {
  await migrateToLatest(handle.db);
  const started = performance.now();
  await seedBenchData(handle.db, SIZE);
  console.log(
    `seeded ${SIZE.posts} posts, ${SIZE.reviewItems} review items, ${SIZE.people} people in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} else {
  console.log(`reusing ${DB_NAME}`);
}

const connection = createRedisConnection({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', forWorker: false });
const queues = createQueues(connection, `netra-bench-${process.pid}`);
const password = 'bench password 1234567';
const username = `bench_supervisor_${process.pid}`;
await insertUser(handle.db, {
  username,
  displayName: 'Bench Supervisor',
  passwordHash: await hashPassword(password),
  role: 'supervisor',
});
const app = await buildServer(
  {
    db: handle.db,
    queues,
    logger: createLogger('bench', 'silent'),
    config: {
      cookieSecure: false,
      sessionTtlHours: 12,
      trustProxy: false,
      loginMaxFailures: 5,
      loginWindowMinutes: 15,
      evidenceDir: '/nonexistent',
    },
  },
  allRoutes,
);
await app.ready();
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookie = login.cookies.find((c) => c.name === 'netra_session');
if (!cookie) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
const headers = { cookie: `netra_session=${cookie.value}` };

const sampler = new pg.Client({ connectionString: url });
await sampler.connect();
const sample = async <T>(query: string): Promise<T[]> => (await sampler.query(query)).rows as T[];
const itemIds = (await sample<{ id: string }>('SELECT id FROM review_items ORDER BY random() LIMIT 500')).map(
  (r) => r.id,
);
const people = await sample<{ id: string; nip: string }>(
  'SELECT pe.id, pe.nip FROM people pe WHERE EXISTS (SELECT 1 FROM review_items ri WHERE ri.person_id = pe.id) ORDER BY random() LIMIT 500',
);
const contests = (await sample<{ id: string }>('SELECT id FROM contests')).map((r) => r.id);
const platforms = ['facebook', 'instagram', 'tiktok', 'x', 'youtube'];
const sorts = ['score', 'posted', 'captured'];
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

const scenarios: { name: string; url: (i: number) => string; runs?: number }[] = [
  { name: 'baseline /api/health', url: () => '/api/health' },
  {
    name: 'queue (open, platform, sorted)',
    url: (i) =>
      `/review?status=open&platform=${pick(platforms, i)}&sort=${pick(sorts, i)}&dir=${i % 2 ? 'asc' : 'desc'}`,
  },
  {
    name: 'queue (contest, sorted by posted)',
    url: (i) => `/review?status=open&contest=${pick(contests, i)}&sort=posted`,
  },
  { name: 'item page', url: (i) => `/review/${pick(itemIds, i)}` },
  { name: 'person page', url: (i) => `/orang/${pick(people, i).id}` },
  { name: 'overview /ringkasan', url: () => '/ringkasan', runs: Math.min(RUNS, 60) },
  { name: 'NIP search (people)', url: (i) => `/orang?q=${pick(people, i).nip}` },
  { name: 'NIP search (queue)', url: (i) => `/review?q=${pick(people, i).nip}` },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// Other processes on the machine move every figure: the load is printed with them.
const loadBefore = loadavg()[0]!;
const results: { name: string; p50: number; p95: number; p99: number }[] = [];
for (const scenario of scenarios) {
  const runs = scenario.runs ?? RUNS;
  for (let i = 0; i < 10; i++) await app.inject({ method: 'GET', url: scenario.url(i), headers });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url: scenario.url(i + 7), headers });
    times.push(performance.now() - started);
    if (response.statusCode !== 200)
      throw new Error(`${scenario.name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  results.push({
    name: scenario.name,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  });
}
const base = results[0]!.p50;
console.log(
  `\n${'page'.padEnd(36)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p50/baseline'.padStart(13)}`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(36)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${(r.p50 / base).toFixed(1).padStart(12)}x`,
  );
}
console.log(
  `\nload average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} cores`,
);
const slow = results.filter((r) => r.p95 >= 50);
console.log(slow.length === 0 ? '\nall p95 < 50 ms' : `\np95 >= 50 ms: ${slow.map((r) => r.name).join(', ')}`);

await app.close();
await queues.close();
connection.disconnect();
await sampler.end();
await handle.close();
if (process.env.BENCH_KEEP !== '1') await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
