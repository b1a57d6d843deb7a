import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ApiPlatformServer,
  bskyFeedItem,
  bskyPostView,
  bskyThreadNode,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
  youtubeComment,
  youtubeCommentThread,
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
import { CANDIDATE_REPLIES_JOB, createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassifierWorker } from './classifier-worker.ts';
import { startOcrWorker } from './ocr-worker.ts';
import { startScheduler } from './scheduler.ts';
import { type ScraperWorker, startScraperWorker } from './scraper-worker.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const CAND = { did: 'did:plc:calcalcalcalcalcalcalcal', handle: 'paslon1.bsky.social' };
const ASN = { did: 'did:plc:asnasnasnasnasnasnasnasn', handle: 'pegawai.bsky.social' };
const STRANGER = { did: 'did:plc:wargawargawargawargawarg', handle: 'warga.bsky.social' };
const CAND_CHANNEL = 'UCcalon0000000000000000000'.slice(0, 24);
const ASN_CHANNEL = 'UCpegawai000000000000000000'.slice(0, 24);

const candidatePost = bskyPostView({
  ...CAND,
  rkey: '3kcand',
  text: 'Program air bersih untuk semua desa',
  createdAt: '2026-11-01T08:00:00.000Z',
});
// Found by both crawls: the watched account's own feed (forward) and the candidate's thread (reverse).
const replyBoth = bskyPostView({
  ...ASN,
  rkey: '3kboth',
  text: 'Siap mendukung program ini',
  createdAt: '2026-11-02T08:00:00.000Z',
  reply: { parent: candidatePost.uri as string },
});
const strangerReply = bskyPostView({
  ...STRANGER,
  rkey: '3kwarga',
  text: 'Kapan mulai dikerjakan?',
  createdAt: '2026-11-02T09:00:00.000Z',
  reply: { parent: candidatePost.uri as string },
});
const M_CAND = mastodonAccount('200', 'paslon1', 'kampanye.example');
const M_ASN = mastodonAccount('777', 'pegawai', 'mastodon.example.id', false);
const mCandStatus = mastodonStatus({
  id: '500',
  account: M_CAND,
  instance: 'kampanye.example',
  content: '<p>Debat malam ini di balai desa</p>',
  createdAt: '2026-11-01T00:00:00.000Z',
});
// Only the reverse crawl sees this one (the watched account's Mastodon statuses are empty here).
const mReply: Record<string, unknown> = {
  ...mastodonStatus({
    id: '9001',
    account: M_ASN,
    instance: 'kampanye.example',
    content: '<p>Hadir dan mendukung</p>',
    createdAt: '2026-11-02T00:00:00.000Z',
    inReplyToId: '500',
    inReplyToAccountId: '200',
  }),
  uri: 'https://mastodon.example.id/users/pegawai/statuses/1004',
  url: 'https://mastodon.example.id/@pegawai/1004',
};

/**
 * The reverse crawl end to end (real Redis and PostgreSQL, local platform server): the nightly schedule job
 * queues one reverse crawl per candidate official account beside the watched accounts' crawls; replies by
 * watched accounts under the candidates' posts become `candidate_interaction` items; a reply the forward crawl
 * also finds is stored once; strangers' replies are not stored.
 */
