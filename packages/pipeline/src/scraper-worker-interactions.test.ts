import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ApiPlatformServer,
  bskyFeedItem,
  bskyLikeRecord,
  bskyPostView,
  bskyProfileView,
  emptyWorld,
  startApiPlatformServer,
} from '@netra/collectors/testing';
import { createLogger } from '@netra/core';
import { findCrawlRun, upsertCandidate, upsertContest } from '@netra/db';
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
import { startClassifierWorker } from './classifier-worker.ts';
import { type ScraperWorker, startScraperWorker } from './scraper-worker.ts';
import { startCrawlRun } from './start-crawl-run.ts';

const ME = { did: 'did:plc:asnasnasnasnasnasnasnasn', handle: 'pegawai.bsky.social' };
const CAND = { did: 'did:plc:calcalcalcalcalcalcalcal', handle: 'paslon1.bsky.social' };
const OTHER = { did: 'did:plc:lainlainlainlainlainlain', handle: 'teman.bsky.social' };
const candidatePost = bskyPostView({
  ...CAND,
  rkey: '3kcandpost',
  text: 'Program air bersih untuk semua desa',
  createdAt: '2026-11-01T08:00:00.000Z',
});
const otherPost = bskyPostView({
  ...OTHER,
  rkey: '3kother',
  text: 'Cuaca cerah',
  createdAt: '2026-11-01T09:00:00.000Z',
});

/**
 * Interactions become review items: the scraper asks the Bluesky collector (local server in the documented
 * shapes) for likes and follows, queues those toward the candidate's official account by the same keyed path
 * as posts, and the classifier worker (real Redis, PostgreSQL) reviews them as `candidate_interaction` even
 * though they have no text of their own.
 */
