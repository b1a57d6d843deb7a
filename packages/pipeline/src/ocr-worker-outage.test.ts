import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, DependencyState } from '@netra/core';
import { createDatabase, type DatabaseHandle, pingDatabase, saveImageOcr } from '@netra/db';
import {
  createTestDatabase,
  type PostgresRelay,
  relayedUrl,
  startRelay,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
  waitUntil,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type OcrJob, type Queues } from '@netra/queue';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOcrWorker } from './ocr-worker.ts';

/**
 * PostgreSQL down while the OCR worker has posts (real PostgreSQL behind a relay that is cut, real Redis; the
 * readings come from the OCR cache): the jobs wait without spending attempts, and once PostgreSQL is back each
 * post is queued for classification exactly once.
 */
describe('OCR worker: PostgreSQL outage', () => {
  let database: TestDatabase;
  let relay: PostgresRelay;
  let relayed: DatabaseHandle;
  let connection: Redis;
  let queues: Queues;
  let worker: Worker | undefined;
  let state: DependencyState | undefined;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    relay = await startRelay(new URL(database.url));
    relayed = await createDatabase({
      url: relayedUrl(database.url, relay),
      maxConnections: 2,
      connectTimeoutMs: 2_000,
    });
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    queues = createQueues(connection, testQueuePrefix());
    dir = mkdtempSync(join(tmpdir(), 'netra-ocr-outage-'));
  });
  afterAll(async () => {
    await worker?.close();
    state?.close();
    await queues?.close();
    connection?.disconnect();
    await relayed?.close();
    await relay?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('postpones while PostgreSQL is unreachable and queues each post once after', { timeout: 120_000 }, async () => {
    const posts: OcrJob[] = [1, 2, 3].map((n) => {
      const sha256 = createHash('sha256').update(`poster-${n}`).digest('hex');
      return {
        platform: 'telegram',
        externalId: `kanaluji/${n}`,
        url: `https://t.me/kanaluji/${n}`,
        kind: 'post',
        accountId: '00000000-0000-4000-8000-000000000001',
        authorHandle: 'kanaluji',
        text: 'Poster kegiatan',
        postedAt: '2026-11-20T10:00:00+07:00',
        fetchedAt: '2026-11-20T11:00:00Z',
        mediaDescriptions: [],
        evidence: [
          {
            kind: 'image',
            sha256,
            bytes: 10,
            mediaType: 'image/png',
            path: `image/${sha256}.png`,
            capturedAt: '2026-11-20T11:00:00.000Z',
          },
        ],
        raw: {},
        crawlRunId: null,
        regionCode: null,
      };
    });
    await saveImageOcr(
      database.db,
      posts.map((p, i) => ({
        sha256: p.evidence[0]!.sha256,
        engine: 'tesseract 5 ind+eng',
        text: `COBLOS NOMOR ${i + 1}`,
        words: [],
        width: 100,
        height: 100,
        errorCode: null,
        errorMessage: null,
        elapsedMs: 1,
      })),
    );
    const logger = createLogger('test', 'silent');
    state = new DependencyState('postgres', logger, { probe: () => pingDatabase(relayed.db), probeIntervalMs: 200 });
    relay.setDown(true);
    worker = startOcrWorker({
      db: relayed.db,
      connection,
      queues,
      prefix: queues.ocr.opts.prefix!,
      logger,
      evidenceDir: dir,
      concurrency: 2,
      lockDurationMs: 30_000,
      maxImagesPerPost: 8,
      ocr: {},
      stores: { database: state },
    });
    const jobs = await Promise.all(posts.map((p) => queues.ocr.add('ocr-post', p)));
    const read = () => Promise.all(jobs.map(async (j) => (await queues.ocr.getJob(j.id!)) as Job));
    const during = await waitUntil('every job tried twice during the outage', read, (all) =>
      all.every((j) => j.attemptsStarted >= 2),
    );
    expect(during.map((j) => j.attemptsMade)).toEqual([0, 0, 0]);
    expect(await queues.classify.count()).toBe(0);

    relay.setDown(false);
    const done = await waitUntil('every job to complete', read, (all) => all.every((j) => j.finishedOn !== undefined));
    expect(done.map((j) => j.failedReason)).toEqual([undefined, undefined, undefined]);
    const queued = await queues.classify.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(queued.map((j) => j.data.externalId).sort()).toEqual(['kanaluji/1', 'kanaluji/2', 'kanaluji/3']);
  });
});
