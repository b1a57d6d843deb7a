import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '@netra/db';
import { type DemoPlatform, startDemoPlatform } from '@netra/demo-platform';
import { seedDemo } from '@netra/demo-platform/seed';
import { startCrawlRun } from '@netra/pipeline/crawl-runs';
import {
  type ClassifyJob,
  classifyJobId,
  createQueues,
  createRedisConnection,
  freePort,
  type Queues,
} from '@netra/queue';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePostgres, startPrivatePostgres } from '../../support/private-postgres.ts';
import { type DeployableProcess, startDeployable, waitFor } from '../support/deployable-process.ts';
import { type AofRedis, startAofRedis } from './support/aof-redis.ts';
import { alive, descendants } from './support/process-tree.ts';

/**
 * The fault suite (`pnpm test:faults`, docs/reliability.md): the real API, classifier and scraper processes
 * over a PostgreSQL cluster and a redis-server (append-only file on) that this file starts and breaks on
 * purpose. After every fault the same invariants hold: every post stored once, classified once, a review
 * item per flagged post, nothing waiting/active/delayed/failed, every process alive, no Chromium left over.
 */
const CORPUS = new URL('../../../data/corpus/dev.jsonl', import.meta.url);
const BATCH = Number(process.env.NETRA_FAULT_BATCH ?? 1_200);
const PG_OUTAGE_MS = Number(process.env.NETRA_FAULT_PG_OUTAGE_MS ?? 30_000);
const SETTLE_MS = 240_000;

const corpus = readFileSync(CORPUS, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; region: string });

