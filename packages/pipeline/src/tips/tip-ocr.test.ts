import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArtefactStore } from '@netra/collectors';
import { createLogger, registrySchema } from '@netra/core';
import { insertUser, postImageReadings } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassifierWorker } from '../classifier-worker.ts';
import { startOcrWorker } from '../ocr-worker.ts';
import { registryClassifier } from '../registry-classifier.ts';
import { submitTip } from './submit-tip.ts';

const SHOT = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><rect width="800" height="400" fill="#ffffff"/>
<text x="400" y="180" text-anchor="middle" font-family="DejaVu Sans" font-size="56" font-weight="bold" fill="#111">AYO COBLOS</text>
<text x="400" y="280" text-anchor="middle" font-family="DejaVu Sans" font-size="56" font-weight="bold" fill="#111">NOMOR DUA</text></svg>`;

/**
 * A tip's uploaded screenshot goes through the OCR worker like a collected post's images (real Redis,
 * PostgreSQL and Tesseract): its text ends up on the post (image readings the item page shows).
 */
describe('tips: the screenshot is read by OCR', () => {
  let database: TestDatabase;
  let dir: string;
  let connection: Redis;
  let queues: Queues;
  let ocr: Worker;
  let classifier: Worker;
  let analystId: string;
  let png: Buffer;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-tip-ocr-'));
    const user = await insertUser(database.db, {
      username: 'analis',
      displayName: 'Analis',
      passwordHash: 'x',
      role: 'analyst',
    });
    analystId = user.id;
    await insertWatchedAccount(database.db, { platform: 'x', handle: 'kades_maju' });
    png = await sharp(Buffer.from(SHOT)).png().toBuffer();
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    queues = createQueues(connection, prefix);
    const logger = createLogger('test', 'silent');
    ocr = startOcrWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger,
      evidenceDir: dir,
      concurrency: 1,
      lockDurationMs: 120_000,
      maxImagesPerPost: 8,
      ocr: {},
    });
    classifier = startClassifierWorker({
      db: database.db,
      connection,
      prefix,
      logger,
      batchSize: 8,
      batchWaitMs: 10,
      lockDurationMs: 30_000,
      stalledIntervalMs: 15_000,
      threads: 0,
    });
  }, 60_000);

  afterAll(async () => {
    await ocr?.close();
    await classifier?.close();
    await queues?.close();
    connection?.disconnect();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const deps = (withQueues: boolean) => ({
    db: database.db,
    store: new ArtefactStore(dir),
    classifier: registryClassifier(),
    registry: async () => registrySchema.parse({ contests: [] }),
    ...(withQueues ? { queues } : {}),
  });

  it('queues the screenshot for OCR; its text is stored on the tip’s post', { timeout: 120_000 }, async () => {
    const result = await submitTip(
      deps(true),
      { url: 'https://x.com/kades_maju/status/77', screenshot: png },
      { userId: analystId, username: 'analis' },
    );
    expect(result.ocr).toBe('queued');
    let readings = await postImageReadings(database.db, result.postId);
    for (let i = 0; i < 1_000 && readings.length === 0; i++) {
      await sleep(100);
      readings = await postImageReadings(database.db, result.postId);
    }
    expect(readings).toHaveLength(1);
    expect(readings[0]!.error).toBeNull();
    expect(readings[0]!.text).toMatch(/COBLOS/);
    expect(readings[0]!.text).toMatch(/NOMOR DUA/);
    // The screenshot stays one artefact of the post, under its own kind.
    const evidence = await database.db
      .selectFrom('evidence_artefacts')
      .select(['kind'])
      .where('post_id', '=', result.postId)
      .execute();
    expect(evidence.map((e) => e.kind).sort()).toEqual(['json', 'screenshot']);
  });

  it('says when nothing was queued: no screenshot, or no queue', async () => {
    const text = await submitTip(
      deps(true),
      { url: 'https://x.com/kades_maju/status/78', text: 'hanya teks' },
      { userId: analystId, username: 'analis' },
    );
    expect(text.ocr).toBe('no_screenshot');
    const noQueue = await submitTip(
      deps(false),
      { url: 'https://x.com/kades_maju/status/79', screenshot: png },
      { userId: analystId, username: 'analis' },
    );
    expect(noQueue.ocr).toBe('no_queue');
  });
});
