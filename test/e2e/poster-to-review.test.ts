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
import { has, parsePrometheusText, sumOf } from './support/prometheus-text.ts';

/**
 * Issue 12 end to end: the demo platform serves a post whose only cue is a campaign poster (the caption says
 * "Selamat pagi"). Scraper, OCR and classifier workers run as their own processes; the poster is saved as
 * evidence, read by Tesseract, the post is classified with the image text and reaches review flagged, and the
 * review page shows the poster with the recognised words outlined and the evidence words highlighted. The OCR
 * worker's own /metrics then counts the jobs it did (the scraper's, classifier's and API's are checked after a
 * crawl in operations-metrics.test.ts).
 */
describe('poster image → OCR → classify → review', () => {
  let server: TestServer;
  let demo: DemoPlatform;
  let dataDir: string;
  const workers: DeployableProcess[] = [];
  let ocrMetricsPort = 0;
  const logs = () => workers.map((w) => w.log().slice(-3000)).join('\n---\n');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'netra-e2e-poster-'));
    server = await createTestServer({ evidenceDir: join(dataDir, 'evidence') });
    await seedDemo(server.database.db);
    demo = await startDemoPlatform();
    ocrMetricsPort = await freePort();
    const env = {
      DATABASE_URL: server.database.url,
      REDIS_URL: server.redisUrl,
      QUEUE_PREFIX: server.prefix,
      NETRA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    workers.push(
      startDeployable('workers/scraper/src/main.ts', {
        ...env,
        PLATFORM_ORIGINS: JSON.stringify(demo.origins),
        SCHEDULER_ENABLED: 'false',
      }),
      startDeployable('workers/ocr/src/main.ts', {
        ...env,
        OCR_CONCURRENCY: '1',
        METRICS_PORT: String(ocrMetricsPort),
      }),
      startDeployable('workers/classifier/src/main.ts', env),
    );
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await stopAllDeployables();
    await demo?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('flags the post for its poster and outlines the words on the review page', { timeout: 240_000 }, async () => {
    const { accountId } = await insertWatchedAccount(server.database.db, {
      platform: 'facebook',
      handle: 'guru.poster',
      regionCode: '18.11',
      name: 'Sri Wahyuni',
    });
    await startCrawlRun(server.database.db, server.queues, {
      trigger: 'on_demand',
      requestedBy: null,
      accountIds: [accountId],
    });
    const classified = await waitFor(
      async () =>
        server.database.db
          .selectFrom('posts as p')
          .innerJoin('classifications as c', 'c.post_id', 'p.id')
          .select(['p.id', 'p.text', 'p.image_readings', 'c.flagged', 'c.candidate', 'c.evidence'])
          .where('p.account_id', '=', accountId)
          .executeTakeFirst(),
      200_000,
      logs,
    );
    expect(classified.text).toBe('Selamat pagi semua 🙏');
    expect(classified.image_readings).toHaveLength(1);
    const reading = classified.image_readings[0]!;
    expect(reading.error).toBeNull();
    expect(reading.text).toMatch(/BAMBANG WIJAYA/);
    expect(reading.text).toMatch(/COBLOS NOMOR 2/);
    expect(reading.engine).toMatch(/^tesseract/);
    expect(classified.flagged).toBe(true);
    expect(classified.candidate).toBe('pilbup-mesuji-2024#2');
    // Every cue lies in the image text: the caption has none.
    expect(classified.evidence.length).toBeGreaterThan(0);
    for (const e of classified.evidence) expect(e.start).toBeGreaterThan(classified.text.length);

    const item = await server.database.db
      .selectFrom('review_items')
      .select('id')
      .where('post_id', '=', classified.id)
      .executeTakeFirstOrThrow();
    const viewer = await server.signIn('viewer');
    const page = await server.app.inject({ method: 'GET', url: `/review/${item.id}`, headers: viewer.headers });
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain(`src="/evidence/${reading.sha256}"`);
    const boxes = body.match(/<rect class="ocr-word[^"]*"/g) ?? [];
    expect(boxes.length).toBeGreaterThanOrEqual(8);
    expect(body).toMatch(/<rect class="ocr-word ocr-evidence"[^>]*data-word="BAMBANG"/);
    expect(body).toContain('class="ocr-text" readonly');
    expect(body).toContain(reading.engine!);
    const image = await server.app.inject({
      method: 'GET',
      url: `/evidence/${reading.sha256}`,
      headers: viewer.headers,
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');

    // The OCR deployable's /metrics (docs/operations.md): one completed ocr job per post of the crawl that had
    // an image — counted from PostgreSQL, not written here — no failures, nothing left waiting, process series.
    const withImages = (
      await server.database.db
        .selectFrom('posts')
        .select('image_readings')
        .where('account_id', '=', accountId)
        .execute()
    ).filter((p) => p.image_readings.length > 0).length;
    expect(withImages).toBeGreaterThanOrEqual(1);
    const scrapeOcr = async () => {
      const response = await fetch(`http://127.0.0.1:${ocrMetricsPort}/metrics`);
      expect(response.status).toBe(200);
      return parsePrometheusText(await response.text());
    };
    // The job's completion is counted when BullMQ reports it, which can come just after the classifier's write.
    const samples = await waitFor(
      async () => {
        const s = await scrapeOcr();
        return sumOf(s, 'netra_job_duration_seconds_count', { queue: 'ocr', outcome: 'completed' }) >= withImages
          ? s
          : undefined;
      },
      30_000,
      logs,
    );
    expect(sumOf(samples, 'netra_job_duration_seconds_count', { queue: 'ocr', outcome: 'completed' })).toBe(withImages);
    expect(sumOf(samples, 'netra_job_duration_seconds_sum', { queue: 'ocr', outcome: 'completed' })).toBeGreaterThan(0);
    expect(sumOf(samples, 'netra_job_failures_total', { queue: 'ocr' })).toBe(0);
    expect(sumOf(samples, 'netra_queue_jobs', { queue: 'ocr', state: 'waiting' })).toBe(0);
    expect(sumOf(samples, 'netra_queue_jobs', { queue: 'ocr', state: 'failed' })).toBe(0);
    expect(sumOf(samples, 'netra_queue_oldest_waiting_seconds', { queue: 'ocr' })).toBe(0);
    expect(has(samples, 'process_resident_memory_bytes', { service: 'netra-ocr' })).toBe(true);
  });
});
