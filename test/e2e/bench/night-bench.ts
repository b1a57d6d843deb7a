/**
 * The night at scale (not a test): `pnpm bench:night`. Seeds BENCH_ACCOUNTS (default 100,000) watched
 * accounts spread over the API platforms (Bluesky, Mastodon, Telegram), served by local servers in their
 * documented shapes with BENCH_LATENCY_MS of latency on every answer; runs BENCH_SCRAPERS scraper and
 * BENCH_CLASSIFIERS classifier deployables as their own processes (as deployed); starts one crawl run and
 * measures until every post is classified. Reports accounts/s, posts/s, the queue peaks, the time to
 * drain, each worker's peak resident memory (from its own /metrics), and — in the same run, on the same
 * Redis — each stage's rate against a no-op BullMQ worker with the same concurrency and job shapes.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… pnpm bench:night
 *   BENCH_ACCOUNTS=5000 BENCH_SCRAPERS=2 BENCH_CLASSIFIERS=1 pnpm bench:night     # shorter
 *
 * Works in a database and key prefixes of its own, removed at the end (also on failure).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPosts } from '@netra/classifier/bench-posts';
import { createLogger } from '@netra/core';
import { createDatabase, findCrawlRun, migrateToLatest } from '@netra/db';
import { seedNightAccounts, vacuumCrawlRunsIfNoAutovacuum } from '@netra/db/testing';
import { demoRegistry } from '@netra/demo-platform/seed';
import { startCrawlRun } from '@netra/pipeline/crawl-runs';
import { type ClassifyJob, type CrawlJob, createQueues, createRedisConnection, freePort, QUEUE } from '@netra/queue';
import { importRegistry } from '@netra/watchlist';
import { Worker } from 'bullmq';
import { sql } from 'kysely';
import { type DeployableProcess, startDeployable, stopAllDeployables } from '../support/deployable-process.ts';
import { benchAccount, startSyntheticPlatforms } from './synthetic-platforms.ts';

const int = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`${name} must be a positive whole number (got ${raw})\n`);
    process.exit(2);
  }
  return value;
};
const ACCOUNTS = int('BENCH_ACCOUNTS', 100_000);
const SCRAPERS = int('BENCH_SCRAPERS', 2);
const CLASSIFIERS = int('BENCH_CLASSIFIERS', 1);
const POSTS = int('BENCH_POSTS_PER_ACCOUNT', 2);
const LATENCY = int('BENCH_LATENCY_MS', 80);
const SCRAPER_CONCURRENCY = int('BENCH_SCRAPER_CONCURRENCY', 16);
/**
 * Crawls of one platform at once per scraper (SCRAPER_PLATFORM_CONCURRENCY_DEFAULT; the deployable's default
 * is 2). Every bench account of a platform sits on one local server, but in reality a Mastodon account's
 * instance is its own host and Bluesky and Telegram are large services: the deployed default of 2 is a
 * per-host courtesy that would make this bench measure 6 crawls in flight, not the scraper. Default here: the
 * scraper's whole concurrency for each platform (docs/performance.md says what that assumes).
 */
const PLATFORM_CONCURRENCY = int('BENCH_PLATFORM_CONCURRENCY', SCRAPER_CONCURRENCY);
const CLASSIFIER_BATCH = 64;
/** Jobs each no-op baseline runs: enough for a steady rate without doubling the night's length. */
const BASELINE = Math.min(int('BENCH_BASELINE_JOBS', 20_000), ACCOUNTS * POSTS);
const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  process.stderr.write(
    'bench:night needs a real PostgreSQL and Redis: set DATABASE_URL and REDIS_URL, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 pnpm bench:night\n',
  );
  process.exit(2);
}

const tag = randomBytes(4).toString('hex');
const dbName = `netra_bench_night_${tag}`;
const prefixes = { real: `netra-night-${tag}`, noop: `netra-night-${tag}-noop` };
const logger = createLogger('bench-night', 'warn');
const say = (line: string) => process.stderr.write(`[bench:night] ${line}\n`);

async function admin(statement: string): Promise<void> {
  const server = await createDatabase({ url: DATABASE_URL, maxConnections: 1 });
  try {
    await sql.raw(statement).execute(server.db);
  } finally {
    await server.close();
  }
}
function databaseUrl(): string {
  const u = new URL(DATABASE_URL!);
  u.pathname = `/${dbName}`;
  return u.toString();
}
const now = () => performance.now();