describe('scraper: reverse crawl of candidate accounts', () => {
  let database: TestDatabase;
  let server: ApiPlatformServer;
  let connection: Redis;
  let queues: Queues;
  let scraper: ScraperWorker;
  let classifier: Worker;
  let scheduler: Worker;
  let ocr: Worker;
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
      official_accounts: [
        { platform: 'bluesky', handle: CAND.handle },
        { platform: 'mastodon', handle: 'paslon1@kampanye.example' },
        { platform: 'youtube', handle: '@paslonsatu' },
      ],
      stage: 'calon',
    });
    await insertWatchedAccount(database.db, {
      platform: 'bluesky',
      handle: ASN.handle,
      profileUrl: `https://bsky.app/profile/${ASN.handle}`,
      regionCode: '18.11',
    });
    await insertWatchedAccount(database.db, {
      platform: 'mastodon',
      handle: 'pegawai@mastodon.example.id',
      profileUrl: 'https://mastodon.example.id/@pegawai',
      regionCode: '18.11',
    });
    const yt = await insertWatchedAccount(database.db, {
      platform: 'youtube',
      handle: '@kanalpegawai',
      profileUrl: 'https://www.youtube.com/@kanalpegawai',
      regionCode: '18.11',
    });
    // The watched channel is known by its channel id (as an import may store it), not by its display name.
    await database.db
      .updateTable('accounts')
      .set({ platform_id: ASN_CHANNEL })
      .where('id', '=', yt.accountId)
      .execute();

    const world = emptyWorld();
    world.bluesky.push(
      { ...CAND, feed: [bskyFeedItem(candidatePost)], likes: [], follows: [] },
      { ...ASN, feed: [bskyFeedItem(replyBoth, { parent: candidatePost })], likes: [], follows: [] },
    );
    world.blueskyThreads = {
      [candidatePost.uri as string]: [bskyThreadNode(replyBoth), bskyThreadNode(strangerReply)],
    };
    world.mastodon.push(
      {
        id: '200',
        username: 'paslon1',
        instance: 'kampanye.example',
        statuses: [mCandStatus],
        history: {},
        following: [],
      },
      { id: '777', username: 'pegawai', instance: 'mastodon.example.id', statuses: [], history: {}, following: [] },
    );
    world.mastodonContexts = { '500': [mReply] };
    world.youtube.push(
      {
        channelId: CAND_CHANNEL,
        handle: 'paslonsatu',
        title: 'Paslon Satu',
        videos: [
          { videoId: 'vidcalon001', title: 'Debat', description: 'Debat kandidat', published: '2026-11-01T00:00:00Z' },
        ],
      },
      { channelId: ASN_CHANNEL, handle: 'kanalpegawai', title: 'Kanal Pegawai', videos: [] },
    );
    world.youtubeComments = {
      vidcalon001: [
        youtubeCommentThread(
          youtubeComment({
            id: 'UgxAsn1',
            videoId: 'vidcalon001',
            channelId: CAND_CHANNEL,
            authorChannelId: ASN_CHANNEL,
            authorDisplayName: '@namalain',
            text: 'Mantap, lanjutkan',
            publishedAt: '2026-11-02T00:00:00Z',
          }),
        ),
      ],
    };
    server = await startApiPlatformServer(world, { pageSize: 5 });
    // The watched author's reply carries a photo (downloaded, then read by OCR); the stranger's is never fetched.
    world.media = {
      'dukungan.png': { type: 'image/png', body: PNG },
      'warga.png': { type: 'image/png', body: PNG },
    };
    mReply.media_attachments = [
      { id: 'm1', type: 'image', url: `${server.url}/media/dukungan.png`, preview_url: null, description: null },
    ];
    strangerReply.embed = {
      $type: 'app.bsky.embed.images#view',
      images: [{ thumb: `${server.url}/media/warga.png`, fullsize: `${server.url}/media/warga.png`, alt: '' }],
    };
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    queues = createQueues(connection, prefix);
    evidenceDir = mkdtempSync(join(tmpdir(), 'netra-reverse-'));
    const logger = createLogger('test', 'silent');
    scraper = startScraperWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger,
      evidenceDir,
      platformOrigins: server.origins,
      apiPlatforms: ['bluesky', 'mastodon', 'telegram', 'youtube'],
      youtubeApiKey: 'test-key',
      concurrency: 1,
      maxPostsPerAccount: 100,
      lockDurationMs: 30_000,
      candidatePostsPerAccount: 5,
      images: { maxBytes: 1_000_000 },
    });
    ocr = startOcrWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger,
      evidenceDir,
      concurrency: 1,
      lockDurationMs: 120_000,
      maxImagesPerPost: 8,
      ocr: {},
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
    scheduler = await startScheduler({
      db: database.db,
      connection,
      queues,
      prefix,
      logger,
      nightlyCron: '0 2 1 1 *',
      timezone: 'Asia/Jakarta',
    });
  }, 60_000);

  afterAll(async () => {
    await scheduler?.close();
    await ocr?.close();
    await scraper?.close();
    await classifier?.close();
    await queues?.close();
    connection?.disconnect();
    await server?.close();
    await database?.drop();
    if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
  });

  /** Runs the nightly schedule job now and waits until every crawl and classify job is done. */
  async function nightly() {
    const job = await queues.schedule.add('nightly-crawl', { trigger: 'nightly', requestedBy: null });
    let runId: string | undefined;
    for (let i = 0; i < 600 && !runId; i++) {
      const state = await job.getState();
      if (state === 'completed') runId = (await queues.schedule.getJob(job.id!))?.returnvalue?.runId;
      else if (state === 'failed') throw new Error('schedule job failed');
      else await sleep(50);
    }
    if (!runId) throw new Error('nightly run not started');
    for (let i = 0; i < 1200; i++) {
      const run = await findCrawlRun(database.db, runId);
      const crawlPending = await queues.crawl.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active');
      const classifyPending = await queues.classify.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active');
      const ocrPending = await queues.ocr.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active');
      if (run?.status === 'completed' && crawlPending === 0 && classifyPending === 0 && ocrPending === 0) return runId;
      await sleep(50);
    }
    throw new Error('nightly run did not finish');
  }

  const interactionRows = () =>
    database.db
      .selectFrom('post_interactions as i')
      .innerJoin('posts as p', 'p.id', 'i.post_id')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .leftJoin('review_items as ri', 'ri.post_id', 'p.id')
      .leftJoin('classifications as c', 'c.id', 'ri.classification_id')
      .select(['p.platform', 'p.external_id', 'p.kind', 'a.handle', 'i.kind as interaction'])
      .select(['i.target_text', 'i.target_candidate', 'c.category'])
      .orderBy('p.platform')
      .execute();

  it('queues a reverse crawl per candidate account; watched authors’ replies become candidate_interaction items', {
    timeout: 90_000,
  }, async () => {
    const runId = await nightly();
    const reverseJobs = (await queues.crawl.getJobs(['completed'])).filter((j) => j.name === CANDIDATE_REPLIES_JOB);
    expect(reverseJobs.map((j) => j.data.platform).sort()).toEqual(['bluesky', 'mastodon', 'youtube']);
    expect(reverseJobs.every((j) => j.data.runId === runId)).toBe(true);
    // The watched accounts only are counted in the run.
    expect((await findCrawlRun(database.db, runId))?.accounts_total).toBe(3);
    const rows = await interactionRows();
    expect(rows.map((r) => [r.platform, r.external_id, r.kind, r.handle, r.interaction, r.category])).toEqual([
      ['bluesky', replyBoth.uri, 'comment', ASN.handle, 'reply', 'candidate_interaction'],
      ['mastodon', '1004', 'comment', 'pegawai@mastodon.example.id', 'reply', 'candidate_interaction'],
      ['youtube', 'comment:UgxAsn1', 'comment', '@kanalpegawai', 'reply', 'candidate_interaction'],
    ]);
    expect(rows.map((r) => r.target_candidate)).toEqual(Array(3).fill('pilbup-contoh-2026#1'));
    expect(rows.find((r) => r.platform === 'mastodon')?.target_text).toBe('Debat malam ini di balai desa');
    expect(rows.find((r) => r.platform === 'youtube')?.target_text).toBe('Debat\nDebat kandidat');
    const posts = await database.db.selectFrom('posts').select(['external_id']).execute();
    expect(posts.map((p) => p.external_id)).not.toContain(strangerReply.uri);
    // The watched reply's photo is evidence of its item (through the ocr queue); the stranger's was never fetched.
    const images = await database.db
      .selectFrom('evidence_artefacts as e')
      .innerJoin('posts as p', 'p.id', 'e.post_id')
      .select(['p.external_id', 'e.media_type'])
      .where('e.kind', '=', 'image')
      .execute();
    expect(images).toEqual([{ external_id: '1004', media_type: 'image/png' }]);
    expect(server.requests.filter((r) => r.path.startsWith('/media/')).map((r) => r.path)).toEqual([
      '/media/dukungan.png',
    ]);
    // Each reverse job says what it read.
    const bluesky = reverseJobs.find((j) => j.data.platform === 'bluesky')!;
    expect(bluesky.returnvalue).toMatchObject({ status: 'reverse_ok', postsRead: 1, repliesSeen: 2, posts: 1 });
  });

  it('a second night stores nothing twice', { timeout: 90_000 }, async () => {
    await nightly();
    const rows = await interactionRows();
    expect(rows).toHaveLength(3);
    const items = await database.db.selectFrom('review_items').select('post_id').execute();
    expect(items).toHaveLength(3);
  });
});
