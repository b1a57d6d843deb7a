import { createHash } from 'node:crypto';
import { type CollectedPost, storableJson, storableText } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { preparedStatement } from '../connection/prepared-statements.ts';
import type { PostImageReading } from '../schema/content-tables.ts';
import { chunks } from './batch-chunks.ts';

export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');
}

/** A post as stored: a collected post, or a tip whose URL matches no watched account (no account id). */
export type StorablePost = Omit<CollectedPost, 'accountId'> & { accountId: string | null };

/**
 * Inserts a collected post, or, when `(platform, external_id)` is already stored, only records that it was
 * seen again. The first captured text stays: it is what the evidence artefacts show.
 */
export async function upsertPost(db: Executor, post: StorablePost): Promise<{ id: string; inserted: boolean }> {
  const row = await db
    .insertInto('posts')
    .values({
      platform: post.platform,
      external_id: post.externalId,
      account_id: post.accountId,
      author_handle: storableText(post.authorHandle),
      url: post.url,
      kind: post.kind,
      text: storableText(post.text),
      content_hash: contentHash(storableText(post.text)),
      posted_at: post.postedAt,
      fetched_at: post.fetchedAt,
      last_seen_at: post.fetchedAt,
      context: post.context ? storableJson(post.context) : null,
      media_descriptions: storableJson(post.mediaDescriptions) ?? '[]',
      raw: storableJson(post.raw) ?? '{}',
      crawl_run_id: post.crawlRunId,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'external_id']).doUpdateSet({
        last_seen_at: sql`greatest(posts.last_seen_at, excluded.last_seen_at)`,
      }),
    )
    // xmax = 0 only for a freshly inserted row: tells insert from update in one round trip.
    .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirstOrThrow();
  if (post.evidence.length > 0) {
    await db
      .insertInto('evidence_artefacts')
      .values(
        post.evidence.map((e) => ({
          post_id: row.id,
          kind: e.kind,
          sha256: e.sha256,
          bytes: e.bytes,
          media_type: e.mediaType,
          path: e.path,
          captured_at: e.capturedAt,
        })),
      )
      .onConflict((oc) => oc.columns(['post_id', 'sha256']).doNothing())
      .execute();
  }
  return { id: row.id, inserted: row.inserted };
}

