import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@netra/core';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
  waitUntil,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScraperWorker, startScraperWorker } from './scraper-worker.ts';
import { startCrawlRun } from './start-crawl-run.ts';

/** Live processes below `pid` (from /proc): the Chromium the worker's browser pool launched. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') parent.set(Number(entry), Number(fields[1]));
    } catch {
      // exited while read
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

/**
 * Shutdown of the scraper worker while a page crawl is in flight (real Chromium, Redis, PostgreSQL; the platform is
 * a loopback server whose page never finishes loading): the browser is closed, the job goes back to the queue
 * without spending an attempt, and nothing is recorded for the account.
 */
describe('scraper worker: shutdown during a crawl', () => {
  let database: TestDatabase;
  let server: Server;
  let connection: Redis;
  let queues: Queues;
  let scraper: ScraperWorker | undefined;
  let dir: string;
  let requests = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    await insertWatchedAccount(database.db, {
      platform: 'facebook',
      handle: 'asn.lambat',
      profileUrl: 'https://www.facebook.com/asn.lambat',
    });
    // Headers and a first byte, then nothing: a page that never loads.
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><html><body><p>memuat');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    queues = createQueues(connection, testQueuePrefix());
    dir = mkdtempSync(join(tmpdir(), 'netra-scraper-shutdown-'));
  }, 60_000);

  afterAll(async () => {
    await scraper?.close();
    await queues?.close();
    connection?.disconnect();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('closes Chromium and returns the job in flight to the queue, unrecorded and without spending an attempt', {
    timeout: 120_000,
  }, async () => {
    scraper = startScraperWorker({
      db: database.db,
      connection,
      queues,
      prefix: queues.crawl.opts.prefix!,
      logger: createLogger('test', 'silent'),
      evidenceDir: dir,
      platformOrigins: { facebook: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
      concurrency: 1,
      maxPostsPerAccount: 10,
      lockDurationMs: 30_000,
      shutdownGraceMs: 500,
    });
    const run = await startCrawlRun(database.db, queues, { trigger: 'on_demand', requestedBy: null });
    const [job] = await queues.crawl.getJobs(['waiting', 'active', 'delayed']);
    await waitUntil(
      'the page to be requested',
      () => requests,
      (n) => n > 0,
    );
    const browser = descendants(process.pid);
    expect(browser.length).toBeGreaterThan(0);

    // The deployable's shutdown step gives close() 10 s; a page's navigation alone may take 3 × 20 s.
    const outcome = await Promise.race([
      scraper.close().then(() => 'closed' as const),
      new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 10_000)),
    ]);
    expect(outcome).toBe('closed');
    scraper = undefined;
    const after = (await queues.crawl.getJob(job!.id!)) as Job;
    expect(await after.getState()).toBe('delayed');
    expect(after.attemptsMade).toBe(0);
    const recorded = await database.db
      .selectFrom('crawl_run_accounts')
      .select('account_id')
      .where('run_id', '=', run.id)
      .execute();
    expect(recorded).toHaveLength(0);
    await waitUntil(
      'Chromium to exit',
      () => browser.filter((pid) => descendants(process.pid).includes(pid)),
      (left) => left.length === 0,
      10_000,
    );
  });
});
