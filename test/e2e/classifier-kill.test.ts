import { readFileSync } from 'node:fs';
import { createTestDatabase, type TestDatabase, testQueuePrefix, testRedisUrl } from '@netra/db/testing';
import { seedDemo } from '@netra/demo-platform/seed';
import { type ClassifyJob, classifyJobId, createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployableProcess, startDeployable, stopAllDeployables, waitFor } from './support/deployable-process.ts';

const CORPUS = new URL('../../data/corpus/dev.jsonl', import.meta.url);
const POSTS = 3_000;

/** Corpus texts, repeated with a counter so every job is a distinct post. */
function syntheticJobs(accountId: string): ClassifyJob[] {
  const lines = readFileSync(CORPUS, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; region: string; kind: string });
  return Array.from({ length: POSTS }, (_, i) => {
    const source = lines[i % lines.length]!;
    return {
      platform: 'facebook',
      externalId: `kill-test-${i}`,
      url: `https://www.facebook.com/demo/posts/${i}`,
      kind: 'post',
      accountId,
      authorHandle: 'demo',
      text: `${source.text} (${i})`,
      postedAt: '2024-10-10T10:00:00+07:00',
      fetchedAt: '2024-10-11T00:00:00Z',
      mediaDescriptions: [],
      evidence: [],
      raw: {},
      crawlRunId: null,
      regionCode: source.region,
    };
  });
}

describe('classifier worker killed with SIGKILL mid-batch', () => {
  let database: TestDatabase;
  let connection: Redis;
  let queues: Queues;
  let prefix: string;
  let worker: DeployableProcess | undefined;

  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    // Short locks so the killed worker's jobs are taken over within seconds rather than the default 30 s.
    CLASSIFIER_LOCK_MS: '4000',
    CLASSIFIER_STALLED_CHECK_MS: '1500',
    CLASSIFIER_BATCH_SIZE: '50',
  });

  const count = async (table: 'posts' | 'classifications') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    prefix = testQueuePrefix();
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: false });
    queues = createQueues(connection, prefix);
  });

  afterAll(async () => {
    await worker?.stop();
    await stopAllDeployables();
    await queues?.close();
    connection?.disconnect();
    await database?.drop();
  });

  it('loses no post and duplicates none after a restart', { timeout: 240_000 }, async () => {
    const account = await database.db.selectFrom('accounts').select('id').limit(1).executeTakeFirstOrThrow();
    const jobs = syntheticJobs(account.id);
    for (let i = 0; i < jobs.length; i += 500) {
      await queues.classify.addBulk(
        jobs.slice(i, i + 500).map((data) => ({ name: 'classify-post', data, opts: { jobId: classifyJobId(data) } })),
      );
    }
    worker = startDeployable('workers/classifier/src/main.ts', env());
    const first = worker;
    const partial = await waitFor(
      async () => {
        const n = await count('classifications');
        return n >= 200 ? n : undefined;
      },
      90_000,
      () => first.log(),
    );
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const afterKill = await count('classifications');
    expect(partial).toBeLessThan(POSTS);
    expect(afterKill).toBeLessThan(POSTS);
    const stranded = await queues.classify.getJobCounts('active', 'waiting');
    expect((stranded.active ?? 0) + (stranded.waiting ?? 0)).toBeGreaterThan(0);

    worker = startDeployable('workers/classifier/src/main.ts', env());
    const second = worker;
    await waitFor(
      async () => {
        const counts = await queues.classify.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
        return (counts.completed ?? 0) + (counts.failed ?? 0) === POSTS && counts.active === 0 ? counts : undefined;
      },
      180_000,
      () => second.log().slice(-3000),
    );
    expect(await queues.classify.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(await count('posts')).toBe(POSTS);
    expect(await count('classifications')).toBe(POSTS);
    const flagged = await database.db
      .selectFrom('classifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('flagged', '=', true)
      .executeTakeFirstOrThrow();
    const items = await database.db
      .selectFrom('review_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(items.n)).toBe(Number(flagged.n));
  });
});
