import { createTestDatabase, insertWatchedAccount, type TestDatabase } from '@netra/db/testing';
import {
  classifyJobId,
  createQueues,
  createRedisConnection,
  type PrivateRedisCluster,
  startPrivateRedisCluster,
} from '@netra/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeployable, stopAllDeployables, waitFor } from './support/deployable-process.ts';

/**
 * The classifier deployable on a real 3-node Redis Cluster (REDIS_CLUSTER=true, a hash-tagged prefix):
 * posts queued through the cluster are classified and stored; a plain prefix is refused at start.
 */
describe('deployables on Redis Cluster', () => {
  let database: TestDatabase;
  let redis: PrivateRedisCluster;
  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startPrivateRedisCluster(3);
  }, 90_000);
  afterAll(async () => {
    await stopAllDeployables();
    await redis?.stop();
    await database?.drop();
  });

  it('classifies posts queued on the cluster', { timeout: 150_000 }, async () => {
    const prefix = '{netra-e2e}';
    const classifier = startDeployable('workers/classifier/src/main.ts', {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_CLUSTER: 'true',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
    });
    await waitFor(
      async () => (classifier.log().includes('classifier worker started') ? true : undefined),
      90_000,
      classifier.log,
    );
    const { accountId } = await insertWatchedAccount(database.db, {
      platform: 'bluesky',
      handle: 'asn.bsky.social',
      profileUrl: 'https://bsky.app/profile/asn.bsky.social',
    });
    const connection = createRedisConnection({ url: redis.url, forWorker: false, cluster: true });
    const queues = createQueues(connection, prefix);
    const posts = Array.from({ length: 20 }, (_, i) => ({
      platform: 'bluesky' as const,
      externalId: `cluster-${i}`,
      url: `https://bsky.app/profile/asn.bsky.social/post/${i}`,
      kind: 'post' as const,
      accountId,
      authorHandle: 'asn.bsky.social',
      text: i % 2 ? 'Ayo coblos nomor 2 tanggal 27 November' : 'Rapat koordinasi pelayanan publik hari ini',
      postedAt: null,
      fetchedAt: new Date().toISOString(),
      mediaDescriptions: [],
      evidence: [],
      raw: {},
      crawlRunId: null,
      regionCode: null,
    }));
    try {
      await queues.classify.addBulk(
        posts.map((p) => ({ name: 'classify-post', data: p as never, opts: { jobId: classifyJobId(p) } })),
      );
      await waitFor(
        async () => {
          const n = await database.db
            .selectFrom('classifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          return Number(n.n) === posts.length ? true : undefined;
        },
        90_000,
        classifier.log,
      );
      expect(await queues.classify.getJobCounts('failed')).toEqual({ failed: 0 });
      expect(await classifier.stop()).toBe(0);
    } finally {
      await queues.close();
      connection.disconnect();
    }
  });

  it('refuses a prefix without a hash tag at start, naming QUEUE_PREFIX', { timeout: 60_000 }, async () => {
    const worker = startDeployable('workers/classifier/src/main.ts', {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_CLUSTER: 'true',
      QUEUE_PREFIX: 'netra',
    });
    const code = await new Promise<number | null>((resolve) => worker.child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(worker.log()).toContain('QUEUE_PREFIX');
    expect(worker.log()).toContain('{netra}');
  });
});
