import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArtefactStore, collectViaApi } from '@netra/collectors';
import {
  type ApiPlatformServer,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '@netra/collectors/testing';
import { createLogger } from '@netra/core';
import { getPostWatch, saveClassifications, upsertPosts } from '@netra/db';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NIGHTLY_SCHEDULER_ID, RECHECK_SCHEDULER_ID, startScheduler } from './scheduler.ts';

const ACCT = mastodonAccount('31', 'sekdes', 'mastodon.example');

/** The edit/deletion watch as a BullMQ job scheduler beside the nightly crawl (real Redis and PostgreSQL). */
describe('scheduler: re-check job', () => {
  let database: TestDatabase;
  let server: ApiPlatformServer;
  let connection: Redis;
  let queues: Queues;
  let scheduler: Worker;
  let dir: string;
  let postId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-sched-recheck-'));
    const world = emptyWorld();
    world.mastodon.push({
      id: '31',
      username: 'sekdes',
      instance: 'mastodon.example',
      statuses: [
        mastodonStatus({
          id: '9001',
          account: ACCT,
          instance: 'mastodon.example',
          content: '<p>Pilih nomor 3</p>',
          createdAt: '2026-11-20T00:00:00.000Z',
        }),
      ],
      history: {},
      following: [],
    });
    server = await startApiPlatformServer(world);
    const { accountId } = await insertWatchedAccount(database.db, {
      platform: 'mastodon',
      handle: 'sekdes@mastodon.example',
    });
    const result = await collectViaApi({
      account: {
        id: accountId,
        platform: 'mastodon',
        handle: 'sekdes@mastodon.example',
        profileUrl: 'https://mastodon.example/@sekdes',
      },
      store: new ArtefactStore(dir),
      platformOrigins: server.origins,
    });
    const [stored] = await upsertPosts(database.db, result.posts);
    postId = stored!.id;
    await saveClassifications(database.db, [
      {
        postId,
        result: {
          score: 0.9,
          flagged: true,
          candidate: null,
          stance: 'pro',
          category: 'online_campaigning',
          evidence: [],
          language: 'id',
          modelVersion: 't',
        },
      },
    ]);
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    queues = createQueues(connection, prefix);
    // The post is edited before the first re-check runs.
    world.mastodon[0]!.statuses[0] = mastodonStatus({
      id: '9001',
      account: ACCT,
      instance: 'mastodon.example',
      content: '<p>Pilih nomor 3, jangan lupa</p>',
      createdAt: '2026-11-20T00:00:00.000Z',
      editedAt: '2026-11-21T00:00:00.000Z',
    });
    scheduler = await startScheduler({
      db: database.db,
      connection,
      queues,
      prefix,
      logger: createLogger('test', 'silent'),
      nightlyCron: '0 2 * * *',
      timezone: 'Asia/Jakarta',
      recheck: { evidenceDir: dir, platformOrigins: server.origins, intervalMs: 1_000, limit: 10 },
    });
  }, 60_000);

  afterAll(async () => {
    await scheduler?.close();
    await queues?.close();
    connection?.disconnect();
    await server?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a repeatable re-check beside the nightly crawl and records the edit it finds', {
    timeout: 60_000,
  }, async () => {
    const ids = (await queues.schedule.getJobSchedulers()).map((s) => s.key ?? s.id).sort();
    expect(ids).toEqual([NIGHTLY_SCHEDULER_ID, RECHECK_SCHEDULER_ID].sort());
    let versions: { version: number; text: string }[] = [];
    for (let i = 0; i < 300 && versions.length < 2; i++) {
      await sleep(100);
      versions = (await getPostWatch(database.db, postId)).versions;
    }
    expect(versions.map((v) => [v.version, v.text])).toEqual([
      [1, 'Pilih nomor 3'],
      [2, 'Pilih nomor 3, jangan lupa'],
    ]);
  });
});