/** Runs `count` jobs of `shape` through a worker that does nothing; jobs/s from the first to the last. */
async function noopRate(queueName: string, count: number, concurrency: number, shape: (i: number) => object) {
  const connection = createRedisConnection({ url: REDIS_URL!, forWorker: true });
  const queues = createQueues(connection, prefixes.noop);
  const queue = queueName === QUEUE.crawl ? queues.crawl : queues.classify;
  for (let i = 0; i < count; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
        name: 'noop',
        data: shape(i + k) as never,
        opts: { jobId: `noop-${i + k}` },
      })),
    );
  let done = 0;
  let started = 0;
  let resolveEnd: (at: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    resolveEnd = resolve;
  });
  const worker = new Worker(
    queueName,
    async () => {
      if (started === 0) started = now();
      done += 1;
      if (done === count) resolveEnd(now());
    },
    { connection, prefix: prefixes.noop, concurrency },
  );
  const end = await finished;
  await worker.close();
  await queue.obliterate({ force: true });
  await queues.close();
  connection.disconnect();
  return count / ((end - started) / 1000);
}

/** The worker's resident memory and CPU seconds so far, from its own /metrics (prom-client defaults). */
async function processStats(port: number): Promise<{ rss: number | null; cpu: number | null }> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  const rss = /^process_resident_memory_bytes(?:\{[^}]*\})? (\d+)/m.exec(text);
  const cpu = /^process_cpu_seconds_total(?:\{[^}]*\})? ([\d.e+-]+)/m.exec(text);
  return { rss: rss ? Number(rss[1]) : null, cpu: cpu ? Number(cpu[1]) : null };
}

/** Ctrl-C ends the night early but still cleans up (database, keys, worker processes). */
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
});
process.once('SIGTERM', () => {
  interrupted = true;
});

/** Removes every key under the bench's prefixes (BullMQ leaves a few after obliterate). */
async function dropKeys(): Promise<void> {
  const redis = createRedisConnection({ url: REDIS_URL!, forWorker: false });
  try {
    for (const prefix of Object.values(prefixes)) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'netra-night-'));
