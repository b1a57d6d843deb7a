import { getPostWatch, recordPostPresent } from '@netra/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAndQueueSightings } from './queue-collected.ts';
import { openSightingTestBed, type SightingTestBed, textSha as sha } from './testing/sighting-test-bed.ts';
import { queueTextVersion } from './text-version-job.ts';

// Written for this test.
const SUPPORT = 'Ayo coblos nomor 1 Hendra Kusuma tanggal 9 Desember, #HendraMenang untuk kabupaten kita!';
const REPLY = 'Mantap pak, kami siap bantu';
const REPLY_EDITED = 'Mantap pak, kami siap bantu menangkan nomor 1 di kecamatan';
const REPLY_RECHECKED = 'Siap pak, semua guru di sini ikut mendukung';
const CANDIDATE = 'pilbup-suntingan-2026#1';

/**
 * Issue 14, "nothing is lost, nothing is dropped silently" (real PostgreSQL and Redis, the scraper's own
 * record-and-queue step, the re-check's record and queue steps, the classifier's store path). Before the fix a
 * crawl that read a flagged post without its words (deleted by the author, the post now only its media) recorded
 * nothing — no version, no sign of the removal; and a re-check's edit of an interaction record (a reply toward a
 * candidate) was versioned but never classified.
 */
describe('a removed text and an edited interaction record', () => {
  let bed: SightingTestBed;

  beforeAll(async () => {
    bed = await openSightingTestBed('lurah.bsky.social');
  }, 60_000);
  afterAll(async () => bed?.close());

  /** A post of the account whose sighting carries one JSON answer of its own as evidence. */
  const sighting = (rkey: string, text: string, fetchedAt: string, extra = {}) =>
    bed.post(rkey, text, fetchedAt, {
      evidence: [
        {
          kind: 'json',
          sha256: sha(`${rkey}${text}${fetchedAt}`),
          bytes: 10,
          mediaType: 'application/json',
          path: 'aa/raw.json',
          capturedAt: fetchedAt,
        },
      ],
      ...extra,
    });
  const see = (post: ReturnType<typeof sighting>, textComplete = true) => bed.see([post], textComplete);
  const classifyQueued = () => bed.classifyQueued();
  const itemOf = (postId: string) =>
    bed.database.db
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
    const watch = await getPostWatch(bed.database.db, postId);
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
    expect((await getPostWatch(bed.database.db, postId)).versions).toHaveLength(2);
    expect((await classifyQueued()).jobs).toEqual([]);
    const lastSeen = await bed.database.db
      .selectFrom('posts')
      .select('last_seen_at')
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(new Date(lastSeen.last_seen_at).toISOString()).toBe('2026-11-23T03:00:00.000Z');

    // The words back: a version of their own, classified again under their key.
    await see(sighting('3kgone', SUPPORT, '2026-11-24T03:00:00Z'));
    expect((await getPostWatch(bed.database.db, postId)).versions.map((v) => v.text)).toEqual([SUPPORT, '', SUPPORT]);
    expect((await classifyQueued()).jobs.map((j) => j.data.textKey)).toEqual([sha(SUPPORT)]);
  });

  it('does not take a page read without a caption for a removal', async () => {
    await see(sighting('3kpage', SUPPORT, '2026-11-20T03:00:00Z'), false);
    const postId = ((await classifyQueued()).stored[0] as { postId: string }).postId;
    await see(sighting('3kpage', '', '2026-11-22T03:00:00Z'), false);
    expect((await getPostWatch(bed.database.db, postId)).versions).toEqual([]);
  });

  it('keeps a re-check’s removed text as a version and leaves the review item on the words', async () => {
    await see(sighting('3krecheck', SUPPORT, '2026-11-20T03:00:00Z'));
    const postId = ((await classifyQueued()).stored[0] as { postId: string }).postId;
    const item = await itemOf(postId);
    const present = await recordPostPresent(bed.database.db, {
      postId,
      text: '',
      seenAt: '2026-11-22T03:00:00Z',
      checkedAt: '2026-11-22T03:00:00Z',
      evidence: [],
    });
    expect(present.version).toBe(2);
    expect(
      await queueTextVersion(bed.database.db, bed.queues, postId, { ...present, seenAt: '2026-11-22T03:00:00Z' }),
    ).toBe(false);
    expect((await getPostWatch(bed.database.db, postId)).versions.map((v) => v.text)).toEqual([SUPPORT, '']);
    expect(await itemOf(postId)).toEqual(item);
  });

  it('classifies an edited reply toward a candidate like a post, by the interaction rules, from a crawl and a re-check', async () => {
    const interaction = {
      kind: 'reply' as const,
      at: '2026-11-20T02:00:00.000Z',
      target: {
        type: 'post' as const,
        externalId: 'at://did:plc:paslon/app.bsky.feed.post/1',
        url: 'https://bsky.app/profile/hendra.bsky.social/post/1',
        authorHandle: 'hendra.bsky.social',
        text: 'Terima kasih dukungannya',
        candidate: CANDIDATE,
      },
    };
    const reply = (text: string, fetchedAt: string) =>
      sighting('3kreply', text, fetchedAt, { kind: 'comment', interaction });
    await see(reply(REPLY, '2026-11-20T03:00:00Z'));
    const first = await classifyQueued();
    const postId = (first.stored[0] as { postId: string }).postId;
    const original = await itemOf(postId);
    expect(original).toMatchObject({ candidate: CANDIDATE, status: 'open' });

    // The crawl sees the reply edited: a version, classified with the interaction, the open item moved to it.
    await see(reply(REPLY_EDITED, '2026-11-21T03:00:00Z'));
    const crawled = await classifyQueued();
    expect(crawled.jobs.map((j) => [j.data.textKey, j.data.interaction?.target.candidate])).toEqual([
      [sha(REPLY_EDITED), CANDIDATE],
    ]);
    const afterCrawl = await itemOf(postId);
    expect(afterCrawl.classification_id).not.toBe(original.classification_id);

    // A re-check sees it edited again: the same, through the re-check's job.
    const present = await recordPostPresent(bed.database.db, {
      postId,
      text: REPLY_RECHECKED,
      seenAt: '2026-11-22T03:00:00Z',
      checkedAt: '2026-11-22T03:00:00Z',
      evidence: [],
    });
    expect(present.version).toBe(3);
    expect(
      await queueTextVersion(bed.database.db, bed.queues, postId, { ...present, seenAt: '2026-11-22T03:00:00Z' }),
    ).toBe(true);
    // Queued twice (a retried re-check): one job.
    await queueTextVersion(bed.database.db, bed.queues, postId, { ...present, seenAt: '2026-11-22T03:00:00Z' });
    const rechecked = await classifyQueued();
    expect(rechecked.jobs).toHaveLength(1);
    expect(rechecked.jobs[0]!.data).toMatchObject({ textKey: sha(REPLY_RECHECKED), interaction });
    const classification = await bed.database.db
      .selectFrom('classifications')
      .select(['id', 'category', 'candidate', 'flagged'])
      .where('post_id', '=', postId)
      .where('text_key', '=', sha(REPLY_RECHECKED))
      .executeTakeFirstOrThrow();
    expect(classification).toMatchObject({
      category: 'candidate_interaction',
      candidate: CANDIDATE,
      flagged: true,
    });
    expect((await itemOf(postId)).classification_id).toBe(classification.id);
    // The interaction row is still the one the crawl stored.
    expect(
      await bed.database.db.selectFrom('post_interactions').select('kind').where('post_id', '=', postId).execute(),
    ).toEqual([{ kind: 'reply' }]);
  });

  it('records a crawl batch of posts seen again unedited with one statement', async () => {
    const batch = Array.from({ length: 50 }, (_, n) =>
      sighting(`3kbatch${n}`, `Kegiatan ke-${n}`, '2026-11-20T03:00:00Z'),
    );
    await bed.see(batch);
    const statements: string[] = [];
    const counted = bed.database.db.withPlugin({
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const again = batch.map((post) => ({ post: { ...post, fetchedAt: '2026-11-21T03:00:00Z' }, regionCode: '18.11' }));
    expect(await recordAndQueueSightings(counted, bed.queues, again, { textComplete: true })).toBe(0);
    // One round trip for the posts, their evidence and their stored and latest text hashes (was two).
    expect(statements).toHaveLength(1);
  });
});
