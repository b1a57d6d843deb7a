import { Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyJobId } from './job-payloads.ts';
import { type PrivateRedisCluster, startPrivateRedisCluster } from './private-redis-cluster.ts';
import { createQueues, type Queues } from './queues.ts';
import { createRedisConnection } from './redis-connection.ts';

/**
 * BullMQ on a real 3-node Redis Cluster (three redis-server processes started here, joined with
 * `redis-cli --cluster create`), through Netra's own cluster connection (`REDIS_CLUSTER=true`). With the queue prefix written as a hash tag (`{…}`) every key of a queue
 * lands in one slot and jobs flow; without it the multi-key scripts are refused (CROSSSLOT).
 */
describe('queues on Redis Cluster', () => {
  let redis: PrivateRedisCluster;
  let cluster: Cluster;

  beforeAll(async () => {
    redis = await startPrivateRedisCluster(3);
    cluster = createRedisConnection({ url: redis.url, forWorker: true, cluster: true }) as unknown as Cluster;
    await new Promise<void>((resolve, reject) => {
      cluster.once('ready', resolve);
      cluster.once('error', reject);
    });
  }, 60_000);

  afterAll(async () => {
    cluster?.disconnect();
    await redis?.stop();
  });
  it('runs jobs end to end with a hash-tagged prefix, every key in one slot', { timeout: 60_000 }, async () => {
    const prefix = '{netra-cluster}';
    const queues: Queues = createQueues(cluster as never, prefix);
    const posts = Array.from({ length: 50 }, (_, i) => ({ platform: 'bluesky', externalId: `post-${i}` }));
    await queues.classify.addBulk(
      posts.map((p) => ({ name: 'classify-post', data: p as never, opts: { jobId: classifyJobId(p) } })),
    );
    const seen = new Set<string>();
    const worker = new Worker(
      queues.classify.name,
      async (job) => {
        seen.add(job.id!);
        return { ok: true };
      },
      { connection: cluster as never, prefix, concurrency: 8 },
    );
    try {
      for (let i = 0; i < 200 && seen.size < posts.length; i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen.size).toBe(posts.length);
      for (let i = 0; i < 50; i++) {
        const counts = await queues.classify.getJobCounts('completed', 'waiting', 'active', 'failed');
        if (counts.completed === posts.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await queues.classify.getJobCounts('completed', 'waiting', 'active', 'failed')).toEqual({
        completed: posts.length,
        waiting: 0,
        active: 0,
        failed: 0,
      });
      // Every key under the prefix is in the slot of the tag.
      const slot = await cluster.cluster('KEYSLOT', 'netra-cluster');
      const keys = new Set<string>();
      for (const node of cluster.nodes('master')) for (const k of await node.keys('{netra-cluster}*')) keys.add(k);
      expect(keys.size).toBeGreaterThan(3);
      for (const key of keys) expect(await cluster.cluster('KEYSLOT', key), key).toBe(slot);
    } finally {
      await worker.close();
      await queues.close();
    }
  });

  it('is refused without a hash tag: the keys of one queue would span slots', { timeout: 30_000 }, async () => {
    const queues = createQueues(cluster as never, 'netra-plain');
    try {
      await expect(queues.crawl.add('crawl-account', {} as never)).rejects.toThrow(/CROSSSLOT|slot/i);
    } finally {
      await queues.close();
    }
  });
});
