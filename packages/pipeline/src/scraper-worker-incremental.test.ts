import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '@netra/collectors/testing';
import { createLogger } from '@netra/core';
import { findCrawlRun, getAccountCursors } from '@netra/db';
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

/**
 * The scraper worker's crawl path for an API platform (Telegram preview here), with real PostgreSQL and
 * Redis: the second crawl reads only what is newer than the stored cursor; a full re-read reads everything.
 */
describe('scraper worker: incremental API crawls', () => {
  let database: TestDatabase;
  let server: ApiPlatformServer;
  let connection: Redis;
  let queues: Queues;
  let scraper: ScraperWorker;
  let accountId: string;
  let evidenceDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ accountId } = await insertWatchedAccount(database.db, {
      platform: 'telegram',
      handle: 'infodinaskab',
      profileUrl: 'https://t.me/infodinaskab',
    }));
    const world = emptyWorld();
    world.telegram.push({
      name: 'infodinaskab',
      title: 'Info Dinas',
      messages: [1, 2, 3].map((id) => ({ id, text: `Pesan ${id}`, date: `2026-11-0${id}T01:00:00+00:00` })),
    });
    server = await startApiPlatformServer(world, { telegramPageSize: 2 });
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    queues = createQueues(connection, prefix);
    evidenceDir = mkdtempSync(join(tmpdir(), 'netra-scraper-inc-'));
    scraper = startScraperWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger: createLogger('test', 'silent'),
      evidenceDir,
      platformOrigins: { telegram: server.origins.telegram },
      concurrency: 1,
      maxPostsPerAccount: 100,
      lockDurationMs: 30_000,
    });
  }, 60_000);

  afterAll(async () => {
    await scraper?.close();
    await queues?.close();
    connection?.disconnect();
    await server?.close();
    await database?.drop();
    if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
  });

  async function crawl(full = false) {
    const run = await startCrawlRun(database.db, queues, { trigger: 'on_demand', requestedBy: null, full });
    for (let i = 0; i < 600; i++) {
      const current = await findCrawlRun(database.db, run.id);
      if (current?.status === 'completed') return current;
      await sleep(50);
    }
    throw new Error('crawl run did not complete');
  }

  it('queues every message on the first crawl and stores the cursor', { timeout: 60_000 }, async () => {
    const run = await crawl();
    expect(run.posts_found).toBe(3);
    expect(run.errors).toEqual([]);
    expect(await getAccountCursors(database.db, accountId)).toMatchObject([{ stream: 'posts', newestId: '3' }]);
    expect(await queues.classify.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(3);
  });

  it('fetches only the new messages on the second crawl', { timeout: 60_000 }, async () => {
    server.world.telegram[0]!.messages.push(
      { id: 4, text: 'Pesan 4', date: '2026-11-04T01:00:00+00:00' },
      { id: 5, text: 'Pesan 5', date: '2026-11-05T01:00:00+00:00' },
    );
    server.requests.length = 0;
    const run = await crawl();
    expect(run.posts_found).toBe(2);
    // Messages 4 and 5 fill the first page; message 3 on the next one ends the read (no page before it).
    expect(server.requests.map((r) => r.url)).toEqual([
      '/telegram/s/infodinaskab',
      '/telegram/s/infodinaskab?before=4',
    ]);
    expect(await getAccountCursors(database.db, accountId)).toMatchObject([{ stream: 'posts', newestId: '5' }]);
    expect(await queues.classify.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(5);
  });

  it('reads everything again when the run asks for a full re-read', { timeout: 60_000 }, async () => {
    const run = await crawl(true);
    expect(run.posts_found).toBe(5);
    // Same posts, same deterministic job ids: nothing is queued twice.
    expect(await queues.classify.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(5);
  });
});