export async function findPostById(db: Executor, id: string) {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countPosts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listEvidenceOfPost(db: Executor, postId: string) {
  return db.selectFrom('evidence_artefacts').selectAll().where('post_id', '=', postId).orderBy('kind').execute();
}

function postKey(post: { platform: string; externalId: string }): string {
  return `${post.platform}\u0000${post.externalId}`;
}

/** One statement of `upsertPosts`: a chunk of distinct posts and their evidence. */
async function upsertChunk(
  db: Executor,
  chunk: readonly { post: StorablePost & { imageReadings?: readonly PostImageReading[] }; lastSeen: string }[],
  evidence: ReadonlyMap<string, ReadonlyMap<string, CollectedPost['evidence'][number]>>,
  texts: boolean,
) {
  const p = chunk.map(({ post }) => post);
  const artefacts = chunk.flatMap(({ post }) => [...evidence.get(postKey(post))!.values()].map((e) => ({ post, e })));
  const json = storableJson;
  const text = p.map((x) => storableText(x.text));
  // The stored hash travels only for the crawl's sightings (`texts`): the classifier's statement stays as it was.
  const hash = (table: '' | 'p.') => (texts ? sql.raw(`, ${table}content_hash`) : sql``);
  const result = await sql<{
    id: string;
    platform: string;
    external_id: string;
    inserted: boolean;
    content_hash?: string;
    latest_hash?: string | null;
  }>`${preparedStatement}
    WITH input AS (
      SELECT * FROM unnest(
        ${p.map((x) => x.platform)}::text[], ${p.map((x) => x.externalId)}::text[],
        ${p.map((x) => x.accountId)}::uuid[], ${p.map((x) => storableText(x.authorHandle))}::text[], ${p.map((x) => x.url)}::text[],
        ${p.map((x) => x.kind)}::text[], ${text}::text[], ${text.map(contentHash)}::text[],
        ${p.map((x) => x.postedAt)}::timestamptz[], ${p.map((x) => x.fetchedAt)}::timestamptz[],
        ${chunk.map(({ lastSeen }) => lastSeen)}::timestamptz[], ${p.map((x) => json(x.context))}::jsonb[],
        ${p.map((x) => json(x.mediaDescriptions))}::jsonb[],
        -- Readings are only ever appended (see the update below): earlier classifications' evidence offsets
        -- point into the list as it was.
        ${p.map((x) => json(x.imageReadings ?? []))}::jsonb[], ${p.map((x) => json(x.raw))}::jsonb[],
        ${p.map((x) => x.crawlRunId)}::uuid[]
      ) AS i(platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at, fetched_at,
        last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
    ), stored AS (
      INSERT INTO posts (platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at,
        fetched_at, last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
      SELECT * FROM input
      ON CONFLICT (platform, external_id) DO UPDATE SET
        last_seen_at = greatest(posts.last_seen_at, excluded.last_seen_at),
        -- The scraper records the sighting before OCR has run: the first readings the classifier brings fill
        -- the empty list. Later readings of images the list does not have yet (a tip's further screenshot) are
        -- appended, in the job's order; readings already there stay as they are — every classification's
        -- evidence offsets point into the list as it was when it was computed, which appending keeps true.
        image_readings = CASE
          WHEN posts.image_readings = '[]'::jsonb THEN excluded.image_readings
          WHEN excluded.image_readings = '[]'::jsonb THEN posts.image_readings
          ELSE posts.image_readings || coalesce((
            SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements(excluded.image_readings) WITH ORDINALITY x(e, n)
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256'))), '[]'::jsonb)
          END
      -- Only when that changes something. The classifier stores posts the scraper has already recorded: an
      -- unconditional update wrote a new version of every post row (and its index entries) for nothing. The
      -- image check reads the lists only when both have readings (a further image, or a retried job).
      WHERE posts.last_seen_at < excluded.last_seen_at
        OR (excluded.image_readings <> '[]'::jsonb AND (posts.image_readings = '[]'::jsonb
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(excluded.image_readings) e
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256')))))
      -- xmax = 0 only for a freshly inserted row: tells insert from update in the same statement.
      RETURNING id, platform, external_id, (xmax = 0) AS inserted${hash('')}
    ), unchanged AS (
      -- Posts already stored that the update skipped; the snapshot shows the rows as they were before this
      -- statement, i.e. exactly the stored ones (a post inserted by this statement is not in it).
      SELECT p.id, p.platform, p.external_id, false AS inserted${hash('p.')}
      FROM input i CROSS JOIN LATERAL (
        SELECT id, platform, external_id${hash('')} FROM posts
        WHERE platform = i.platform AND external_id = i.external_id LIMIT 1) p
      WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.platform = i.platform AND s.external_id = i.external_id)
    ), known AS (
      SELECT id, platform, external_id, inserted${hash('')} FROM stored
      UNION ALL
      SELECT id, platform, external_id, inserted${hash('')} FROM unchanged
    ), artefacts AS (
      SELECT s.id AS post_id, s.inserted, e.kind, e.sha256, e.bytes, e.media_type, e.path, e.captured_at
      FROM unnest(
        ${artefacts.map((a) => a.post.platform)}::text[], ${artefacts.map((a) => a.post.externalId)}::text[],
        ${artefacts.map((a) => a.e.kind)}::text[], ${artefacts.map((a) => a.e.sha256)}::text[],
        ${artefacts.map((a) => a.e.bytes)}::integer[], ${artefacts.map((a) => a.e.mediaType)}::text[],
        ${artefacts.map((a) => a.e.path)}::text[], ${artefacts.map((a) => a.e.capturedAt)}::timestamptz[]
      ) AS e(platform, external_id, kind, sha256, bytes, media_type, path, captured_at)
      JOIN known s ON s.platform = e.platform AND s.external_id = e.external_id
    ), new_evidence AS (
      -- A post this statement inserted has a new id: none of its evidence can exist (the batch's own repeats
      -- are merged before), so a plain insert, without ON CONFLICT's extra index probe and confirmation per row.
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE inserted
    ), evidence AS (
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE NOT inserted
      ON CONFLICT (post_id, sha256) DO NOTHING
    )
    ${
      texts
        ? // The crawl's sightings (`recordSightingsAndTexts`): each post's newest version too, in the same round
          // trip. The statement's snapshot is enough: a post it inserted has no version, and a version committed
          // meanwhile is seen again under the post's lock before anything is written (`recordPostText`).
          sql`SELECT k.id, k.platform, k.external_id, k.inserted, k.content_hash, v.content_hash AS latest_hash
    FROM known k LEFT JOIN LATERAL (
      SELECT content_hash FROM post_versions WHERE post_id = k.id ORDER BY version DESC LIMIT 1) v ON true`
        : sql`SELECT id, platform, external_id, inserted FROM known`
    }`.execute(db);
  return result.rows;
}

/**
 * `upsertPost` for a whole batch in one statement (posts and their evidence), the classifier worker's write
 * path. Same rules: a post is stored once per platform + external id, the first text stays, a later sighting
 * moves `last_seen_at` forward, evidence is added once per post + SHA-256, image readings are appended for images
 * not read before. A post already stored is written
 * again only when the sighting moves `last_seen_at` or brings readings of images it has none of (the classifier stores
 * posts the scraper has recorded: rewriting each row for nothing cost PostgreSQL ~30 µs per post,
 * docs/performance.md). A post repeated within the batch is written once; the answer has one entry per input,
 * in order, and only the first occurrence of a newly stored post says `inserted`.
 *
 * Each column travels as one array parameter read by `unnest`: a fixed, short statement instead of a
 * 16-parameters-per-row `VALUES` list, which cost the worker more CPU to build and send (and PostgreSQL to
 * parse) than the rows themselves. (`json_to_recordset` was tried: cheaper in Node, but PostgreSQL spent
 * about three times as long reading the rows as from arrays; docs/performance.md.)
 */
export async function upsertPosts(
  db: Executor,
  posts: readonly (StorablePost & { imageReadings?: readonly PostImageReading[] })[],
): Promise<{ id: string; inserted: boolean }[]> {
  return (await upsertPostRows(db, posts, false)).map(({ id, inserted }) => ({ id, inserted }));
}

/** A post as `upsertPostRows` answers: its stored text's hash, and with `texts` its newest version's hash. */
export interface UpsertedPost {
  id: string;
  inserted: boolean;
  /** `posts.content_hash`: the hash of the text first stored; only read with `texts` ('' without). */
  contentHash: string;
  /** The newest `post_versions.content_hash` (null: no version yet); only read with `texts`. */
  latestHash: string | null;
}

/**
 * `upsertPosts`, answering with each post's stored hash and, when `texts` is set (the crawl's sightings), its
 * newest version's hash from the same statement: what a sighting's text is compared with, without a second
 * round trip. The classifier's path leaves `texts` off and reads no version.
 */
export async function upsertPostRows(
  db: Executor,
  posts: readonly (StorablePost & { imageReadings?: readonly PostImageReading[] })[],
  texts: boolean,
): Promise<UpsertedPost[]> {
  const unique = new Map<string, { post: (typeof posts)[number]; lastSeen: string }>();
  for (const post of posts) {
    const seen = unique.get(postKey(post));
    if (!seen) unique.set(postKey(post), { post, lastSeen: post.fetchedAt });
    else if (Date.parse(post.fetchedAt) > Date.parse(seen.lastSeen)) seen.lastSeen = post.fetchedAt;
  }
  // Evidence of every occurrence: a repeated sighting may carry artefacts the first did not.
  const evidence = new Map<string, Map<string, CollectedPost['evidence'][number]>>();
  for (const post of posts) {
    const ofPost = evidence.get(postKey(post)) ?? new Map<string, CollectedPost['evidence'][number]>();
    evidence.set(postKey(post), ofPost);
    for (const e of post.evidence) ofPost.set(e.sha256, e);
  }
  const stored = new Map<string, Omit<UpsertedPost, 'inserted'> & { inserted: boolean }>();
  let pending = [...unique.values()];
  // A post another transaction committed while this statement waited for it, with nothing new to record, is
  // neither updated (so not returned) nor in the statement's snapshot: a second statement sees it. Twice is
  // enough: by then every post of the batch was committed before that statement started (READ COMMITTED, the
  // isolation of every Netra transaction: each statement takes a new snapshot).
  for (let pass = 0; pass < 2 && pending.length > 0; pass++) {
    for (const chunk of chunks(pending)) {
      for (const row of await upsertChunk(db, chunk, evidence, texts))
        stored.set(postKey({ platform: row.platform, externalId: row.external_id }), {
          id: row.id,
          inserted: row.inserted,
          contentHash: row.content_hash ?? '',
          latestHash: row.latest_hash ?? null,
        });
    }
    pending = pending.filter(({ post }) => !stored.has(postKey(post)));
  }
  const first = new Set<string>();
  return posts.map((post) => {
    const key = postKey(post);
    const row = stored.get(key);
    if (!row) throw new Error(`post ${post.platform}/${post.externalId} was not stored`);
    const inserted = row.inserted && !first.has(key);
    first.add(key);
    return { ...row, inserted };
  });
}

/** One stored evidence artefact by its content hash, for serving it to analysts. */
export async function getEvidenceArtefactBySha(db: Executor, sha256: string) {
  return db
    .selectFrom('evidence_artefacts')
    .select(['path', 'media_type', 'kind'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** The persons whose posts hold an artefact (one file can be shared by posts), for the read log. */
export async function listPersonsOfArtefact(db: Executor, sha256: string): Promise<string[]> {
  const rows = await db
    .selectFrom('evidence_artefacts as e')
    .innerJoin('posts as p', 'p.id', 'e.post_id')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select('a.person_id')
    .distinct()
    .where('e.sha256', '=', sha256)
    .execute();
  return rows.map((r) => r.person_id);
}

/**
 * Post ids in order, a page at a time (evidence verification walks every post without holding them all).
 * With `postId`, only that post.
 */
export async function listPostIdsForEvidence(
  db: Executor,
  options: { postId?: string; after?: string; limit: number },
): Promise<{ id: string; manifest: string | null }[]> {
  let q = db
    .selectFrom('posts')
    .select(['id', sql<string | null>`raw->>'evidenceManifest'`.as('manifest')])
    .orderBy('id')
    .limit(options.limit);
  if (options.postId) q = q.where('id', '=', options.postId);
  if (options.after) q = q.where('id', '>', options.after);
  return q.execute();
}

/** Every artefact of the given posts (the evidence table and every version's evidence list). */
export async function listEvidenceToVerify(db: Executor, postIds: readonly string[]) {
  if (postIds.length === 0) return [];
  const [rows, versions] = await Promise.all([
    db
      .selectFrom('evidence_artefacts')
      .select(['post_id', 'sha256', 'bytes', 'kind', 'media_type'])
      .where('post_id', 'in', [...postIds])
      .orderBy('post_id')
      .orderBy('captured_at')
      .execute(),
    db
      .selectFrom('post_versions')
      .select(['post_id', 'evidence'])
      .where('post_id', 'in', [...postIds])
      .execute(),
  ]);
  const out = rows.map((r) => ({
    postId: r.post_id,
    sha256: r.sha256,
    bytes: r.bytes,
    kind: r.kind,
    mediaType: r.media_type,
  }));
  const known = new Set(out.map((r) => `${r.postId}\u0000${r.sha256}`));
  for (const v of versions) {
    for (const e of v.evidence) {
      if (known.has(`${v.post_id}\u0000${e.sha256}`)) continue;
      known.add(`${v.post_id}\u0000${e.sha256}`);
      out.push({
        postId: v.post_id,
        sha256: e.sha256,
        bytes: e.bytes,
        kind: e.kind as (typeof out)[number]['kind'],
        mediaType: e.mediaType,
      });
    }
  }
  return out;
}
