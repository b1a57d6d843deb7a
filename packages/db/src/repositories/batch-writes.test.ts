import type { ClassificationResult, CollectedPost } from '@netra/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { countRows, insertWatchedAccount } from '../testing/test-fixtures.ts';
import { saveClassifications } from './classification-repository.ts';
import { listEvidenceOfPost, upsertPosts } from './post-repository.ts';

function post(accountId: string, externalId: string, fetchedAt: string, sha = 'a'): CollectedPost {
  return {
    platform: 'x',
    externalId,
    url: `https://x.com/a/status/${externalId}`,
    kind: 'post',
    accountId,
    authorHandle: 'a',
    text: `teks ${externalId} ${fetchedAt}`,
    postedAt: null,
    fetchedAt,
    mediaDescriptions: [],
    evidence: [
      {
        kind: 'html',
        sha256: sha.repeat(64),
        bytes: 10,
        mediaType: 'text/html',
        path: `${sha}.html`,
        capturedAt: fetchedAt,
      },
    ],
    raw: {},
    crawlRunId: null,
  };
}

const result = (flagged: boolean, modelVersion = 'm1'): ClassificationResult => ({
  score: flagged ? 0.9 : 0.1,
  flagged,
  candidate: null,
  stance: null,
  category: null,
  evidence: [],
  language: 'id',
  modelVersion,
});

