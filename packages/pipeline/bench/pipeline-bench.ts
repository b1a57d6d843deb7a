/**
 * Pipeline throughput benchmark (not a test): pushes N classify jobs (default 20,000 varied demo-like posts)
 * through the real classifier worker — the processor the deployable runs, with its default settings — on
 * real Redis and PostgreSQL, and, in the same run on the same Redis, the same jobs through a no-op BullMQ
 * worker with the same concurrency. Reports stored posts/s on both sides and their ratio (target ≥ 0.5).
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… pnpm bench:pipeline
 *
 * It works in a database and under a key prefix of its own and removes both afterwards. Environment:
 * BENCH_JOBS (default 20000); BENCH_THREADS and BENCH_BATCH override the classifier threads and the batch size
 * (experiments); BENCH_CPU_PROFILE=<file.cpuprofile> profiles the classifier worker in the last round and
 * prints the top functions by self time.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { createLogger } from '@netra/core';
import { createDatabase, type Database, migrateToLatest } from '@netra/db';
import { countRows } from '@netra/db/testing';
import { seedDemo } from '@netra/demo-platform/seed';
import { type ClassifyJob, classifyJobId, createQueues, createRedisConnection, QUEUE, type Queues } from '@netra/queue';
import { Worker } from 'bullmq';
import { type Kysely, sql } from 'kysely';
import { CLASSIFIER_DEFAULTS, classifierWorkerConcurrency, startClassifierWorker } from '../src/index.ts';
import { benchClassifyJobs } from './bench-jobs.ts';
import { statCpuMicros } from './proc-cpu.ts';

const N = Number(process.env.BENCH_JOBS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
if (!DATABASE_URL || !REDIS_URL) {
  process.stderr.write(
    'bench:pipeline needs a real PostgreSQL and Redis: set DATABASE_URL and REDIS_URL, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 pnpm bench:pipeline\n' +
      '(it creates and drops a database of its own and uses a key prefix of its own)\n',
  );
  process.exit(2);
}
if (!Number.isInteger(N) || N < 1) {
  process.stderr.write(`BENCH_JOBS must be a positive whole number (got ${process.env.BENCH_JOBS})\n`);
  process.exit(2);
}

const tag = randomBytes(4).toString('hex');
const dbName = `netra_bench_${tag}`;
const prefixes = { noop: `netra-bench-${tag}-noop`, real: `netra-bench-${tag}-real` };
const logger = createLogger('bench-pipeline', (process.env.LOG_LEVEL as 'warn' | undefined) ?? 'warn');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(statement: string): Promise<void> {
  const server = await createDatabase({ url: DATABASE_URL, maxConnections: 1 });
  try {
    await sql.raw(statement).execute(server.db);
  } finally {
    await server.close();
  }
}

/**
 * Waits until this process has (nearly) stopped using CPU: the classifier threads load the model and warm up
 * after `startClassifierWorker` returns, and that start-up must weigh on neither side's timed rounds.
 */
async function settled(): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    const before = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 200));
    quiet = cpuMicros(before) < 20_000 ? quiet + 1 : 0;
  }
}

/** Waits until `done()` reports every job finished; returns the seconds since `started`. */
async function finished(started: number, done: () => boolean): Promise<number> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
  return (performance.now() - started) / 1000;
}

async function enqueue(queues: Queues, jobs: ClassifyJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += 1_000) {
    await queues.classify.addBulk(
      jobs.slice(i, i + 1_000).map((data) => ({ name: 'classify-post', data, opts: { jobId: classifyJobId(data) } })),
    );
  }
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

function mainThreadCpuMicros(since: NodeJS.CpuUsage): number {
  const d = process.threadCpuUsage(since);
  return d.user + d.system;
}

/** Redis server CPU (all its clients, so other sessions' too: an upper bound) in µs. */
async function redisCpuMicros(redis: ReturnType<typeof createRedisConnection>): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
  return Math.round((field('used_cpu_user') + field('used_cpu_sys')) * 1e6);
}

/**
 * CPU of the PostgreSQL backends serving the bench database, in µs (from /proc; 0 where /proc cannot be read,
 * e.g. a server on another machine). Backends that closed during a round are missed: a floor.
 */
async function postgresCpuMicros(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(
    db,
  );
  const out = new Map<number, number>();
  for (const { pid } of rows.rows) {
    try {
      out.set(pid, statCpuMicros(`/proc/${pid}/stat`));
    } catch {
      // Not on this machine or not readable.
    }
  }
  return out;
}

/**
 * CPU of this process's threads by kind, in µs (from /proc/self/task; empty where it cannot be read): the main
 * thread, the classifier threads (named `classify-N`), V8's helper threads (garbage collection, compilation) and
 * the rest (libuv's pool, the inspector).
 */
