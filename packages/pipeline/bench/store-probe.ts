/**
 * Store-only probe (not a test): writes classified batches the way the classifier worker does
 * (`storeClassified`, batches of 64, one transaction each) into a database of its own and prints the CPU per
 * post of this process and of the PostgreSQL backend. Classification runs once before timing.
 *
 *   DATABASE_URL=postgres://… node --no-warnings packages/pipeline/bench/store-probe.ts
 *
 * PROBE_POSTS (default 6400); PROBE_SIGHTED=1 records every post's sighting first (as the scraper does); PROBE_BATCH (default 64, the worker's batch size); PROBE_SQL=<statement;…> runs after migrating (experiments: drop an index, …);
 * PROBE_CPU_PROFILE=<file.cpuprofile> profiles this process over the timed writes.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createLogger } from '@netra/core';
import { createDatabase, migrateToLatest, upsertPosts } from '@netra/db';
import { seedDemo } from '@netra/demo-platform/seed';
import { sql } from 'kysely';
import { inlineBatchClassifier, readRegistryFromDb, storeClassified } from '../src/index.ts';
import { benchClassifyJobs } from './bench-jobs.ts';
import { statCpuMicros } from './proc-cpu.ts';

const N = Number(process.env.PROBE_POSTS ?? 6400);
const url = process.env.DATABASE_URL!;
const tag = randomBytes(4).toString('hex');
const dbName = `netra_probe_${tag}`;
const logger = createLogger('store-probe', 'warn');
const withDb = (u: string, d: string) => Object.assign(new URL(u), { pathname: `/${d}` }).toString();
const server = await createDatabase({ url, maxConnections: 1 });
await sql.raw(`CREATE DATABASE ${dbName}`).execute(server.db);
const backendCpu = (pid: number) => statCpuMicros(`/proc/${pid}/stat`);
try {
  const database = await createDatabase({ url: withDb(url, dbName), maxConnections: 1 });
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    for (const s of (process.env.PROBE_SQL ?? '').split(';').filter((x) => x.trim()))
      await sql.raw(s).execute(database.db);
    const jobs = await benchClassifyJobs(database.db, N, tag);
    const registry = await readRegistryFromDb(database.db);
    const results = await inlineBatchClassifier().classify(jobs, registry);
    // PROBE_SIGHTED=1: the production path, where the scraper recorded every post before it was queued.
    if (process.env.PROBE_SIGHTED)
      for (let i = 0; i < N; i += 64) await upsertPosts(database.db, jobs.slice(i, i + 64));
    const { pid } = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(database.db)).rows[0]!;
    process.stderr.write(`backend pid ${pid}\n`);
    const session = process.env.PROBE_CPU_PROFILE ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
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
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      writeFileSync(process.env.PROBE_CPU_PROFILE!, JSON.stringify(profile));
    }
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