describe('batch writes of the classifier worker', () => {
  let database: TestDatabase;
  let accountId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    ({ accountId } = await insertWatchedAccount(database.db, { handle: 'a', platform: 'x' }));
  });
  afterAll(async () => database?.drop());

  it('stores a post repeated in one batch once, keeping the first text and the latest sighting', async () => {
    const stored = await upsertPosts(database.db, [
      post(accountId, 'p1', '2024-10-02T00:00:00Z', 'b'),
      post(accountId, 'p2', '2024-10-01T00:00:00Z'),
      post(accountId, 'p1', '2024-10-05T00:00:00Z', 'c'),
      post(accountId, 'p1', '2024-10-03T00:00:00Z', 'b'),
    ]);
    expect(stored.map((s) => s.inserted)).toEqual([true, true, false, false]);
    expect(stored[2]!.id).toBe(stored[0]!.id);
    const row = await database.db
      .selectFrom('posts')
      .select(['text', 'last_seen_at'])
      .where('id', '=', stored[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row.text).toBe('teks p1 2024-10-02T00:00:00Z');
    expect(new Date(row.last_seen_at).toISOString()).toBe('2024-10-05T00:00:00.000Z');
    expect((await listEvidenceOfPost(database.db, stored[0]!.id)).map((e) => e.path).sort()).toEqual([
      'b.html',
      'c.html',
    ]);

    // A later batch: an older sighting does not move last_seen_at back; nothing is inserted twice.
    const again = await upsertPosts(database.db, [post(accountId, 'p1', '2024-10-04T00:00:00Z', 'b')]);
    expect(again).toEqual([{ id: stored[0]!.id, inserted: false }]);
    expect(await countRows(database.db, 'posts')).toBe(2);
  });

  it('saves a classification once per post and model version and a review item once per post', async () => {
    const [p1, p2] = await upsertPosts(database.db, [
      post(accountId, 'q1', '2024-10-01T00:00:00Z'),
      post(accountId, 'q2', '2024-10-01T00:00:00Z'),
    ]);
    const first = await saveClassifications(database.db, [
      { postId: p1!.id, result: result(true) },
      { postId: p2!.id, result: result(false) },
    ]);
    expect(first[0]!.reviewItemId).not.toBeNull();
    expect(first[1]!.reviewItemId).toBeNull();
    // Retried, repeated within the batch, and under a new model version.
    const again = await saveClassifications(database.db, [
      { postId: p1!.id, result: result(true) },
      { postId: p1!.id, result: result(true) },
      { postId: p2!.id, result: result(false) },
      { postId: p1!.id, result: result(true, 'm2') },
    ]);
    expect(again.slice(0, 3)).toEqual([first[0], first[0], first[1]]);
    expect(again[3]!.classificationId).not.toBe(first[0]!.classificationId);
    expect(again[3]!.reviewItemId).toBe(first[0]!.reviewItemId);
    const classifications = await database.db
      .selectFrom('classifications')
      .select('id')
      .where('post_id', 'in', [p1!.id, p2!.id])
      .execute();
    expect(classifications).toHaveLength(3);
    const items = await database.db.selectFrom('review_items').select('id').where('post_id', '=', p1!.id).execute();
    expect(items).toHaveLength(1);
  });

  it("gives a review item its classification's candidate and contest, written in the same statement", async () => {
    const [p] = await upsertPosts(database.db, [post(accountId, 'r1', '2024-10-01T00:00:00Z')]);
    const [saved] = await saveClassifications(database.db, [
      { postId: p!.id, result: { ...result(true), candidate: 'kontes-1#2', stance: 'pro' } },
    ]);
    const item = await database.db
      .selectFrom('review_items')
      .select(['candidate', 'contest_id', 'platform', 'person_id'])
      .where('id', '=', saved!.reviewItemId!)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ candidate: 'kontes-1#2', contest_id: 'kontes-1', platform: 'x' });
    expect(item.person_id).not.toBeNull();
  });

  it("writes the item's keys the key trigger would have written, with and without an account or a posting time", async () => {
    const posts = [
      post(accountId, 'k1', '2024-10-02T00:00:00Z'),
      { ...post(accountId, 'k2', '2024-10-02T00:00:00Z'), postedAt: '2024-10-01T08:00:00Z' },
      { ...post(accountId, 'k3', '2024-10-02T00:00:00Z'), accountId: null },
    ];
    const stored = await upsertPosts(database.db, posts);
    const saved = await saveClassifications(
      database.db,
      stored.map((p) => ({ postId: p.id, result: { ...result(true), candidate: 'kontes-9#1' } })),
    );
    const keys = ['post_id', 'platform', 'posted_at', 'captured_at', 'person_id', 'candidate', 'contest_id'] as const;
    const batch = await database.db
      .selectFrom('review_items')
      .select(keys)
      .where(
        'id',
        'in',
        saved.map((s) => s.reviewItemId!),
      )
      .orderBy('post_id')
      .execute();
    // The same items inserted without keys: the trigger fills them from the post, its account and classification.
    await sql`DELETE FROM review_items WHERE id = ANY(${saved.map((s) => s.reviewItemId!)}::uuid[])`.execute(
      database.db,
    );
    await database.db
      .insertInto('review_items')
      .values(saved.map((s, i) => ({ post_id: stored[i]!.id, classification_id: s.classificationId, score: 0.9 })))
      .execute();
    const byTrigger = await database.db
      .selectFrom('review_items')
      .select(keys)
      .where(
        'post_id',
        'in',
        stored.map((p) => p.id),
      )
      .orderBy('post_id')
      .execute();
    expect(batch).toEqual(byTrigger);
    expect(byTrigger.filter((k) => k.person_id === null)).toHaveLength(1);
    expect(new Set(byTrigger.map((k) => String(k.posted_at))).size).toBe(2);
  });

  it('writes the rows of posts the transaction inserted without ON CONFLICT, and a retry finds them', async () => {
    const batch = [
      post(accountId, 'n1', '2024-10-03T00:00:00Z', 'b'),
      post(accountId, 'n2', '2024-10-03T00:00:00Z', 'c'),
      post(accountId, 'n1', '2024-10-03T01:00:00Z', 'd'),
    ];
    const write = () =>
      database.db.transaction().execute(async (tx) => {
        const stored = await upsertPosts(tx, batch);
        const saved = await saveClassifications(
          tx,
          stored.map((p) => ({ postId: p.id, result: result(true), newPost: p.inserted })),
        );
        return { stored, saved };
      });
    const first = await write();
    expect(first.stored.map((p) => p.inserted)).toEqual([true, true, false]);
    const again = await write();
    expect(again.stored.every((p) => !p.inserted)).toBe(true);
    expect(again.saved).toEqual(first.saved);
    const ids = first.stored.map((p) => p.id);
    const count = async (table: 'classifications' | 'review_items') =>
      (await database.db.selectFrom(table).select('id').where('post_id', 'in', ids).execute()).length;
    expect(await count('classifications')).toBe(2);
    expect(await count('review_items')).toBe(2);
    expect(first.saved.every((s) => s.reviewItemId !== null)).toBe(true);
    expect((await listEvidenceOfPost(database.db, ids[0]!)).map((e) => e.sha256[0]).sort()).toEqual(['b', 'd']);
  });

  it('stores a text with a cut emoji (a lone surrogate) as PostgreSQL did before, with U+FFFD', async () => {
    const cut = { ...post(accountId, 's1', '2024-10-01T00:00:00Z'), text: 'dukung \ud83d paslon' };
    const [p] = await upsertPosts(database.db, [cut]);
    const row = await database.db.selectFrom('posts').select('text').where('id', '=', p!.id).executeTakeFirstOrThrow();
    expect(row.text).toBe('dukung \ufffd paslon');
  });
  it('prepares the two batch statements once per connection, also across a rolled back batch', async () => {
    await database.db.connection().execute(async (conn) => {
      const prepared = async () =>
        (
          await sql<{ name: string; statement: string }>`
            SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'netra_%' ORDER BY name`.execute(conn)
        ).rows;
      // A batch whose transaction fails after its statements ran: the statements stay prepared (they are not
      // transactional), and the next batch on the same connection uses them.
      await expect(
        conn.transaction().execute(async (tx) => {
          const [p] = await upsertPosts(tx, [post(accountId, 't1', '2024-10-01T00:00:00Z')]);
          await saveClassifications(tx, [{ postId: p!.id, result: result(true) }]);
          throw new Error('batch failed');
        }),
      ).rejects.toThrow('batch failed');
      const afterFailure = await prepared();
      expect(afterFailure.map((r) => /INSERT INTO (posts|classifications) /.exec(r.statement)?.[1]).sort()).toEqual([
        'classifications',
        'posts',
      ]);
      for (let i = 0; i < 3; i++) {
        const [p] = await upsertPosts(conn, [post(accountId, `t${i}`, '2024-10-01T00:00:00Z')]);
        const [saved] = await saveClassifications(conn, [{ postId: p!.id, result: result(true) }]);
        expect(saved!.reviewItemId).not.toBeNull();
      }
      expect(await prepared()).toEqual(afterFailure);
    });
  });

  it('finds rows that already existed (a retried batch) by index, without scanning the tables', async () => {
    const posts = await upsertPosts(
      database.db,
      Array.from({ length: 1_600 }, (_, i) => post(accountId, `u${i}`, '2024-10-01T00:00:00Z')),
    );
    const items = posts.map((p, i) => ({ postId: p.id, result: result(i % 2 === 0) }));
    const first = await saveClassifications(database.db, items);
    // Enough rows that an index probe is the cheaper plan (over a few pages a scan is, and rightly chosen).
    await sql`ANALYZE classifications, review_items`.execute(database.db);
    await database.db.transaction().execute(async (tx) => {
      // Sequential scans counted by this backend and not yet flushed to the shared statistics (so: a difference).
      const scans = async () =>
        (
          await sql<{ relname: string; seq_scan: string }>`
            SELECT relname, seq_scan FROM pg_stat_xact_user_tables
            WHERE relname IN ('classifications', 'review_items') ORDER BY relname`.execute(tx)
        ).rows.map((r) => Number(r.seq_scan));
      // Half of the batch was stored before (a retry), half is new.
      const fresh = await upsertPosts(
        tx,
        Array.from({ length: 64 }, (_, i) => post(accountId, `v${i}`, '2024-10-01T00:00:00Z')),
      );
      const before = await scans();
      const again = await saveClassifications(tx, [
        ...items.slice(0, 64),
        ...fresh.map((p) => ({ postId: p.id, result: result(true) })),
      ]);
      const after = await scans();
      expect(again.slice(0, 64)).toEqual(first.slice(0, 64));
      // A scan per batch costs as much as the table is large (the join form chose one at 6,400 rows).
      expect(after).toEqual(before);
    });
  });
  it('records a sighting that brings nothing new without writing the post row again', async () => {
    const version = async (id: string) =>
      (await sql<{ v: string }>`SELECT xmin::text AS v FROM posts WHERE id = ${id}`.execute(database.db)).rows[0]!.v;
    const [first] = await upsertPosts(database.db, [post(accountId, 'w1', '2024-10-02T00:00:00Z')]);
    const v1 = await version(first!.id);
    // The same sighting again (the classifier after the scraper), with one more artefact: the row stays as it
    // was, the artefact is added.
    const [same] = await upsertPosts(database.db, [post(accountId, 'w1', '2024-10-02T00:00:00Z', 'd')]);
    expect(same).toEqual({ id: first!.id, inserted: false });
    expect(await version(first!.id)).toBe(v1);
    expect((await listEvidenceOfPost(database.db, first!.id)).map((e) => e.sha256[0]).sort()).toEqual(['a', 'd']);
    // An older sighting changes nothing either; a later one, or the first image readings, do.
    await upsertPosts(database.db, [post(accountId, 'w1', '2024-10-01T00:00:00Z')]);
    expect(await version(first!.id)).toBe(v1);
    await upsertPosts(database.db, [post(accountId, 'w1', '2024-10-03T00:00:00Z')]);
    const v2 = await version(first!.id);
    expect(v2).not.toBe(v1);
    const reading = { sha256: 'e'.repeat(64), engine: 'uji', text: 'teks gambar', error: null };
    await upsertPosts(database.db, [{ ...post(accountId, 'w1', '2024-10-03T00:00:00Z'), imageReadings: [reading] }]);
    const row = await database.db
      .selectFrom('posts')
      .select(['last_seen_at', 'image_readings'])
      .where('id', '=', first!.id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.last_seen_at).toISOString()).toBe('2024-10-03T00:00:00.000Z');
    expect(row.image_readings).toEqual([reading]);
    expect(await version(first!.id)).not.toBe(v2);
  });

  it('returns a post another transaction committed while the batch waited for it', async () => {
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => {
      inserted = r;
    });
    let commit!: () => void;
    const committing = new Promise<void>((r) => {
      commit = r;
    });
    let firstId = '';
    const other = database.db.transaction().execute(async (tx) => {
      firstId = (await upsertPosts(tx, [post(accountId, 'x1', '2024-10-02T00:00:00Z')]))[0]!.id;
      inserted();
      await committing;
    });
    await insertedYet;
    // Same sighting, another artefact: waits on the uncommitted row, then has nothing to update.
    const batch = upsertPosts(database.db, [post(accountId, 'x1', '2024-10-02T00:00:00Z', 'f')]);
    const waiting = async () =>
      Number(
        (
          await sql<{ n: string }>`
            SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(database.db)
        ).rows[0]!.n,
      );
    while ((await waiting()) === 0) await new Promise((r) => setTimeout(r, 10));
    commit();
    await other;
    expect(await batch).toEqual([{ id: firstId, inserted: false }]);
    expect((await listEvidenceOfPost(database.db, firstId)).map((e) => e.sha256[0]).sort()).toEqual(['a', 'f']);
  });

  /** An OCR reading of one image (sha256 from one hex digit), as the classifier stores it on the post. */
  const reading = (digit: string, text: string) => ({ sha256: digit.repeat(64), engine: 't', text, error: null });
  /** The key of a set of readings, as PostgreSQL computes it (the pipeline's tests check that JavaScript agrees). */
  const keyOf = async (readings: readonly ReturnType<typeof reading>[]) =>
    (
      await sql<{ k: string }>`SELECT netra_image_text_key(${JSON.stringify(readings)}::jsonb) AS k`.execute(
        database.db,
      )
    ).rows[0]!.k;

  it('image text arriving later: a new classification; it opens an item as usual, or moves an open one', async () => {
    const [quiet, tipped] = await upsertPosts(database.db, [
      post(accountId, 'img1', '2024-10-01T00:00:00Z', 'd'),
      post(accountId, 'img2', '2024-10-01T00:00:00Z', 'e'),
    ]);
    const shot = [reading('1', 'COBLOS NOMOR DUA')];
    const imageTextKey = await keyOf(shot);
    expect(imageTextKey).toMatch(/^[0-9a-f]{64}$/);
    // Without image text: one unflagged (no item), one reviewed anyway (a tip's item).
    const first = await saveClassifications(database.db, [
      { postId: quiet!.id, result: result(false) },
      { postId: tipped!.id, result: result(false), review: true },
    ]);
    expect(first[0]!.reviewItemId).toBeNull();
    const flaggedByImage = { ...result(true), candidate: 'kontes-a#2' };
    // The classifier stores the post's readings first (upsertPosts), then the classifications from them.
    await upsertPosts(database.db, [
      { ...post(accountId, 'img1', '2024-10-01T00:00:00Z', 'd'), imageReadings: shot },
      { ...post(accountId, 'img2', '2024-10-01T00:00:00Z', 'e'), imageReadings: shot },
    ]);
    const batch = [
      { postId: quiet!.id, result: flaggedByImage, imageTextKey },
      { postId: tipped!.id, result: flaggedByImage, review: true, imageTextKey },
    ];
    const second = await saveClassifications(database.db, batch);
    expect(second.map((s) => s.classificationId)).not.toContain(first[0]!.classificationId);
    expect(second.map((s) => s.classificationId)).not.toContain(first[1]!.classificationId);
    expect(second[0]!.rescore).toBeUndefined();
    expect(second[1]).toMatchObject({ reviewItemId: first[1]!.reviewItemId, rescore: 'moved' });
    const items = await database.db
      .selectFrom('review_items')
      .select(['post_id', 'classification_id', 'score', 'candidate', 'contest_id'])
      .where('post_id', 'in', [quiet!.id, tipped!.id])
      .execute();
    const byPost = new Map(items.map((i) => [i.post_id, i]));
    expect(byPost.get(quiet!.id)).toMatchObject({ classification_id: second[0]!.classificationId, score: 0.9 });
    expect(byPost.get(tipped!.id)).toMatchObject({
      classification_id: second[1]!.classificationId,
      score: 0.9,
      candidate: 'kontes-a#2',
      contest_id: 'kontes-a',
    });
    // Retried: the same rows, nothing moved or added.
    const retried = await saveClassifications(database.db, batch);
    expect(retried.map((s) => s.classificationId)).toEqual(second.map((s) => s.classificationId));
    expect(retried.every((s) => s.rescore === undefined)).toBe(true);
    const rows = await database.db
      .selectFrom('classifications')
      .select('with_image_text')
      .where('post_id', 'in', [quiet!.id, tipped!.id])
      .execute();
    expect(rows.map((r) => r.with_image_text).sort()).toEqual([false, false, true, true]);
  });

  it('a further image with new text: a new classification, the open item moves to it, a late job does not move it back', async () => {
    const first = [reading('2', 'AYO COBLOS')];
    const both = [...first, reading('3', 'PILIH SURYA WIBAWA')];
    const [tip] = await upsertPosts(database.db, [
      { ...post(accountId, 'img3', '2024-10-01T00:00:00Z', 'f'), imageReadings: first },
    ]);
    const once = await saveClassifications(database.db, [
      { postId: tip!.id, result: result(true), review: true, imageTextKey: await keyOf(first) },
    ]);
    // The second screenshot's job reads both: the post's readings grow by the new one, the first stays first.
    const stored = await upsertPosts(database.db, [
      { ...post(accountId, 'img3', '2024-10-01T00:00:00Z', 'f'), imageReadings: [both[1]!, both[0]!] },
    ]);
    expect(stored[0]!.id).toBe(tip!.id);
    const post3 = await database.db
      .selectFrom('posts')
      .select('image_readings')
      .where('id', '=', tip!.id)
      .executeTakeFirstOrThrow();
    expect(post3.image_readings.map((r) => r.text)).toEqual(['AYO COBLOS', 'PILIH SURYA WIBAWA']);
    const rescored = { ...result(true), score: 0.95, candidate: 'kontes-a#2' };
    const twice = await saveClassifications(database.db, [
      { postId: tip!.id, result: rescored, review: true, imageTextKey: await keyOf(both) },
    ]);
    expect(twice[0]!.classificationId).not.toBe(once[0]!.classificationId);
    expect(twice[0]).toMatchObject({ reviewItemId: once[0]!.reviewItemId, rescore: 'moved' });
    // Same texts in another order: the same input, the same row.
    const reordered = await saveClassifications(database.db, [
      { postId: tip!.id, result: rescored, review: true, imageTextKey: await keyOf([both[1]!, both[0]!]) },
    ]);
    expect(reordered).toEqual([{ classificationId: twice[0]!.classificationId, reviewItemId: once[0]!.reviewItemId }]);
    // A job that read only the first image, finishing after (another model version, so its row is new): stored,
    // but the item stays on the classification of all the post's image texts.
    const late = await saveClassifications(database.db, [
      { postId: tip!.id, result: result(true, 'm2'), review: true, imageTextKey: await keyOf(first) },
    ]);
    expect(late[0]).toMatchObject({ reviewItemId: once[0]!.reviewItemId, rescore: 'kept_newer' });
    const item = await database.db
      .selectFrom('review_items')
      .select(['classification_id', 'score', 'candidate'])
      .where('post_id', '=', tip!.id)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ classification_id: twice[0]!.classificationId, score: 0.95, candidate: 'kontes-a#2' });
    const rows = await database.db.selectFrom('classifications').select('id').where('post_id', '=', tip!.id).execute();
    expect(rows).toHaveLength(3);
  });
});
