import { createHash } from 'node:crypto';
import { type CollectedPost, createLogger, type Registry, registrySchema } from '@netra/core';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Redis } from 'ioredis';
import { recordAndQueueSightings } from '../queue-collected.ts';
import { classifyWaiting } from './classify-waiting.ts';

/** SHA-256 of the NFC text: a version's `content_hash` and its classification's `text_key`. */
export const textSha = (text: string) => createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');

/** One invented regency race (region 18.11) whose candidate 1 the sighting tests' texts support. */
export const SUNTINGAN_REGISTRY: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilbup-suntingan-2026',
      kind: 'bupati',
      region: { code: '18.11', name: 'Kabupaten Suntingan' },
      electionDate: '2026-12-09',
      campaignPeriod: { from: '2026-10-01', to: '2026-12-05' },
      candidates: [
        { number: 1, names: ['Hendra Kusuma'], hashtags: ['#HendraMenang'] },
        { number: 2, names: ['Yusuf Pranata'] },
      ],
    },
  ],
});

/** What a test of the crawl's sightings works against: real PostgreSQL and Redis, one watched Bluesky account. */
export interface SightingTestBed {
  database: TestDatabase;
  queues: Queues;
  accountId: string;
  /** A post of the account as the API collector reads it; `rkey` names it, `extra` overrides any field. */
  post: (rkey: string, text: string, fetchedAt: string, extra?: Partial<CollectedPost>) => CollectedPost;
  /** The scraper's record-and-queue step for these posts (read through the API unless `textComplete` says not). */
  see: (posts: readonly CollectedPost[], textComplete?: boolean) => Promise<number>;
  /** The classify jobs queued since the last call, run through the classifier worker's store path. */
  classifyQueued: () => ReturnType<typeof classifyWaiting>;
  close: () => Promise<void>;
}

export async function openSightingTestBed(handle: string): Promise<SightingTestBed> {
  const database = await createTestDatabase();
  const connection: Redis = createRedisConnection({ url: testRedisUrl(), forWorker: false });
  const queues = createQueues(connection, testQueuePrefix());
  const { accountId } = await insertWatchedAccount(database.db, { platform: 'bluesky', handle, regionCode: '18.11' });
  const logger = createLogger('test', 'silent');
  const classified = new Set<string>();
  return {
    database,
    queues,
    accountId,
    post: (rkey, text, fetchedAt, extra = {}) => ({
      platform: 'bluesky',
      externalId: `at://did:plc:suntingan/app.bsky.feed.post/${rkey}`,
      url: `https://bsky.app/profile/${handle}/post/${rkey}`,
      kind: 'post',
      accountId,
      authorHandle: handle,
      text,
      postedAt: '2026-11-20T02:00:00Z',
      fetchedAt,
      mediaDescriptions: [],
      evidence: [],
      raw: {},
      crawlRunId: null,
      ...extra,
    }),
    see: (posts, textComplete = true) =>
      recordAndQueueSightings(
        database.db,
        queues,
        posts.map((post) => ({ post, regionCode: '18.11' })),
        { textComplete },
      ),
    classifyQueued: () => classifyWaiting(database.db, queues.classify, SUNTINGAN_REGISTRY, logger, classified),
    close: async () => {
      try {
        await queues.close();
        connection.disconnect();
      } finally {
        await database.drop();
      }
    },
  };
}
