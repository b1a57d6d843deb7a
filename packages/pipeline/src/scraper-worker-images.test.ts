import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '@netra/collectors/testing';
import { createLogger } from '@netra/core';
import { findCrawlRun } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScraperWorker, startScraperWorker } from './scraper-worker.ts';
import { startCrawlRun } from './start-crawl-run.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * API posts with images reach the OCR queue (real Redis and PostgreSQL): the scraper downloads a Telegram
 * photo into the evidence store and queues the post to `ocr`, the text-only post to `classify`.
 */
describe('scraper: API post images go to OCR', () => {
  let database: TestDatabase;
  let server: ApiPlatformServer;
  let connection: Redis;
  let queues: Queues;
  let scraper: ScraperWorker;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await insertWatchedAccount(database.db, {
      platform: 'telegram',
      handle: 'kanaldesa',
      profileUrl: 'https://t.me/kanaldesa',
    });
    const world = emptyWorld();
    server = await startApiPlatformServer(world);
    world.media = { 'poster.png': { type: 'image/png', body: PNG } };
    world.telegram.push({
      name: 'kanaldesa',
      title: 'Kanal Desa',
      messages: [
        { id: 1, text: 'Pengumuman rapat', date: '2026-11-01T00:00:00+00:00' },
        { id: 2, text: 'Lihat poster', date: '2026-11-02T00:00:00+00:00', photo: `${server.url}/media/poster.png` },
      ],
    });
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    queues = createQueues(connection, prefix);
    dir = mkdtempSync(join(tmpdir(), 'netra-scraper-images-'));
    scraper = startScraperWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger: createLogger('test', 'silent'),
      evidenceDir: dir,
      platformOrigins: server.origins,
      concurrency: 1,
      maxPostsPerAccount: 50,
      lockDurationMs: 30_000,
      images: { maxBytes: 1_000_000 },
    });
  }, 60_000);

  afterAll(async () => {
    await scraper?.close();
    await queues?.close();
    connection?.disconnect();
    await server?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('queues the post with a photo to ocr with the image as evidence', { timeout: 60_000 }, async () => {
    const run = await startCrawlRun(database.db, queues, { trigger: 'on_demand', requestedBy: null });
    for (let i = 0; i < 600; i++) {
      if ((await findCrawlRun(database.db, run.id))?.status === 'completed') break;
      await sleep(50);
    }
    expect((await findCrawlRun(database.db, run.id))?.errors).toEqual([]);
    const ocr = await queues.ocr.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(ocr.map((j) => j.data.externalId)).toEqual(['kanaldesa/2']);
    const images = ocr[0]!.data.evidence.filter((e) => e.kind === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ mediaType: 'image/png', bytes: PNG.length });
    const classify = await queues.classify.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(classify.map((j) => j.data.externalId)).toEqual(['kanaldesa/1']);
  });
});