function threadCpuMicros(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const task of readdirSync('/proc/self/task')) {
      try {
        const comm = readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim();
        const kind =
          comm === 'MainThread'
            ? 'main'
            : comm.startsWith('classify-')
              ? 'classifier'
              : comm.startsWith('V8')
                ? 'v8Helpers'
                : 'other';
        out[kind] = (out[kind] ?? 0) + statCpuMicros(`/proc/self/task/${task}/stat`);
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    // Not Linux.
  }
  return out;
}

function addDelta(into: Record<string, number>, before: Record<string, number>, after: Record<string, number>): void {
  for (const [kind, micros] of Object.entries(after)) into[kind] = (into[kind] ?? 0) + micros - (before[kind] ?? 0);
}

function postgresDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, micros] of after) sum += micros - (before.get(pid) ?? 0);
  return sum;
}

async function topSelfTime(session: Session, file: string): Promise<string[]> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  let total = 0;
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const node = byNode.get(id)!;
    const f = node.callFrame;
    const where = f.url
      ? `${f.url.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/(packages|workers)\//, '')}:${f.lineNumber + 1}`
      : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
    total += dt[i] ?? 0;
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}

const cleanup: (() => Promise<void>)[] = [];
try {
  await admin(`CREATE DATABASE ${dbName}`);
  cleanup.push(() => admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  // The deployable's own pool size: openStores → createDatabase without maxConnections.
  const database = await createDatabase({ url: withDatabase(DATABASE_URL, dbName) });
  cleanup.unshift(() => database.close());
  await migrateToLatest(database.db);
  await seedDemo(database.db);
  const jobs = await benchClassifyJobs(database.db, N, tag);
  const payloadBytes = Math.round(jobs.reduce((s, j) => s + JSON.stringify(j).length, 0) / jobs.length);
  // BENCH_BATCH overrides the batch size (and with it the concurrency of both workers), for experiments only.
  const batchSize = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : CLASSIFIER_DEFAULTS.batchSize;
  const concurrency = classifierWorkerConcurrency(batchSize);
  // BENCH_THREADS overrides the thread count for experiments only; the figures in docs/performance.md use the default.
  const threads = process.env.BENCH_THREADS ? Number(process.env.BENCH_THREADS) : CLASSIFIER_DEFAULTS.threads;

  // Both workers start, then pause: the figures are steady-state throughput, not start-up time.
  const noopConnection = createRedisConnection({ url: REDIS_URL, forWorker: true });
  const noop = new Worker(QUEUE.classify, async () => undefined, {
    connection: noopConnection,
    prefix: prefixes.noop,
    concurrency,
    autorun: false,
  });
  const workerConnection = createRedisConnection({ url: REDIS_URL, forWorker: true });
  const worker = startClassifierWorker({
    db: database.db,
    connection: workerConnection,
    prefix: prefixes.real,
    logger,
    batchSize,
    batchWaitMs: CLASSIFIER_DEFAULTS.batchWaitMs,
    lockDurationMs: CLASSIFIER_DEFAULTS.lockDurationMs,
    stalledIntervalMs: CLASSIFIER_DEFAULTS.stalledIntervalMs,
    registryTtlMs: CLASSIFIER_DEFAULTS.registryTtlMs,
    threads,
  });
  await worker.pause();
  cleanup.unshift(async () => {
    await Promise.all([noop.close(), worker.close()]);
    noopConnection.disconnect();
    workerConnection.disconnect();
  });
  let noopDone = 0;
  let realDone = 0;
  let realFailed = 0;
  noop.on('completed', () => noopDone++);
  worker.on('completed', () => realDone++);
  worker.on('failed', () => realFailed++);
  const producer = createRedisConnection({ url: REDIS_URL, forWorker: false });
  const queues = { noop: createQueues(producer, prefixes.noop), real: createQueues(producer, prefixes.real) };
  cleanup.unshift(async () => {
    for (const q of [queues.noop, queues.real]) {
      for (const queue of [q.classify, q.crawl, q.ocr, q.schedule]) await queue.obliterate({ force: true });
      await q.close();
    }
    producer.disconnect();
  });

  await settled();
  const profileFile = process.env.BENCH_CPU_PROFILE;
  const session = profileFile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
  }
  // Rounds alternate the two workers over slices of the jobs, so that load from elsewhere on the machine
  // weighs on both sides alike; each side still handles all N jobs.
  const time = { noop: 0, real: 0 };
  const loadAtStart = loadavg()[0]!;
  let profileTop: string[] | null = null;
  const cpu = { noop: 0, real: 0 };
  const mainCpu = { noop: 0, real: 0 };
  const redisCpu = { noop: 0, real: 0 };
  let postgresCpu = 0;
  const threadCpu = { noop: {} as Record<string, number>, real: {} as Record<string, number> };
  for (let r = 0; r < ROUNDS; r++) {
    const slice = jobs.slice(Math.floor((r * N) / ROUNDS), Math.floor(((r + 1) * N) / ROUNDS));
    await enqueue(queues.noop, slice);
    await enqueue(queues.real, slice);
    const target = Math.floor(((r + 1) * N) / ROUNDS);

    let cpu0 = process.cpuUsage();
    let main0 = process.threadCpuUsage();
    let redis0 = await redisCpuMicros(producer);
    let threads0 = threadCpuMicros();
    let t0 = performance.now();
    if (r === 0) noop.run().catch((e: unknown) => process.stderr.write(`no-op worker: ${String(e)}\n`));
    else await noop.resume();
    time.noop += await finished(t0, () => noopDone >= target);
    cpu.noop += cpuMicros(cpu0);
    addDelta(threadCpu.noop, threads0, threadCpuMicros());
    mainCpu.noop += mainThreadCpuMicros(main0);
    redisCpu.noop += (await redisCpuMicros(producer)) - redis0;
    await noop.pause();

    const profiling = session && r === ROUNDS - 1;
    if (profiling) await session.post('Profiler.start');
    const postgres0 = await postgresCpuMicros(database.db);
    cpu0 = process.cpuUsage();
    main0 = process.threadCpuUsage();
    redis0 = await redisCpuMicros(producer);
    threads0 = threadCpuMicros();
    t0 = performance.now();
    await worker.resume();
    time.real += await finished(t0, () => realDone + realFailed >= target);
    cpu.real += cpuMicros(cpu0);
    addDelta(threadCpu.real, threads0, threadCpuMicros());
    mainCpu.real += mainThreadCpuMicros(main0);
    redisCpu.real += (await redisCpuMicros(producer)) - redis0;
    postgresCpu += postgresDelta(postgres0, await postgresCpuMicros(database.db));
    if (profiling && profileFile) profileTop = await topSelfTime(session, profileFile);
    await worker.pause();
  }
  const stored = await countRows(database.db, 'posts');
  const classified = await countRows(database.db, 'classifications');
  const reviewItems = await countRows(database.db, 'review_items');
  const noopRate = N / time.noop;
  const realRate = stored / time.real;
  const ratio = realRate / noopRate;
  const perJob = (byKind: Record<string, number>) =>
    Object.fromEntries(Object.entries(byKind).map(([kind, micros]) => [kind, Math.round(micros / N)]));
  const result = {
    jobs: N,
    payloadBytes,
    concurrency,
    batchSize,
    threads,
    rounds: ROUNDS,
    noop: {
      seconds: +time.noop.toFixed(2),
      jobsPerSecond: Math.round(noopRate),
      cpuMicrosPerJob: Math.round(cpu.noop / N),
      mainThreadCpuMicrosPerJob: Math.round(mainCpu.noop / N),
      redisCpuMicrosPerJob: Math.round(redisCpu.noop / N),
      threadCpuMicrosPerJob: perJob(threadCpu.noop),
    },
    classifier: {
      seconds: +time.real.toFixed(2),
      cpuMicrosPerJob: Math.round(cpu.real / N),
      mainThreadCpuMicrosPerJob: Math.round(mainCpu.real / N),
      redisCpuMicrosPerJob: Math.round(redisCpu.real / N),
      postgresCpuMicrosPerJob: Math.round(postgresCpu / N),
      threadCpuMicrosPerJob: perJob(threadCpu.real),
      storedPostsPerSecond: Math.round(realRate),
      stored,
      classified,
      reviewItems,
      failedJobs: realFailed,
    },
    ratio: +ratio.toFixed(3),
    // 1-minute load average when the timed rounds started and when they ended (the machine's other load).
    loadAverage: { start: +loadAtStart.toFixed(2), end: +loadavg()[0]!.toFixed(2) },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (profileTop)
    process.stderr.write(`CPU profile (classifier worker, last round) → ${profileFile}\n${profileTop.join('\n')}\n`);
  const complete = stored === N && classified === N && realFailed === 0;
  process.stderr.write(
    `no-op worker ${Math.round(noopRate)} jobs/s · classifier worker ${Math.round(realRate)} stored posts/s · ratio ${ratio.toFixed(2)} (target ≥ 0.5): ${
      !complete ? `INCOMPLETE (${stored}/${N} stored, ${realFailed} failed)` : ratio >= 0.5 ? 'OK' : 'BELOW TARGET'
    }\n`,
  );
  process.exitCode = complete ? 0 : 1;
} catch (error) {
  process.stderr.write(
    `bench:pipeline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  for (const step of cleanup) await step().catch((e: unknown) => process.stderr.write(`cleanup: ${String(e)}\n`));
}