describe('the pipeline under faults', () => {
  let pg: PrivatePostgres;
  let redis: AofRedis;
  let database: DatabaseHandle;
  let connection: Redis;
  let queues: Queues;
  let demo: DemoPlatform;
  let dataDir: string;
  let apiPort: number;
  let accountId: string;
  const prefix = 'netra-faults';
  const started: DeployableProcess[] = [];
  const procs: { api?: DeployableProcess; classifier?: DeployableProcess; scraper?: DeployableProcess } = {};
  let synthetic = 0;

  const env = () => ({
    DATABASE_URL: pg.url.replace(/\/postgres$/, '/netra'),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    NETRA_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  });
  const start = (entry: string, extra: Record<string, string> = {}) => {
    const p = startDeployable(entry, { ...env(), ...extra });
    started.push(p);
    return p;
  };
  const startClassifier = () => {
    procs.classifier = start('workers/classifier/src/main.ts', {
      CLASSIFIER_LOCK_MS: '4000',
      CLASSIFIER_STALLED_CHECK_MS: '1500',
      CLASSIFIER_BATCH_SIZE: '50',
    });
    return procs.classifier;
  };
  const startScraper = (extra: Record<string, string> = {}) => {
    procs.scraper = start('workers/scraper/src/main.ts', {
      PLATFORM_ORIGINS: JSON.stringify(demo.origins),
      SCHEDULER_ENABLED: 'false',
      SCRAPER_LOCK_MS: '5000',
      SCRAPER_CONCURRENCY: '1',
      ...extra,
    });
    return procs.scraper;
  };
  const logs = () =>
    Object.entries(procs)
      .map(([name, p]) => `--- ${name}\n${p?.log().slice(-2500)}`)
      .join('\n');
  const isAlive = (p: DeployableProcess | undefined) =>
    p !== undefined && p.child.exitCode === null && !p.child.signalCode;

  function jobs(n: number, fetchedAt = '2024-10-11T00:00:00Z'): ClassifyJob[] {
    return Array.from({ length: n }, () => {
      const i = synthetic++;
      const source = corpus[i % corpus.length]!;
      return {
        platform: 'facebook',
        externalId: `fault-${i}`,
        url: `https://www.facebook.com/demo/posts/fault-${i}`,
        kind: 'post',
        accountId,
        authorHandle: 'demo',
        text: `${source.text} (${i})`,
        postedAt: '2024-10-10T10:00:00+07:00',
        fetchedAt,
        mediaDescriptions: [],
        evidence: [],
        raw: {},
        crawlRunId: null,
        regionCode: source.region,
      };
    });
  }
  async function enqueue(list: ClassifyJob[]) {
    for (let i = 0; i < list.length; i += 500) {
      await queues.classify.addBulk(
        list.slice(i, i + 500).map((data) => ({ name: 'classify-post', data, opts: { jobId: classifyJobId(data) } })),
      );
    }
  }
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await query.execute(database.db)).rows[0]!.n);
  const classified = () => count(sql`select count(*)::int as n from classifications`);
  async function progressBeyond(n: number) {
    return waitFor(async () => ((await classified()) > n ? true : undefined), SETTLE_MS, logs);
  }

  /** Waits until both queues are drained, then checks every invariant. */
  async function expectSettled() {
    await waitFor(
      async () => {
        for (const queue of [queues.classify, queues.crawl]) {
          const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (Object.values(c).some((v) => v > 0)) return undefined;
        }
        return true;
      },
      SETTLE_MS,
      logs,
    );
    expect(await queues.classify.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(await queues.crawl.getJobCounts('failed')).toEqual({ failed: 0 });
    const syntheticPosts = await count(sql`select count(*)::int as n from posts where external_id like 'fault-%'`);
    expect(syntheticPosts).toBe(synthetic);
    const posts = await count(sql`select count(*)::int as n from posts`);
    expect(await classified()).toBe(posts);
    const flagged = await count(sql`select count(*)::int as n from classifications where flagged`);
    expect(await count(sql`select count(*)::int as n from review_items`)).toBe(flagged);
    for (const p of [procs.api, procs.classifier, procs.scraper]) if (p) expect(isAlive(p), logs()).toBe(true);
    for (const p of started) expect(p.log()).not.toContain('Unhandled error event');
  }

  const healthStatus = async () =>
    (await fetch(`http://127.0.0.1:${apiPort}/api/health`, { signal: AbortSignal.timeout(15_000) }).catch(() => null))
      ?.status;
  const stateLines = (p: DeployableProcess, dependency: string, state: string) =>
    p
      .log()
      .split('\n')
      .filter((l) => l.includes(`"dependency":"${dependency}"`) && l.includes(`"state":"${state}"`)).length;

  beforeAll(async () => {
    pg = await startPrivatePostgres(await freePort());
    redis = await startAofRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'netra-faults-'));
    const admin = await createDatabase({ url: pg.url, maxConnections: 1 });
    await sql`create database netra`.execute(admin.db);
    await admin.close();
    database = await createDatabase({ url: env().DATABASE_URL, maxConnections: 4, onConnectionError: () => {} });
    await migrateToLatest(database.db);
    await seedDemo(database.db);
    accountId = (await database.db.selectFrom('accounts').select('id').limit(1).executeTakeFirstOrThrow()).id;
    connection = createRedisConnection({ url: redis.url, forWorker: false });
    queues = createQueues(connection, prefix);
    demo = await startDemoPlatform();
    apiPort = await freePort();
    procs.api = start('services/api/src/main.ts', { PORT: String(apiPort) });
    startClassifier();
    await waitFor(async () => ((await healthStatus()) === 200 ? true : undefined), 60_000, logs);
  }, 180_000);

  afterAll(async () => {
    // Every process this file started is stopped, whatever happened above: processes and servers first
    // (they outlive the test otherwise), client handles after.
    await Promise.allSettled(started.map((p) => p.stop('SIGKILL')));
    await Promise.allSettled([redis?.stop(), pg?.stop()]);
    connection?.disconnect();
    await Promise.allSettled([queues?.close(), database?.close(), demo?.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 300_000);

  it('SIGKILL of the classifier three times mid-batch loses and duplicates nothing', { timeout: 600_000 }, async () => {
    await enqueue(jobs(BATCH));
    for (let kill = 0; kill < 3; kill += 1) {
      await progressBeyond((await classified()) + 50);
      const victim = procs.classifier!;
      victim.child.kill('SIGKILL');
      await new Promise((r) => victim.child.once('exit', r));
      startClassifier();
    }
    await expectSettled();
  });

  it('a Redis restart (append-only file) is survived and logged once per change, no raw stack traces', {
    timeout: 600_000,
  }, async () => {
    await enqueue(jobs(BATCH));
    await progressBeyond((await classified()) + 50);
    await redis.restart();
    await expectSettled();
    for (const p of [procs.api!, procs.classifier!]) {
      const down = stateLines(p, 'redis', 'unavailable');
      expect(down, p.log().slice(-2000)).toBeGreaterThanOrEqual(1);
      expect(stateLines(p, 'redis', 'available')).toBe(down);
    }
  });

  it(`PostgreSQL stopped for ${PG_OUTAGE_MS / 1000} s: workers keep running, readiness says so, all resumes`, {
    timeout: 600_000,
  }, async () => {
    await enqueue(jobs(BATCH));
    await progressBeyond((await classified()) + 50);
    const classifier = procs.classifier!;
    const downBefore = stateLines(classifier, 'postgres', 'unavailable');
    await database.close();
    try {
      await pg.pause();
      const outageStarted = Date.now();
      await waitFor(async () => ((await healthStatus()) === 503 ? true : undefined), 60_000, logs);
      // The outage lasts its full length (a fault's duration, not a wait for a result).
      await new Promise((r) => setTimeout(r, Math.max(0, PG_OUTAGE_MS - (Date.now() - outageStarted))));
      expect(isAlive(classifier), logs()).toBe(true);
      expect(isAlive(procs.api), logs()).toBe(true);
    } finally {
      await pg.resume();
      database = await createDatabase({ url: env().DATABASE_URL, maxConnections: 4, onConnectionError: () => {} });
    }
    await waitFor(async () => ((await healthStatus()) === 200 ? true : undefined), 60_000, logs);
    await expectSettled();
    const down = stateLines(classifier, 'postgres', 'unavailable') - downBefore;
    expect(down, classifier.log().slice(-3000)).toBe(1);
    expect(stateLines(classifier, 'postgres', 'available')).toBe(stateLines(classifier, 'postgres', 'unavailable'));
    expect(stateLines(procs.api!, 'postgres', 'unavailable')).toBeGreaterThanOrEqual(1);
  });

  it('the same job twice, and the same post re-queued under a later sighting, store it once', {
    timeout: 300_000,
  }, async () => {
    const first = jobs(20);
    await enqueue(first);
    await expectSettled();
    await enqueue(first);
    const later = first.map((j) => ({ ...j, fetchedAt: '2024-10-12T00:00:00Z' }));
    await queues.classify.addBulk(
      later.map((data) => ({ name: 'classify-post', data, opts: { jobId: `${classifyJobId(data)}-again` } })),
    );
    await expectSettled();
    const seen = await count(
      sql`select count(*)::int as n from posts where external_id = any(${first.map((j) => j.externalId)})
          and last_seen_at = '2024-10-12T00:00:00Z'`,
    );
    expect(seen).toBe(first.length);
  });

  it('a scraper killed right after its counter update counts the account once; a re-crawl records the sighting', {
    timeout: 600_000,
  }, async () => {
    const accounts = await sql<{ id: string }>`
      select a.id from accounts a join people p on p.id = a.person_id
      where p.status = 'active' and a.platform = 'facebook' order by a.handle limit 1`.execute(database.db);
    const target = accounts.rows[0]!.id;
    const doomed = startScraper({ NETRA_TEST_EXIT_AFTER_COUNTER: 'true' });
    const chromium = new Set<number>();
    const watch = setInterval(() => {
      for (const pid of descendants(doomed.child.pid!)) chromium.add(pid);
    }, 200);
    try {
      const run = await startCrawlRun(database.db, queues, {
        trigger: 'on_demand',
        requestedBy: null,
        accountIds: [target],
      });
      // 'close', not 'exit': the log pipe is drained only then.
      await new Promise((r) => doomed.child.once('close', r));
      expect(doomed.child.signalCode).toBe('SIGKILL');
      expect(doomed.log()).toContain('NETRA_TEST_EXIT_AFTER_COUNTER');
      // No Chromium outlives its scraper.
      await waitFor(
        async () => ([...chromium].some(alive) ? undefined : true),
        60_000,
        () => [...chromium].join(' '),
      );
      startScraper();
      await expectSettled();
      const row = await database.db
        .selectFrom('crawl_runs')
        .selectAll()
        .where('id', '=', run.id)
        .executeTakeFirstOrThrow();
      const stored = await count(sql`select count(*)::int as n from posts where account_id = ${target}`);
      expect(stored).toBeGreaterThan(0);
      expect(row).toMatchObject({ status: 'completed', accounts_done: 1, accounts_total: 1, posts_found: stored });

      const again = await startCrawlRun(database.db, queues, {
        trigger: 'on_demand',
        requestedBy: null,
        accountIds: [target],
      });
      await waitFor(
        async () => {
          const r = await database.db
            .selectFrom('crawl_runs')
            .select('status')
            .where('id', '=', again.id)
            .executeTakeFirst();
          return r?.status === 'completed' ? true : undefined;
        },
        SETTLE_MS,
        logs,
      );
      await expectSettled();
      expect(await count(sql`select count(*)::int as n from posts where account_id = ${target}`)).toBe(stored);
      const stale = await count(
        sql`select count(*)::int as n from posts where account_id = ${target} and last_seen_at < ${again.created_at}`,
      );
      expect(stale).toBe(0);
    } finally {
      clearInterval(watch);
    }
  });
});
