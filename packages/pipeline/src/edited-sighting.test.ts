import { appendDecision, getReviewItem, insertUser, listClassificationsOfPost } from '@netra/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSightingTestBed, type SightingTestBed, textSha as sha } from './testing/sighting-test-bed.ts';

// Written for this test: a neutral notice, then the same post edited into support, then edited again.
const NEUTRAL = 'Pelayanan KTP elektronik di kantor kecamatan buka sampai pukul tiga sore minggu ini.';
const SUPPORT = 'Ayo coblos nomor 1 Hendra Kusuma tanggal 9 Desember, #HendraMenang untuk kabupaten kita!';
const LATER = 'Pilih Hendra Kusuma nomor 1 ya, ajak tetangga ke TPS, #HendraMenang';

/**
 * A watched account's post first collected with a neutral text and later seen edited into support (real
 * PostgreSQL and Redis, the scraper's own record-and-queue step, the classifier's store path). Before the fix the
 * edit was queued under the post's one job id (refused while the first job was kept) and, once classified, stored
 * under the first text's key (ON CONFLICT DO NOTHING): the support never reached the queue.
 */
describe('a collected post seen again with an edited text', () => {
  let bed: SightingTestBed;

  beforeAll(async () => {
    bed = await openSightingTestBed('camat.bsky.social');
  }, 60_000);
  afterAll(async () => bed?.close());

  const see = (text: string, fetchedAt: string) => bed.see([bed.post('3kedit', text, fetchedAt)]);
  const classifyQueued = () => bed.classifyQueued();
  const versions = async (postId: string) =>
    bed.database.db
      .selectFrom('post_versions')
      .select(['version', 'text'])
      .where('post_id', '=', postId)
      .orderBy('version')
      .execute();

  let postId: string;

  it('keeps the edit as version 2, classifies it under its own key, and opens a review item for its score', async () => {
    expect(await see(NEUTRAL, '2026-11-20T03:00:00Z')).toBe(1);
    const first = await classifyQueued();
    expect(first.stored).toHaveLength(1);
    expect(first.stored[0]).toMatchObject({ flagged: false, reviewItemId: null });
    postId = (first.stored[0] as { postId: string }).postId;

    expect(await see(SUPPORT, '2026-11-22T03:00:00Z')).toBe(0);
    expect(await versions(postId)).toEqual([
      { version: 1, text: NEUTRAL },
      { version: 2, text: SUPPORT },
    ]);
    const second = await classifyQueued();
    expect(second.jobs.map((j) => j.data.textKey)).toEqual([sha(SUPPORT)]);
    expect(second.jobs[0]!.id).toContain(`-t${sha(SUPPORT).slice(0, 16)}`);
    expect(second.stored[0]).toMatchObject({ postId, flagged: true });
    const rows = await listClassificationsOfPost(bed.database.db, postId);
    expect(rows.map((r) => r.text_key)).toEqual(['', sha(SUPPORT)]);
    const reviewItemId = (second.stored[0] as { reviewItemId: string }).reviewItemId;
    const item = await getReviewItem(bed.database.db, reviewItemId);
    // The posts row keeps the first capture; the item is the edit's classification and score.
    expect(item?.text).toBe(NEUTRAL);
    expect(item?.classification_id).toBe(rows[1]!.id);
    expect(item?.candidate).toBe('pilbup-suntingan-2026#1');
  });

  it('stores and queues nothing new when the same text is seen again', async () => {
    const jobsBefore = await bed.queues.classify.getJobCountByTypes('waiting', 'completed', 'active');
    expect(await see(`  ${SUPPORT}\n`, '2026-11-23T03:00:00Z')).toBe(0);
    expect(await see(SUPPORT, '2026-11-24T03:00:00Z')).toBe(0);
    expect(await versions(postId)).toHaveLength(2);
    // Re-queued under the edit's own job id: BullMQ keeps the one job.
    expect(await bed.queues.classify.getJobCountByTypes('waiting', 'completed', 'active')).toBe(jobsBefore);
    expect((await classifyQueued()).jobs).toEqual([]);
    expect(await listClassificationsOfPost(bed.database.db, postId)).toHaveLength(2);
  });

  it('leaves a decided item on the classification it was decided on, and says the post was scored again', async () => {
    const item = (await bed.database.db
      .selectFrom('review_items')
      .select(['id', 'classification_id'])
      .where('post_id', '=', postId)
      .executeTakeFirstOrThrow())!;
    const analyst = await insertUser(bed.database.db, {
      username: 'analis.suntingan',
      displayName: 'Analis',
      passwordHash: 'x',
      role: 'analyst',
    });
    await appendDecision(bed.database.db, {
      reviewItemId: item.id,
      decidedBy: analyst.id,
      decision: 'confirmed',
      label: 'endorse',
      candidate: 'pilbup-suntingan-2026#1',
      stance: 'pro',
      category: 'online_campaigning',
      note: null,
    });
    await see(LATER, '2026-11-25T03:00:00Z');
    expect((await versions(postId)).map((v) => v.text)).toEqual([NEUTRAL, SUPPORT, LATER]);
    const third = await classifyQueued();
    expect(third.jobs.map((j) => j.data.textKey)).toEqual([sha(LATER)]);
    const after = await getReviewItem(bed.database.db, item.id);
    expect(after?.classification_id).toBe(item.classification_id);
    expect(after?.newer_classification?.score).toBe((third.stored[0] as { score: number }).score);
  });

  it("reads a post with images again under the edit's key: the OCR job id and payload name the text", async () => {
    const image = {
      kind: 'image' as const,
      sha256: 'a'.repeat(64),
      bytes: 10,
      mediaType: 'image/png',
      path: 'aa/aaaa.png',
      capturedAt: '2026-11-20T03:00:00Z',
    };
    const withImage = (text: string, fetchedAt: string) =>
      bed.see([bed.post('3kimg', text, fetchedAt, { evidence: [image] })]);
    await withImage(NEUTRAL, '2026-11-20T03:00:00Z');
    await withImage(SUPPORT, '2026-11-21T03:00:00Z');
    await withImage(SUPPORT, '2026-11-22T03:00:00Z');
    const jobs = await bed.queues.ocr.getJobs(['waiting']);
    expect(jobs.map((j) => j.data.textKey ?? '').sort()).toEqual(['', sha(SUPPORT)].sort());
    expect(jobs.find((j) => j.data.textKey)?.id).toMatch(new RegExp(`-t${sha(SUPPORT).slice(0, 16)}$`));
  });
});
