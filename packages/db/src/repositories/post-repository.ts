import { createHash } from 'node:crypto';
import type { CollectedPost } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';

export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');
}

/**
 * Inserts a collected post, or, when `(platform, external_id)` is already stored, only records that it was
 * seen again. The first captured text stays: it is what the evidence artefacts show.
 */
export async function upsertPost(db: Executor, post: CollectedPost): Promise<{ id: string; inserted: boolean }> {
  const row = await db
    .insertInto('posts')
    .values({
      platform: post.platform,
      external_id: post.externalId,
      account_id: post.accountId,
      author_handle: post.authorHandle,
      url: post.url,
      kind: post.kind,
      text: post.text,
      content_hash: contentHash(post.text),
      posted_at: post.postedAt,
      fetched_at: post.fetchedAt,
      last_seen_at: post.fetchedAt,
      context: post.context ? JSON.stringify(post.context) : null,
      media_descriptions: JSON.stringify(post.mediaDescriptions),
      raw: JSON.stringify(post.raw),
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

/**
 * Records a crawl's sightings: each post is stored (first sighting) or has its `last_seen_at` moved and any
 * new evidence added (later sighting), all in one transaction. The scraper calls this before queueing
 * classification, so a later sighting never depends on the classify queue accepting a job id it has
 * already seen (retained completed jobs make BullMQ ignore a re-queued id).
 */
export async function recordSightings(db: Executor, posts: readonly CollectedPost[]): Promise<void> {
  if (posts.length === 0) return;
  const write = async (tx: Executor) => {
    for (const post of posts) await upsertPost(tx, post);
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
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
