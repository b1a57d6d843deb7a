import { TWO_RACES_REGISTRY } from '@netra/classifier/testing/two-races-registry';
import { createLogger } from '@netra/core';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { type ClassifyJob, createQueues, createRedisConnection } from '@netra/queue';
import { importRegistry } from '@netra/watchlist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryClassifier, startClassifierWorker } from './classifier-worker.ts';
import { classifyAndStore } from './classify-and-store.ts';

const registry = TWO_RACES_REGISTRY;

const TEXT = 'Ayo coblos Galih Pranata, pilihan terbaik, pasti menang! 🔥';

function job(accountId: string, externalId: string, postedAt: string | null): ClassifyJob {
  return {
    platform: 'instagram',
    externalId,
    url: `https://www.instagram.com/p/${externalId}/`,
    kind: 'caption',
    accountId,
    authorHandle: 'asn.bertanggal',
    text: TEXT,
    postedAt,
    fetchedAt: '2034-05-01T00:00:00Z',
    mediaDescriptions: [],
    evidence: [],
    raw: {},
    crawlRunId: null,
    regionCode: '81.01',
  };
}

describe('the pipeline gives the classifier the post’s date', () => {
  let database: TestDatabase;
  let accountId: string;
  const logger = createLogger('test', 'silent');
  const candidateOf = async (externalId: string) =>
    (
      await database.db
        .selectFrom('classifications as c')
        .innerJoin('posts as p', 'p.id', 'c.post_id')
        .select('c.candidate')
        .where('p.external_id', '=', externalId)
        .executeTakeFirstOrThrow()
    ).candidate;

  const timingOf = async (externalId: string) =>
    (
      await database.db
        .selectFrom('classifications as c')
        .innerJoin('posts as p', 'p.id', 'c.post_id')
        .select('c.contest_timing')
        .where('p.external_id', '=', externalId)
        .executeTakeFirstOrThrow()
    ).contest_timing;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ accountId } = await insertWatchedAccount(database.db, {
      regionCode: '81.01',
      platform: 'instagram',
      handle: 'asn.bertanggal',
    }));
  });
  afterAll(async () => database?.drop());

  it('classifies and stores a dated post against the contest running that day', async () => {
    const results = await classifyAndStore(
      database.db,
      [
        job(accountId, 'inline-2034', '2034-01-10T08:00:00+09:00'),
        job(accountId, 'inline-2029', '2029-01-10T08:00:00+09:00'),
        job(accountId, 'inline-undated', null),
      ],
      registry,
      registryClassifier(),
      logger,
    );
    expect(results.every((r) => !(r instanceof Error) && r.flagged)).toBe(true);
    expect(await candidateOf('inline-2034')).toBe('pilpres-2034#2');
    expect(await candidateOf('inline-2029')).toBe('pilpres-2029#2');
    // Stored with the classification, for the review page: the date chose 2034 over the registry's first race.
    expect(await timingOf('inline-2034')).toMatchObject({ contest: 'pilpres-2034', phase: 'during', decided: true });
    expect(await timingOf('inline-undated')).toBeNull();
    // No date: the registry's order, as before.
    expect(await candidateOf('inline-undated')).toBe('pilpres-2029#2');
  });

  it('through the worker and its classifier thread, old jobs without postedAt included', {
    timeout: 60_000,
  }, async () => {
    await importRegistry(database.db, registry, { actorId: null, actorUsername: 'test' });
    const connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    const queues = createQueues(connection, prefix);
    const worker = startClassifierWorker({
      db: database.db,
      connection,
      prefix,
      logger,
      batchSize: 8,
      batchWaitMs: 10,
      lockDurationMs: 10_000,
      stalledIntervalMs: 5_000,
      // A real thread: the date must survive the message to it (classifierInput), not only the inline call.
      threads: 1,
    });
    try {
      await queues.classify.add('classify-post', job(accountId, 'w-2034', '2034-01-10T08:00:00+09:00'));
      await queues.classify.add('classify-post', job(accountId, 'w-2029', '2029-01-10T08:00:00+09:00'));
      // A payload queued before dates were read may lack the key altogether: it is a post of unknown date.
      const { postedAt: _dropped, ...old } = job(accountId, 'w-old', null);
      await queues.classify.add('classify-post', old as ClassifyJob);
      const deadline = Date.now() + 50_000;
      for (;;) {
        const c = await queues.classify.getJobCounts('completed', 'failed');
        if ((c.completed ?? 0) + (c.failed ?? 0) >= 3 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await queues.classify.getJobCounts('completed', 'failed')).toEqual({ completed: 3, failed: 0 });
      expect(await candidateOf('w-2034')).toBe('pilpres-2034#2');
      expect(await candidateOf('w-2029')).toBe('pilpres-2029#2');
      expect(await candidateOf('w-old')).toBe('pilpres-2029#2');
      expect(await timingOf('w-2034')).toMatchObject({ postedOn: '2034-01-10', decided: true });
    } finally {
      await worker.close();
      await queues.close();
      connection.disconnect();
    }
  });
});
