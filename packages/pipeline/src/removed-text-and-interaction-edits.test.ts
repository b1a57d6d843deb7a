import { createHash } from 'node:crypto';
import { type CollectedPost, createLogger, type Registry, registrySchema } from '@netra/core';
import { getPostWatch, recordPostPresent } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAndQueueSightings } from './queue-collected.ts';
import { classifyWaiting } from './testing/classify-waiting.ts';
import { queueTextVersion } from './text-version-job.ts';

const sha = (text: string) => createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');

const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilbup-hapusan-2026',
      kind: 'bupati',
      region: { code: '18.12', name: 'Kabupaten Hapusan' },
      electionDate: '2026-12-09',
      campaignPeriod: { from: '2026-10-01', to: '2026-12-05' },
      candidates: [
        { number: 1, names: ['Rudi Santoso'], hashtags: ['#RudiMenang'] },
        { number: 2, names: ['Wawan Prakoso'] },
      ],
    },
  ],
});

// Written for this test.
const SUPPORT = 'Ayo coblos nomor 1 Rudi Santoso tanggal 9 Desember, #RudiMenang untuk kabupaten kita!';
const REPLY = 'Mantap pak, kami siap bantu';
const REPLY_EDITED = 'Mantap pak, kami siap bantu menangkan nomor 1 di kecamatan';
const REPLY_RECHECKED = 'Siap pak, semua guru di sini ikut mendukung';

/**
 * Issue 14, "nothing is lost, nothing is dropped silently" (real PostgreSQL and Redis, the scraper's own
 * record-and-queue step, the re-check's record and queue steps, the classifier's store path). Before the fix a
 * crawl that read a flagged post without its words (deleted by the author, the post now only its media) recorded
 * nothing — no version, no sign of the removal; and a re-check's edit of an interaction record (a reply toward a
 * candidate) was versioned but never classified.
 */
