import { createLogger, DependencyState } from '@netra/core';
import { createDatabase, type DatabaseHandle, pingDatabase } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type PostgresRelay,
  relayedUrl,
  startRelay,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
  waitUntil,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from './scheduler.ts';

/** The nightly tick while PostgreSQL is down (real Redis, real PostgreSQL behind a relay that is cut). */
describe('scheduler: PostgreSQL outage at the nightly tick', () => {
  let database: TestDatabase;
  let relay: PostgresRelay;
  let relayed: DatabaseHandle;
  let connection: Redis;
  let queues: Queues;
  let scheduler: Worker | undefined;
  let databaseState: DependencyState | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    await insertWatchedAccount(database.db, {
      platform: 'telegram',
      handle: 'kanaluji',
      profileUrl: 'https://t.me/kanaluji',
    });
    relay = await startRelay(new URL(database.url));
    relayed = await createDatabase({
      url: relayedUrl(database.url, relay),
      maxConnections: 2,
      connectTimeoutMs: 2_000,
    });
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    queues = createQueues(connection, testQueuePrefix());
  });
  afterAll(async () => {
    await scheduler?.close();
    databaseState?.close();
    await queues?.close();
    connection?.disconnect();
    await relayed?.close();
    await relay?.close();
    await database?.drop();
  });

  it('waits for PostgreSQL without spending attempts, then starts exactly one run', { timeout: 120_000 }, async () => {
    const logger = createLogger('test', 'silent');
    databaseState = new DependencyState('postgres', logger, {
      probe: () => pingDatabase(relayed.db),
      probeIntervalMs: 200,
    });
    relay.setDown(true);
    scheduler = await startScheduler({
      db: relayed.db,
      connection,
      queues,
      prefix: queues.schedule.opts.prefix!,
      logger,
      nightlyCron: '0 2 1 1 *',
      timezone: 'Asia/Jakarta',
      databaseState,
    });
    const added = await queues.schedule.add('nightly-crawl', { trigger: 'nightly', requestedBy: null });
    const read = async () => (await queues.schedule.getJob(added.id!)) as Job;
    // Taken up three times while PostgreSQL is unreachable: each time put back, no attempt spent.
    const during = await waitUntil('three tries during the outage', read, (job) => job.attemptsStarted >= 3);
    expect(during.attemptsMade).toBe(0);
    expect(await during.getState()).not.toBe('failed');
    expect(databaseState.available).toBe(false);

    relay.setDown(false);
    const done = await waitUntil('the tick to complete', read, (job) => job.finishedOn !== undefined);
    expect(done.failedReason).toBeUndefined();
    expect(databaseState.available).toBe(true);
    const runs = await database.db.selectFrom('crawl_runs').select(['id', 'accounts_total']).execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.accounts_total).toBe(1);
    expect(done.returnvalue).toEqual({ runId: runs[0]!.id });
    expect(await queues.crawl.count()).toBe(1);
  });
});