let platforms: Awaited<ReturnType<typeof startSyntheticPlatforms>> | null = null;
try {
  await admin(`CREATE DATABASE ${dbName}`);
  const database = await createDatabase({ url: databaseUrl(), maxConnections: 4 });
  const db = database.db;
  await migrateToLatest(db);
  await importRegistry(db, demoRegistry(), { actorId: null, actorUsername: 'bench' });
  say(`seeding ${ACCOUNTS} accounts over bluesky, mastodon and telegram`);
  const seedStart = now();
  await seedNightAccounts(db, ACCOUNTS);
  // The seed writes the handles in SQL; the synthetic platforms answer for benchAccount's: they must agree.
  const sample = [0, 1, 2, ACCOUNTS - 1].filter((i) => i >= 0 && i < ACCOUNTS);
  for (const i of sample) {
    const expected = benchAccount(i);
    const row = await db
      .selectFrom('accounts')
      .select(['platform', 'handle', 'profile_url'])
      .where('handle', '=', expected.handle)
      .executeTakeFirst();
    if (row?.platform !== expected.platform || row.profile_url !== expected.profileUrl)
      throw new Error(`seeded account ${i} differs from benchAccount(${i}): ${JSON.stringify(row)}`);
  }
  say(`seeded in ${((now() - seedStart) / 1000).toFixed(1)} s`);
  const texts = benchPosts(5_000).map((p) => p.text);
  platforms = await startSyntheticPlatforms({ postsPerAccount: POSTS, latencyMs: LATENCY, texts });

  // Baselines first, on the same Redis, with the concurrency the real workers use.
  say(`no-op baselines (${BASELINE} jobs each)`);
  const crawlShape = (i: number): CrawlJob => ({
    runId: randomUUID(),
    accountId: randomUUID(),
    platform: benchAccount(i).platform,
    handle: benchAccount(i).handle,
    profileUrl: benchAccount(i).profileUrl,
    regionCode: '18.71',
  });
  const classifyShape = (i: number): ClassifyJob => ({
    platform: 'bluesky',
    externalId: `noop-${i}`,
    url: `https://bsky.app/profile/asn${i}.bsky.social/post/3k${i}`,
    kind: 'post',
    accountId: randomUUID(),
    authorHandle: `asn${i}.bsky.social`,
    text: texts[i % texts.length]!,
    postedAt: null,
    fetchedAt: new Date().toISOString(),
    mediaDescriptions: [],
    evidence: [],
    raw: {},
    crawlRunId: null,
    regionCode: '18.71',
  });
  const noopCrawl = await noopRate(
    QUEUE.crawl,
    Math.min(BASELINE, ACCOUNTS),
    SCRAPERS * SCRAPER_CONCURRENCY,
    crawlShape,
  );
  const noopClassify = await noopRate(QUEUE.classify, BASELINE, CLASSIFIERS * CLASSIFIER_BATCH * 4, classifyShape);

  const env = {
    DATABASE_URL: databaseUrl(),
    REDIS_URL: REDIS_URL!,
    QUEUE_PREFIX: prefixes.real,
    NETRA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  const workers: {
    kind: string;
    port: number;
    process: DeployableProcess;
    peakRss: number;
    cpuAtStart: number;
    cpu: number;
  }[] = [];
  for (let i = 0; i < SCRAPERS; i++) {
    const port = await freePort();
    workers.push({
      kind: 'scraper',
      port,
      peakRss: 0,
      cpuAtStart: 0,
      cpu: 0,
      process: startDeployable('workers/scraper/src/main.ts', {
        ...env,
        PLATFORM_ORIGINS: JSON.stringify(platforms.origins),
        SCHEDULER_ENABLED: 'false',
        SCRAPER_CONCURRENCY: String(SCRAPER_CONCURRENCY),
        SCRAPER_PLATFORM_CONCURRENCY_DEFAULT: String(PLATFORM_CONCURRENCY),
        METRICS_PORT: String(port),
      }),
    });
  }
  for (let i = 0; i < CLASSIFIERS; i++) {
    const port = await freePort();
    workers.push({
      kind: 'classifier',
      port,
      peakRss: 0,
      cpuAtStart: 0,
      cpu: 0,
      process: startDeployable('workers/classifier/src/main.ts', {
        ...env,
        CLASSIFIER_BATCH_SIZE: String(CLASSIFIER_BATCH),
        METRICS_PORT: String(port),
      }),
    });
  }
  for (const w of workers) {
    for (let t = 0; ; t++) {
      if ((await fetch(`http://127.0.0.1:${w.port}/readyz`).catch(() => null))?.ok) break;
      if (w.process.child.exitCode !== null || t > 600) throw new Error(`${w.kind} did not start:\n${w.process.log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  for (const w of workers) w.cpuAtStart = (await processStats(w.port)).cpu ?? 0;
  say(
    `${SCRAPERS} scraper(s) × ${SCRAPER_CONCURRENCY} (${PLATFORM_CONCURRENCY} per platform), ${CLASSIFIERS} classifier(s) ready; crawling`,
  );
  // The machine's load while the night runs (other work on it slows every figure down).
  const loads: number[] = [];

  const connection = createRedisConnection({ url: REDIS_URL!, forWorker: false });
  const queues = createQueues(connection, prefixes.real);
  const startedAt = now();
  const run = await startCrawlRun(db, queues, { trigger: 'on_demand', requestedBy: null });
  const runId = run.id;
  say(`${ACCOUNTS} crawl jobs queued in ${((now() - startedAt) / 1000).toFixed(1)} s`);
  const peak = { crawl: 0, classify: 0 };
  let crawlDoneAt: number | null = null;
  let drainedAt: number | null = null;
  let lastReport = now();
  let lastVacuum = now();
  let vacuumed = false;
  while (drainedAt === null) {
    await new Promise((r) => setTimeout(r, 1_000));
    const [crawl, classify] = await Promise.all([
      queues.crawl.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      queues.classify.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    ]);
    const pending = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    peak.crawl = Math.max(peak.crawl, pending(crawl));
    peak.classify = Math.max(peak.classify, pending(classify));
    for (const w of workers) {
      const stats = await processStats(w.port);
      w.peakRss = Math.max(w.peakRss, stats.rss ?? 0);
      if (stats.cpu !== null) w.cpu = stats.cpu - w.cpuAtStart;
    }
    loads.push(loadavg()[0]!);
    if (crawlDoneAt === null && (await findCrawlRun(db, run.id))?.status === 'completed') crawlDoneAt = now();
    if (crawlDoneAt !== null && pending(classify) === 0) drainedAt = now();
    if (interrupted) throw new Error('interrupted');
    if (workers.some((w) => w.process.child.exitCode !== null))
      throw new Error(`a worker exited:\n${workers.map((w) => w.process.log().slice(-2000)).join('\n')}`);
    // What autovacuum does in production (docs/performance.md, "What bounded accounts/s").
    if (now() - lastVacuum > 15_000) {
      lastVacuum = now();
      vacuumed = (await vacuumCrawlRunsIfNoAutovacuum(db)) || vacuumed;
    }
    if (now() - lastReport > 30_000) {
      lastReport = now();
      const run = await findCrawlRun(db, runId);
      say(
        `${((now() - startedAt) / 1000).toFixed(0)} s: ${run?.accounts_done ?? 0} accounts done, crawl pending ${pending(crawl)}, ` +
          `classify pending ${pending(classify)}, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  const final = (await findCrawlRun(db, run.id))!;
  const count = async (table: 'posts' | 'classifications') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const posts = await count('posts');
  const classifications = await count('classifications');
  const crawlSeconds = (crawlDoneAt! - startedAt) / 1000;
  const drainSeconds = (drainedAt - startedAt) / 1000;
  const accountsPerSecond = final.accounts_done / crawlSeconds;
  const postsPerSecond = classifications / drainSeconds;
  const mib = (b: number) => Math.round(b / 1024 / 1024);
  const result = {
    accounts: ACCOUNTS,
    accountsDone: final.accounts_done,
    accountsFailed: final.accounts_failed,
    posts,
    classifications,
    scrapers: SCRAPERS,
    scraperConcurrency: SCRAPER_CONCURRENCY,
    platformConcurrency: PLATFORM_CONCURRENCY,
    classifiers: CLASSIFIERS,
    latencyMs: LATENCY,
    crawlSeconds: Number(crawlSeconds.toFixed(1)),
    drainSeconds: Number(drainSeconds.toFixed(1)),
    accountsPerSecond: Number(accountsPerSecond.toFixed(1)),
    postsPerSecond: Number(postsPerSecond.toFixed(1)),
    queuePeak: peak,
    peakRssMiB: Object.fromEntries(workers.map((w, i) => [`${w.kind}-${i}`, mib(w.peakRss)])),
    /** CPU seconds each worker used during the night, and per account crawled (scrapers) or post (classifiers). */
    cpuSeconds: Object.fromEntries(workers.map((w, i) => [`${w.kind}-${i}`, Number(w.cpu.toFixed(1))])),
    cpuMsPerAccount: Number(
      (
        (workers.filter((w) => w.kind === 'scraper').reduce((a, w) => a + w.cpu, 0) * 1000) /
        Math.max(1, final.accounts_done)
      ).toFixed(1),
    ),
    cpuMsPerPost: Number(
      (
        (workers.filter((w) => w.kind === 'classifier').reduce((a, w) => a + w.cpu, 0) * 1000) /
        Math.max(1, classifications)
      ).toFixed(1),
    ),
    /** The server had autovacuum off and the bench vacuumed the run's row every 15 s in its place. */
    vacuumedCrawlRuns: vacuumed,
    loadAverage: {
      min: Number(Math.min(...loads).toFixed(1)),
      mean: Number((loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)).toFixed(1)),
      max: Number(Math.max(...loads).toFixed(1)),
    },
    noopCrawlJobsPerSecond: Number(noopCrawl.toFixed(1)),
    noopClassifyJobsPerSecond: Number(noopClassify.toFixed(1)),
    crawlRatio: Number((accountsPerSecond / noopCrawl).toFixed(4)),
    classifyRatio: Number((postsPerSecond / noopClassify).toFixed(4)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  say(
    `${final.accounts_done}/${ACCOUNTS} accounts in ${crawlSeconds.toFixed(0)} s (${accountsPerSecond.toFixed(1)}/s, ` +
      `${result.crawlRatio} of a no-op worker); ${classifications} posts classified, drained after ${drainSeconds.toFixed(0)} s ` +
      `(${postsPerSecond.toFixed(1)}/s, ${result.classifyRatio} of a no-op worker)`,
  );
  await Promise.all(workers.map((w) => w.process.stop()));
  for (const q of [queues.crawl, queues.classify, queues.schedule]) await q.obliterate({ force: true });
  await queues.close();
  connection.disconnect();
  await database.close();
} catch (error) {
  logger.error({ err: error }, 'bench:night failed');
  process.exitCode = 1;
} finally {
  await stopAllDeployables();
  await platforms?.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await dropKeys().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
  // A connection left open by a failure must not keep the bench alive.
  process.exit(process.exitCode ?? 0);
}
