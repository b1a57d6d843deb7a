import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertWatchedAccount } from '@netra/db/testing';
import { type DemoPlatform, startDemoPlatform } from '@netra/demo-platform';
import { seedDemo } from '@netra/demo-platform/seed';
import { startCrawlRun } from '@netra/pipeline/crawl-runs';
import { freePort } from '@netra/queue';
import { createTestServer, type TestServer } from '@netra/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployableProcess, startDeployable, stopAllDeployables, waitFor } from './support/deployable-process.ts';
import { has, parsePrometheusText, type Sample, sumOf } from './support/prometheus-text.ts';

/**
 * After one real crawl (scraper, classifier and API as their own processes), each deployable's `/metrics`
 * tells the same story as PostgreSQL: accounts, posts and errors per platform, classifications, flags and
 * scores, the review backlog, queue depths, HTTP routes by template. Expected values are read from the
 * database, never written into the test.
 */
describe('operations endpoints after a crawl', () => {
  let server: TestServer;
  let demo: DemoPlatform;
  let dataDir: string;
  const ports = { scraper: 0, classifier: 0, api: 0 };
  const processes: DeployableProcess[] = [];
  let runId = '';

  const logs = () => processes.map((p) => p.log().slice(-3000)).join('\n---\n');
  async function scrape(port: number): Promise<Sample[]> {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parsePrometheusText(await response.text());
  }

  beforeAll(async () => {
    server = await createTestServer();
    await seedDemo(server.database.db);
    // A page the collector cannot fully read: the run keeps its good posts and records an error code.
    await insertWatchedAccount(server.database.db, { name: 'Halaman Rusak', handle: 'halaman.rusak' });
    demo = await startDemoPlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'netra-ops-'));
    ports.scraper = await freePort();
    ports.classifier = await freePort();
    ports.api = await freePort();
    const env = {
      DATABASE_URL: server.database.url,
      REDIS_URL: server.redisUrl,
      QUEUE_PREFIX: server.prefix,
      NETRA_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    };
    processes.push(
      startDeployable('workers/scraper/src/main.ts', {
        ...env,
        PLATFORM_ORIGINS: JSON.stringify(demo.origins),
        SCHEDULER_ENABLED: 'false',
        METRICS_PORT: String(ports.scraper),
      }),
      startDeployable('workers/classifier/src/main.ts', { ...env, METRICS_PORT: String(ports.classifier) }),
      startDeployable('services/api/src/main.ts', { ...env, PORT: String(ports.api), COOKIE_SECURE: 'false' }),
    );
    for (const port of Object.values(ports)) {
      await waitFor(
        async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ? true : undefined),
        90_000,
        logs,
      );
    }
    const run = await startCrawlRun(server.database.db, server.queues, { trigger: 'on_demand', requestedBy: null });
    runId = run.id;
    await waitFor(
      async () => {
        const row = await server.database.db
          .selectFrom('crawl_runs')
          .select('status')
          .where('id', '=', run.id)
          .executeTakeFirstOrThrow();
        if (row.status !== 'completed') return undefined;
        const queued = await server.queues.classify.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(queued).every((v) => v === 0) ? true : undefined;
      },
      150_000,
      logs,
    );
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await stopAllDeployables();
    await demo?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('every deployable is live and ready, with migrations done', async () => {
    for (const port of Object.values(ports)) {
      expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        ok: true,
        database: 'available',
        redis: 'available',
        migrations: 'done',
        failing: [],
      });
    }
  });

  it('the scraper counts accounts, posts and errors per platform as the run recorded them', async () => {
    const db = server.database.db;
    const rows = await db
      .selectFrom('crawl_run_accounts as r')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .select(['a.platform', 'r.posts_found', 'r.failed', 'r.errors'])
      .where('r.run_id', '=', runId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    const samples = await scrape(ports.scraper);
    const platforms = new Set(rows.map((r) => r.platform));
    expect(platforms.size).toBeGreaterThan(1);
    for (const platform of platforms) {
      const of = rows.filter((r) => r.platform === platform);
      expect(sumOf(samples, 'netra_crawl_accounts_total', { platform }), platform).toBe(of.length);
      expect(sumOf(samples, 'netra_crawl_items_total', { platform }), platform).toBe(
        of.reduce((n, r) => n + r.posts_found, 0),
      );
      const codes = new Map<string, number>();
      for (const r of of)
        for (const e of r.errors as { code: string }[]) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
      for (const [code, n] of codes) expect(sumOf(samples, 'netra_crawl_errors_total', { platform, code })).toBe(n);
      expect(sumOf(samples, 'netra_crawl_errors_total', { platform })).toBe(
        [...codes.values()].reduce((a, b) => a + b, 0),
      );
    }
    expect(sumOf(samples, 'netra_crawl_errors_total', { code: 'COLLECTOR_PAGE_MALFORMED' })).toBeGreaterThanOrEqual(1);
    const completed = rows.filter((r) => !r.failed).length;
    expect(sumOf(samples, 'netra_job_duration_seconds_count', { queue: 'crawl', outcome: 'completed' })).toBe(
      completed,
    );
    expect(sumOf(samples, 'netra_job_duration_seconds_sum', { queue: 'crawl', outcome: 'completed' })).toBeGreaterThan(
      0,
    );
    expect(has(samples, 'process_resident_memory_bytes', { service: 'netra-scraper' })).toBe(true);
  });

  it('the classifier counts stored posts, the flag rate and the score distribution', async () => {
    const db = server.database.db;
    const classifications = await db.selectFrom('classifications').select(['score', 'flagged']).execute();
    const posts = await db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const samples = await scrape(ports.classifier);
    const flagged = classifications.filter((c) => c.flagged).length;
    expect(flagged).toBeGreaterThan(0);
    expect(sumOf(samples, 'netra_posts_classified_total')).toBe(classifications.length);
    expect(sumOf(samples, 'netra_posts_classified_total', { flagged: 'true' })).toBe(flagged);
    // The scraper stores a crawled post first (its sighting); the classifier only posts it never saw.
    const stored =
      sumOf(samples, 'netra_posts_stored_total') + sumOf(await scrape(ports.scraper), 'netra_posts_stored_total');
    expect(stored).toBe(Number(posts.n));
    expect(sumOf(samples, 'netra_classifier_score_count')).toBe(classifications.length);
    const scoreSum = classifications.reduce((n, c) => n + c.score, 0);
    expect(sumOf(samples, 'netra_classifier_score_sum')).toBeCloseTo(scoreSum, 3);
    // Cumulative buckets: the 0.5 bucket holds exactly the posts scored at most 0.5.
    expect(sumOf(samples, 'netra_classifier_score_bucket', { le: '0.5' })).toBe(
      classifications.filter((c) => c.score <= 0.5).length,
    );
    expect(sumOf(samples, 'netra_job_duration_seconds_count', { queue: 'classify', outcome: 'completed' })).toBe(
      classifications.length,
    );
    expect(has(samples, 'nodejs_heap_size_used_bytes', { service: 'netra-classifier' })).toBe(true);
  });

  it('the API reports the review backlog, posts per hour, queue depths and request durations by route', async () => {
    const db = server.database.db;
    const open = await db
      .selectFrom('review_items')
      .select(['id', 'created_at'])
      .where('status', '=', 'open')
      .orderBy('created_at')
      .execute();
    expect(open.length).toBeGreaterThan(0);
    const viewer = await server.signIn('viewer');
    const base = `http://127.0.0.1:${ports.api}`;
    expect((await fetch(`${base}/api/review/items/${open[0]!.id}`, { headers: viewer.headers })).status).toBe(200);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const samples = await scrape(ports.api);
    expect(sumOf(samples, 'netra_review_backlog', { status: 'open' })).toBe(open.length);
    const oldest = sumOf(samples, 'netra_review_backlog_oldest_seconds');
    expect(oldest).toBeGreaterThan(0);
    expect(oldest).toBeLessThan((Date.now() - open[0]!.created_at.getTime()) / 1000 + 5);
    const posts = await db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(sumOf(samples, 'netra_posts_stored_last_hour')).toBe(Number(posts.n));
    for (const state of ['waiting', 'active', 'failed'])
      expect(sumOf(samples, 'netra_queue_jobs', { queue: 'crawl', state }), state).toBe(0);
    expect(sumOf(samples, 'netra_queue_jobs', { queue: 'classify', state: 'completed' })).toBeGreaterThan(0);
    expect(sumOf(samples, 'netra_queue_oldest_waiting_seconds', { queue: 'classify' })).toBe(0);
    expect(
      sumOf(samples, 'netra_http_request_duration_seconds_count', {
        route: '/api/review/items/:id',
        method: 'GET',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sumOf(samples, 'netra_http_request_duration_seconds_count', { route: '/api/health' }),
    ).toBeGreaterThanOrEqual(1);
    // Route templates only: no series carries a review item's id.
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes(open[0]!.id)))).toBe(false);
    expect(has(samples, 'process_cpu_seconds_total', { service: 'netra-api' })).toBe(true);
  });

  it('every log line about the run carries its run id, and the job id with it', () => {
    const scraperLines = processes[0]!
      .log()
      .split('\n')
      .filter((l) => l.includes('"msg":"account crawled"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(scraperLines.length).toBeGreaterThan(0);
    for (const line of scraperLines) {
      expect(line.runId).toBe(runId);
      expect(String(line.jobId)).toContain(runId);
      expect(line.accountId).toBeTruthy();
    }
  });
});