describe('scraper + classifier: interactions toward candidates', () => {
  let database: TestDatabase;
  let server: ApiPlatformServer;
  let connection: Redis;
  let queues: Queues;
  let scraper: ScraperWorker;
  let classifier: Worker;
  let evidenceDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await upsertContest(database.db, {
      id: 'pilbup-contoh-2026',
      kind: 'bupati',
      region_code: '18.11',
      region_name: 'Kabupaten Contoh',
      election_date: '2026-12-09',
      campaign_from: '2026-10-01',
      campaign_to: '2026-12-05',
      quiet_from: null,
      quiet_to: null,
    });
    await upsertCandidate(database.db, {
      contest_id: 'pilbup-contoh-2026',
      number: 1,
      names: ['Sutrisno Hadi', 'Wulan Sari'],
      aliases: [],
      jargon: [],
      hashtags: [],
      slogans: [],
      parties: [],
      official_accounts: [{ platform: 'bluesky', handle: CAND.handle }],
      stage: 'calon',
    });
    await insertWatchedAccount(database.db, {
      platform: 'bluesky',
      handle: ME.handle,
      profileUrl: `https://bsky.app/profile/${ME.handle}`,
      regionCode: '18.11',
    });
    const world = emptyWorld();
    world.bluesky.push(
      {
        ...ME,
        feed: [
          bskyFeedItem(candidatePost, { repostBy: { ...ME, at: '2026-11-03T10:00:00.000Z' } }),
          bskyFeedItem(
            bskyPostView({
              ...ME,
              rkey: '3kown',
              text: 'Rapat koordinasi dinas',
              createdAt: '2026-11-02T10:00:00.000Z',
            }),
          ),
        ],
        likes: [
          bskyLikeRecord(ME.did, '3klikecand', candidatePost.uri as string, '2026-11-04T00:00:00.000Z'),
          bskyLikeRecord(ME.did, '3klikeother', otherPost.uri as string, '2026-11-03T00:00:00.000Z'),
        ],
        follows: [bskyProfileView(CAND.did, CAND.handle), bskyProfileView(OTHER.did, OTHER.handle)],
      },
      { ...CAND, feed: [], likes: [], follows: [] },
    );
    world.blueskyPosts[candidatePost.uri as string] = candidatePost;
    world.blueskyPosts[otherPost.uri as string] = otherPost;
    server = await startApiPlatformServer(world, { pageSize: 5 });
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    queues = createQueues(connection, prefix);
    evidenceDir = mkdtempSync(join(tmpdir(), 'netra-interactions-'));
    const logger = createLogger('test', 'silent');
    scraper = startScraperWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger,
      evidenceDir,
      platformOrigins: { bluesky: server.origins.bluesky },
      concurrency: 1,
      maxPostsPerAccount: 100,
      lockDurationMs: 30_000,
    });
    classifier = startClassifierWorker({
      db: database.db,
      connection,
      prefix,
      logger,
      batchSize: 8,
      batchWaitMs: 10,
      lockDurationMs: 30_000,
      stalledIntervalMs: 15_000,
      threads: 0,
    });
  }, 60_000);

  afterAll(async () => {
    await scraper?.close();
    await classifier?.close();
    await queues?.close();
    connection?.disconnect();
    await server?.close();
    await database?.drop();
    if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
  });

  async function crawlAndClassify() {
    const run = await startCrawlRun(database.db, queues, { trigger: 'on_demand', requestedBy: null });
    for (let i = 0; i < 600; i++) {
      const current = await findCrawlRun(database.db, run.id);
      const pending = await queues.classify.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active');
      if (current?.status === 'completed' && pending === 0) return current;
      await sleep(50);
    }
    throw new Error('crawl run did not complete');
  }

  const reviewRows = () =>
    database.db
      .selectFrom('review_items as ri')
      .innerJoin('posts as p', 'p.id', 'ri.post_id')
      .innerJoin('classifications as c', 'c.id', 'ri.classification_id')
      .leftJoin('post_interactions as i', 'i.post_id', 'p.id')
      .select(['p.external_id', 'p.kind', 'p.text', 'p.context', 'c.category', 'c.candidate', 'i.kind as interaction'])
      .select(['i.target_text', 'i.target_candidate', 'i.target_external_id'])
      .execute()
      .then((rows) => rows.sort((a, b) => String(a.interaction).localeCompare(String(b.interaction))));

  it('puts the like, follow and repost toward the candidate in review, with the target as context', {
    timeout: 60_000,
  }, async () => {
    const run = await crawlAndClassify();
    expect(run.errors).toEqual([]);
    const rows = await reviewRows();
    expect(rows.map((r) => [r.interaction, r.kind, r.category, r.candidate])).toEqual([
      ['follow', 'interaction', 'candidate_interaction', 'pilbup-contoh-2026#1'],
      ['like', 'interaction', 'candidate_interaction', 'pilbup-contoh-2026#1'],
      // The repost is a post of the crawl already (kind share), marked with its interaction.
      ['repost', 'share', 'candidate_interaction', 'pilbup-contoh-2026#1'],
    ]);
    const like = rows.find((r) => r.interaction === 'like')!;
    expect(like.external_id).toBe(`like:at://${ME.did}/app.bsky.feed.like/3klikecand`);
    expect(like.text).toBe('');
    expect(like.target_text).toBe('Program air bersih untuk semua desa');
    expect(like.target_external_id).toBe(candidatePost.uri);
    expect(like.context).toMatchObject({
      parentText: 'Program air bersih untuk semua desa',
      parentAuthor: CAND.handle,
      parentCandidate: 'pilbup-contoh-2026#1',
    });
    // The like carries the listRecords page and its manifest as evidence.
    const evidence = await database.db
      .selectFrom('evidence_artefacts as e')
      .innerJoin('posts as p', 'p.id', 'e.post_id')
      .select(['e.media_type'])
      .where('p.external_id', '=', like.external_id)
      .execute();
    expect(evidence.map((e) => e.media_type).sort()).toEqual([
      'application/json; charset=utf-8',
      'application/vnd.netra.evidence-manifest+json',
    ]);
    // Interactions toward no candidate are not items; the account's own post is classified but not flagged.
    const stored = await database.db.selectFrom('posts').select('external_id').execute();
    expect(stored.map((p) => p.external_id)).not.toContain(`like:at://${ME.did}/app.bsky.feed.like/3klikeother`);
    expect(stored).toHaveLength(4);
  });

  it('queues nothing twice on the next crawl (deterministic ids, cursors)', { timeout: 60_000 }, async () => {
    await crawlAndClassify();
    expect(await database.db.selectFrom('posts').select('id').execute()).toHaveLength(4);
    expect(await reviewRows()).toHaveLength(3);
    expect(await database.db.selectFrom('post_interactions').select('post_id').execute()).toHaveLength(3);
  });
});