describe('a removed text and an edited interaction record', () => {
  let database: TestDatabase;
  let connection: Redis;
  let queues: Queues;
  let accountId: string;
  const logger = createLogger('test', 'silent');
  const classified = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: false });
    queues = createQueues(connection, testQueuePrefix());
    ({ accountId } = await insertWatchedAccount(database.db, {
      platform: 'bluesky',
      handle: 'lurah.bsky.social',
      regionCode: '18.12',
    }));
  }, 60_000);

  afterAll(async () => {
    await queues?.close();
    connection?.disconnect();
    await database?.drop();
  });

  const sighting = (externalId: string, text: string, fetchedAt: string, extra: Partial<CollectedPost> = {}) =>
    ({
      platform: 'bluesky',
      externalId: `at://did:plc:hapusan/app.bsky.feed.post/${externalId}`,
      url: `https://bsky.app/profile/lurah.bsky.social/post/${externalId}`,
      kind: 'post',
      accountId,
      authorHandle: 'lurah.bsky.social',
      text,
      postedAt: '2026-11-20T02:00:00Z',
      fetchedAt,
      mediaDescriptions: [],
      evidence: [
        {
          kind: 'json',
          sha256: sha(`${externalId}${text}${fetchedAt}`),
          bytes: 10,
          mediaType: 'application/json',
          path: 'aa/raw.json',
          capturedAt: fetchedAt,
        },
      ],
      raw: {},
      crawlRunId: null,
      ...extra,
    }) as CollectedPost;
  const see = (post: CollectedPost, textComplete = true) =>
    recordAndQueueSightings(database.db, queues, [{ post, regionCode: '18.12' }], { textComplete });
  const classifyQueued = () => classifyWaiting(database.db, queues.classify, registry, logger, classified);
  const itemOf = (postId: string) =>
    database.db
      .selectFrom('review_items')
      .select(['id', 'classification_id', 'score', 'candidate', 'status'])
      .where('post_id', '=', postId)
      .executeTakeFirstOrThrow();

  it('keeps a crawl’s removed text as a version, queues nothing to score, and leaves the review item on the words', async () => {
    await see(sighting('3kgone', SUPPORT, '2026-11-20T03:00:00Z'));
    const first = await classifyQueued();
    expect(first.stored[0]).toMatchObject({ flagged: true });
    const postId = (first.stored[0] as { postId: string }).postId;
    const item = await itemOf(postId);

    // The author deleted the words; the post now shows only its media.
    await see(sighting('3kgone', '', '2026-11-22T03:00:00Z'));
    const watch = await getPostWatch(database.db, postId);
    expect(watch.versions.map((v) => [v.version, v.text, v.content_hash])).toEqual([
      [1, SUPPORT, sha(SUPPORT)],
      [2, '', sha('')],
    ]);
    // The removal's own sighting is its evidence.
    expect(watch.versions[1]!.evidence.map((e) => e.sha256)).toEqual([sha(`3kgone${''}2026-11-22T03:00:00Z`)]);
    expect((await classifyQueued()).jobs).toEqual([]);
    expect(await itemOf(postId)).toEqual(item);

    // Seen without text again: nothing new, nothing queued (idempotent).
    await see(sighting('3kgone', ' ', '2026-11-23T03:00:00Z'));
    expect((await getPostWatch(database.db, postId)).versions).toHaveLength(2);
    expect((await classifyQueued()).jobs).toEqual([]);
    const lastSeen = await database.db
      .selectFrom('posts')
      .select('last_seen_at')
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(new Date(lastSeen.last_seen_at).toISOString()).toBe('2026-11-23T03:00:00.000Z');

    // The words back: a version of their own, classified again under their key.
    await see(sighting('3kgone', SUPPORT, '2026-11-24T03:00:00Z'));
    expect((await getPostWatch(database.db, postId)).versions.map((v) => v.text)).toEqual([SUPPORT, '', SUPPORT]);
    expect((await classifyQueued()).jobs.map((j) => j.data.textKey)).toEqual([sha(SUPPORT)]);
  });

  it('does not take a page read without a caption for a removal', async () => {
    await see(sighting('3kpage', SUPPORT, '2026-11-20T03:00:00Z'), false);
    const postId = ((await classifyQueued()).stored[0] as { postId: string }).postId;
    await see(sighting('3kpage', '', '2026-11-22T03:00:00Z'), false);
    expect((await getPostWatch(database.db, postId)).versions).toEqual([]);
  });

  it('keeps a re-check’s removed text as a version and leaves the review item on the words', async () => {
    await see(sighting('3krecheck', SUPPORT, '2026-11-20T03:00:00Z'));
    const postId = ((await classifyQueued()).stored[0] as { postId: string }).postId;
    const item = await itemOf(postId);
    const present = await recordPostPresent(database.db, {
      postId,
      text: '',
      seenAt: '2026-11-22T03:00:00Z',
      checkedAt: '2026-11-22T03:00:00Z',
      evidence: [],
    });
    expect(present.version).toBe(2);
    expect(await queueTextVersion(database.db, queues, postId, { ...present, seenAt: '2026-11-22T03:00:00Z' })).toBe(
      false,
    );
    expect((await getPostWatch(database.db, postId)).versions.map((v) => v.text)).toEqual([SUPPORT, '']);
    expect(await itemOf(postId)).toEqual(item);
  });

  it('classifies an edited reply toward a candidate like a post, by the interaction rules, from a crawl and a re-check', async () => {
    const interaction = {
      kind: 'reply' as const,
      at: '2026-11-20T02:00:00.000Z',
      target: {
        type: 'post' as const,
        externalId: 'at://did:plc:paslon/app.bsky.feed.post/1',
        url: 'https://bsky.app/profile/rudi.bsky.social/post/1',
        authorHandle: 'rudi.bsky.social',
        text: 'Terima kasih dukungannya',
        candidate: 'pilbup-hapusan-2026#1',
      },
    };
    const reply = (text: string, fetchedAt: string) =>
      sighting('3kreply', text, fetchedAt, { kind: 'comment', interaction });
    await see(reply(REPLY, '2026-11-20T03:00:00Z'));
    const first = await classifyQueued();
    const postId = (first.stored[0] as { postId: string }).postId;
    const original = await itemOf(postId);
    expect(original).toMatchObject({ candidate: 'pilbup-hapusan-2026#1', status: 'open' });

    // The crawl sees the reply edited: a version, classified with the interaction, the open item moved to it.
    await see(reply(REPLY_EDITED, '2026-11-21T03:00:00Z'));
    const crawled = await classifyQueued();
    expect(crawled.jobs.map((j) => [j.data.textKey, j.data.interaction?.target.candidate])).toEqual([
      [sha(REPLY_EDITED), 'pilbup-hapusan-2026#1'],
    ]);
    const afterCrawl = await itemOf(postId);
    expect(afterCrawl.classification_id).not.toBe(original.classification_id);

    // A re-check sees it edited again: the same, through the re-check's job.
    const present = await recordPostPresent(database.db, {
      postId,
      text: REPLY_RECHECKED,
      seenAt: '2026-11-22T03:00:00Z',
      checkedAt: '2026-11-22T03:00:00Z',
      evidence: [],
    });
    expect(present.version).toBe(3);
    expect(await queueTextVersion(database.db, queues, postId, { ...present, seenAt: '2026-11-22T03:00:00Z' })).toBe(
      true,
    );
    // Queued twice (a retried re-check): one job.
    await queueTextVersion(database.db, queues, postId, { ...present, seenAt: '2026-11-22T03:00:00Z' });
    const rechecked = await classifyQueued();
    expect(rechecked.jobs).toHaveLength(1);
    expect(rechecked.jobs[0]!.data).toMatchObject({ textKey: sha(REPLY_RECHECKED), interaction });
    const classification = await database.db
      .selectFrom('classifications')
      .select(['id', 'category', 'candidate', 'flagged'])
      .where('post_id', '=', postId)
      .where('text_key', '=', sha(REPLY_RECHECKED))
      .executeTakeFirstOrThrow();
    expect(classification).toMatchObject({
      category: 'candidate_interaction',
      candidate: 'pilbup-hapusan-2026#1',
      flagged: true,
    });
    expect((await itemOf(postId)).classification_id).toBe(classification.id);
    // The interaction row is still the one the crawl stored.
    expect(
      await database.db.selectFrom('post_interactions').select('kind').where('post_id', '=', postId).execute(),
    ).toEqual([{ kind: 'reply' }]);
  });

  it('records a crawl batch of posts seen again unedited with one statement', async () => {
    const batch = Array.from({ length: 50 }, (_, n) =>
      sighting(`3kbatch${n}`, `Kegiatan ke-${n}`, '2026-11-20T03:00:00Z'),
    );
    await recordAndQueueSightings(
      database.db,
      queues,
      batch.map((post) => ({ post, regionCode: '18.12' })),
      { textComplete: true },
    );
    const statements: string[] = [];
    const counted = database.db.withPlugin({
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const again = batch.map((post) => ({ post: { ...post, fetchedAt: '2026-11-21T03:00:00Z' }, regionCode: '18.12' }));
    expect(await recordAndQueueSightings(counted, queues, again, { textComplete: true })).toBe(0);
    // One round trip for the posts, their evidence and their stored and latest text hashes (was two).
    expect(statements).toHaveLength(1);
  });
});
