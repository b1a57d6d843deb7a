import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type EvidenceArtefactRef } from '@netra/core';
import { saveImageOcr } from '@netra/db';
import { createTestDatabase, type TestDatabase, testQueuePrefix, testRedisUrl } from '@netra/db/testing';
import { classifyJobSchema, createQueues, createRedisConnection, type OcrJob, type Queues } from '@netra/queue';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOcrWorker } from './ocr-worker.ts';

const sha = (seed: string) => createHash('sha256').update(seed).digest('hex');

function image(seed: string): EvidenceArtefactRef {
  const digest = sha(seed);
  return {
    kind: 'image',
    sha256: digest,
    bytes: 10,
    mediaType: 'image/png',
    path: `image/${digest}.png`,
    capturedAt: '2026-11-20T00:00:00.000Z',
  };
}

function post(externalId: string, evidence: EvidenceArtefactRef[]): OcrJob {
  return {
    platform: 'facebook',
    externalId,
    url: `https://www.facebook.com/asn.contoh/posts/${externalId}`,
    kind: 'post',
    accountId: '00000000-0000-4000-8000-000000000001',
    authorHandle: 'asn.contoh',
    text: 'Poster kegiatan',
    postedAt: '2026-11-20T10:00:00+07:00',
    fetchedAt: '2026-11-20T11:00:00Z',
    mediaDescriptions: [],
    evidence,
    raw: {},
    crawlRunId: null,
    regionCode: '33.74',
  };
}

/**
 * What the OCR worker puts on the classify queue must be a valid classify job whatever OCR read: a dense poster
 * reads more than a job's 20,000 characters per image, a post may carry more images than a job's 50 readings.
 * (Real PostgreSQL and Redis; the readings come from the OCR cache, so no image is decoded.)
 */
describe('OCR worker: readings a classify job can carry', () => {
  let database: TestDatabase;
  let connection: Redis;
  let queues: Queues;
  let worker: Worker | undefined;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    queues = createQueues(connection, testQueuePrefix());
    dir = mkdtempSync(join(tmpdir(), 'netra-ocr-bounds-'));
  });
  afterAll(async () => {
    await worker?.close();
    await queues?.close();
    connection?.disconnect();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('clips a 30,000-character reading and the readings of a 60-image post; the post is queued for classification', {
    timeout: 60_000,
  }, async () => {
    // A line of text with an emoji straddling the 20,000th unit.
    const long = `${'x'.repeat(19_999)}😀${'Coblos nomor 1 '.repeat(700)}`;
    const images = Array.from({ length: 60 }, (_, i) => image(`gambar-${i}`));
    await saveImageOcr(
      database.db,
      images.map((img, i) => ({
        sha256: img.sha256,
        engine: 'tesseract 5 ind+eng',
        text: i === 0 ? long : `teks ${i}`,
        words: [],
        width: 100,
        height: 100,
        errorCode: null,
        errorMessage: null,
        elapsedMs: 1,
      })),
    );
    worker = startOcrWorker({
      db: database.db,
      connection,
      queues,
      prefix: queues.ocr.opts.prefix!,
      logger: createLogger('test', 'silent'),
      evidenceDir: dir,
      concurrency: 1,
      lockDurationMs: 30_000,
      maxImagesPerPost: 60,
      ocr: {},
    });
    const ocrJob = await queues.ocr.add('ocr-post', post('9001', images));
    const deadline = Date.now() + 45_000;
    let done: Job | undefined;
    while (Date.now() < deadline) {
      done = await queues.ocr.getJob(ocrJob.id!);
      if (done?.finishedOn) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(done?.failedReason).toBeUndefined();
    const [classify] = await queues.classify.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(classify).toBeDefined();
    const parsed = classifyJobSchema.safeParse(classify!.data);
    expect(parsed.error?.issues).toBeUndefined();
    const readings = parsed.data!.imageReadings!;
    expect(readings).toHaveLength(50);
    // Clipped before the emoji, not through it.
    expect(readings[0]!.text).toBe('x'.repeat(19_999));
    expect(readings[1]!.text).toBe('teks 1');
  });
});
