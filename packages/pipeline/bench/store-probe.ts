/**
 * Store-only probe (not a test): writes classified batches the way the classifier worker does
 * (`storeClassified`, batches of 64, one transaction each) into a database of its own and prints the CPU per
 * post of this process and of the PostgreSQL backend. Classification runs once before timing.
 *
 *   DATABASE_URL=postgres://… node --no-warnings packages/pipeline/bench/store-probe.ts
 *
 * PROBE_POSTS (default 6400); PROBE_SIGHTED=1 records every post's sighting first (as the scraper does); PROBE_BATCH (default 64, the worker's batch size); PROBE_SQL=<statement;…> runs after migrating (experiments: drop an index, …).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { benchPosts } from '@netra/classifier/bench-posts';
import { createLogger } from '@netra/core';
import { createDatabase, migrateToLatest, upsertPosts } from '@netra/db';
import { seedDemo } from '@netra/demo-platform/seed';
import type { ClassifyJob } from '@netra/queue';
import { sql } from 'kysely';
import { inlineBatchClassifier, readRegistryFromDb, storeClassified } from '../src/index.ts';

const N = Number(process.env.PROBE_POSTS ?? 6400);
const url = process.env.DATABASE_URL!;
const tag = randomBytes(4).toString('hex');
const dbName = `netra_probe_${tag}`;
const logger = createLogger('store-probe', 'warn');
const withDb = (u: string, d: string) => Object.assign(new URL(u), { pathname: `/${d}` }).toString();
const server = await createDatabase({ url, maxConnections: 1 });
await sql.raw(`CREATE DATABASE ${dbName}`).execute(server.db);
const backendCpu = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(f[11]) + Number(f[12])) * 10_000;
};
try {
  const database = await createDatabase({ url: withDb(url, dbName), maxConnections: 1 });
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    for (const s of (process.env.PROBE_SQL ?? '').split(';').filter((x) => x.trim()))
      await sql.raw(s).execute(database.db);
    const accounts = await database.db
      .selectFrom('accounts as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.id', 'a.platform', 'a.handle', 'p.region_code as region'])
      .orderBy('a.handle')
      .execute();
    const jobs: ClassifyJob[] = benchPosts(N).map((post, i) => {
      const account = accounts[i % accounts.length]!;
      const hash = (k: string) => (BigInt(i) * 1_000_003n + BigInt(k.length)).toString(16).padStart(64, '0').slice(-64);
      const fetchedAt = new Date(Date.UTC(2024, 9, 1) + i * 60_000).toISOString();
      return {
        platform: account.platform as ClassifyJob['platform'],
        externalId: `${tag}-${i}`,
        url: `https://example.test/${account.platform}/${account.handle}/posts/${i}`,
        kind: post.kind ?? 'post',
        accountId: account.id,
        authorHandle: account.handle,
        text: post.text,
        postedAt: new Date(Date.UTC(2024, 8, 25) + i * 60_000).toISOString(),
        fetchedAt,
        ...(post.context ? { context: post.context } : {}),
        mediaDescriptions: i % 7 === 0 ? ['Foto bersama warga di halaman kantor kelurahan'] : [],
        evidence: (['screenshot', 'html'] as const).map((kind) => ({
          kind,
          sha256: hash(kind),
          bytes: kind === 'screenshot' ? 48_213 : 9_877,
          mediaType: kind === 'screenshot' ? 'image/png' : 'text/html',
          path: `${hash(kind).slice(0, 2)}/${hash(kind)}.${kind === 'screenshot' ? 'png' : 'html'}`,
          capturedAt: fetchedAt,
        })),
        raw: { source: 'bench', index: i },
        crawlRunId: null,
        regionCode: post.region ?? account.region,
      };
    });
    const registry = await readRegistryFromDb(database.db);
    const results = await inlineBatchClassifier().classify(jobs, registry);
    // PROBE_SIGHTED=1: the production path, where the scraper recorded every post before it was queued.
    if (process.env.PROBE_SIGHTED)
      for (let i = 0; i < N; i += 64) await upsertPosts(database.db, jobs.slice(i, i + 64));
    const { pid } = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(database.db)).rows[0]!;
    process.stderr.write(`backend pid ${pid}\n`);
    const pg0 = backendCpu(pid);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let failed = 0;
    const size = Number(process.env.PROBE_BATCH ?? 64);
    for (let i = 0; i < N; i += size) {
      const out = await storeClassified(database.db, jobs.slice(i, i + size), results.slice(i, i + size), logger);
      failed += out.filter((r) => r instanceof Error).length;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const flagged = results.filter((r) => !(r instanceof Error) && r.flagged).length;
    process.stdout.write(
      `${JSON.stringify({ posts: N, flagged, failed, seconds: +seconds.toFixed(2), nodeCpuMicrosPerPost: Math.round((cpu.user + cpu.system) / N), postgresCpuMicrosPerPost: Math.round((backendCpu(pid) - pg0) / N) })}\n`,
    );
  } finally {
    await database.close();
  }
} finally {
  if (!process.env.PROBE_KEEP) await sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).execute(server.db);
  else process.stderr.write(`kept ${dbName}\n`);
  await server.close();
}
