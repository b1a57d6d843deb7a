import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@netra/core';
import { createTestDatabase, type TestDatabase, testQueuePrefix, testRedisUrl } from '@netra/db/testing';
import { CANDIDATE_REPLIES_JOB, createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassifierWorker } from './classifier-worker.ts';
import { startOcrWorker } from './ocr-worker.ts';
import { startScheduler } from './scheduler.ts';
import { startScraperWorker } from './scraper-worker.ts';

/** What a producer from an older release, a person with redis-cli, or a corrupted key may leave on a queue. */
const POISON: Array<[string, unknown]> = [
  ['a string', 'crawl-account'],
  ['a number', 42],
  ['null', null],
  ['an array', [{ runId: 'x' }]],
  ['wrong types', { runId: 5, accountId: true, platform: ['x'], trigger: 7, text: {} }],
  ['NUL bytes', { platform: 'face\u0000book', externalId: '\u0000', handle: '\u0000', trigger: 'nightly\u0000' }],
  ['an older shape', { accountId: '00000000-0000-4000-8000-000000000001', url: 'https://t.me/lama', kind: 'post' }],
  ['2 MB of text', { text: 'x'.repeat(2_000_000), handle: 'y'.repeat(100_000) }],
];

/**
 * Malformed jobs on every queue, through the real workers (Redis, PostgreSQL): each fails at once (one attempt)
 * with a stable code naming what is wrong, no worker reports an error, and a good job queued after them still runs.
 */
describe('poison jobs on every queue', () => {
  let database: TestDatabase;
  let connection: Redis;
  let queues: Queues;
  let dir: string;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    queues = createQueues(connection, testQueuePrefix());
    dir = mkdtempSync(join(tmpdir(), 'netra-poison-'));
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await queues?.close();
    connection?.disconnect();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails each visibly, once, and keeps the workers working', { timeout: 120_000 }, async () => {
    const logger = createLogger('test', 'silent');
    const prefix = queues.crawl.opts.prefix!;
    const common = { db: database.db, connection, prefix, logger };
    const scraper = startScraperWorker({
      ...common,
      queues,
      evidenceDir: dir,
      platformOrigins: {},
      concurrency: 2,
      maxPostsPerAccount: 10,
      lockDurationMs: 30_000,
    });
    closers.push(() => scraper.close());
    const classifier = startClassifierWorker({
      ...common,
      batchSize: 4,
      batchWaitMs: 5,
      lockDurationMs: 30_000,
      stalledIntervalMs: 15_000,
      threads: 0,
    });
    closers.push(() => classifier.close());
    const ocr = startOcrWorker({
      ...common,
      queues,
      evidenceDir: dir,
      concurrency: 2,
      lockDurationMs: 30_000,
      maxImagesPerPost: 8,
      ocr: {},
    });
    closers.push(() => ocr.close());
    const scheduler = await startScheduler({
      ...common,
      queues,
      nightlyCron: '0 2 1 1 *',
      timezone: 'Asia/Jakarta',
    });
    closers.push(() => scheduler.close());
    const errors: string[] = [];
    for (const worker of [scraper.worker, classifier, ocr, scheduler])
      worker.on('error', (error) => errors.push(`${worker.name}: ${error.message}`));

    const expectedCode: Array<[Queue, string, string]> = [
      [queues.crawl, 'crawl-account', 'CRAWL_PAYLOAD_INVALID'],
      [queues.crawl, CANDIDATE_REPLIES_JOB, 'CANDIDATE_REPLIES_PAYLOAD_INVALID'],
      [queues.classify, 'classify-post', 'CLASSIFY_PAYLOAD_INVALID'],
      [queues.ocr, 'ocr-post', 'OCR_PAYLOAD_INVALID'],
      [queues.schedule, 'nightly-crawl', 'SCHEDULE_PAYLOAD_INVALID'],
    ];
    const added: Array<{ job: Job; code: string; what: string }> = [];
    for (const [queue, name, code] of expectedCode) {
      for (const [what, data] of POISON) added.push({ job: await queue.add(name, data as never), code, what });
    }
    // A good post after all of them: the classifier is still taking jobs.
    const good = await queues.classify.add('classify-post', {
      platform: 'telegram',
      externalId: 'kanaluji/1',
      url: 'https://t.me/kanaluji/1',
      kind: 'post',
      accountId: null,
      authorHandle: 'kanaluji',
      text: 'Selamat pagi, rapat koordinasi hari ini.',
      postedAt: null,
      fetchedAt: '2026-11-29T01:00:00Z',
      regionCode: null,
    });

    const deadline = Date.now() + 90_000;
    const byName: Record<string, Queue> = {
      crawl: queues.crawl,
      classify: queues.classify,
      ocr: queues.ocr,
      schedule: queues.schedule,
    };
    const finished = async (job: Job) => {
      for (;;) {
        const read = (await byName[job.queueName]!.getJob(job.id!)) as Job;
        if (read.finishedOn) return read;
        if (Date.now() > deadline) throw new Error(`job ${job.queueName}/${job.name} never finished`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    for (const { job, code, what } of added) {
      const done = await finished(job);
      expect({
        what,
        queue: job.queueName,
        attempts: done.attemptsMade,
        code: done.failedReason?.split(':')[0],
      }).toEqual({
        what,
        queue: job.queueName,
        attempts: 1,
        code,
      });
    }
    const goodDone = await finished(good);
    expect(goodDone.failedReason).toBeUndefined();
    expect(goodDone.returnvalue).toMatchObject({ flagged: expect.any(Boolean) });
    expect(errors).toEqual([]);
  });
});
