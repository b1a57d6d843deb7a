import type { EvidenceArtefactRef } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { type PostText, recordPostText } from './post-version-writes.ts';

/**
 * Edit and deletion watch: which posts to look at again, and what a re-check found. Versions are
 * append-only (a trigger refuses UPDATE/DELETE); the post row keeps its first text, as its evidence shows.
 */

/** Flagged (in review) or tipped posts not known to be deleted, not checked since `checkedBefore`. */
export async function listPostsToRecheck(
  db: Executor,
  options: { checkedBefore: Date; limit: number; platforms: readonly string[] },
) {
  if (options.platforms.length === 0) return [];
  return db
    .selectFrom('posts as p')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['p.id', 'p.platform', 'p.external_id', 'p.kind', 'p.url', 'p.author_handle', 'a.handle as account_handle'])
    .where('p.deleted_at', 'is', null)
    .where('p.platform', 'in', [...options.platforms])
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('review_items as ri').select('ri.id').whereRef('ri.post_id', '=', 'p.id')),
        eb.exists(eb.selectFrom('tips as t').select('t.id').whereRef('t.post_id', '=', 'p.id')),
      ]),
    )
    .where((eb) => eb.or([eb('p.last_checked_at', 'is', null), eb('p.last_checked_at', '<', options.checkedBefore)]))
    .orderBy(sql`p.last_checked_at NULLS FIRST`)
    .orderBy('p.id')
    .limit(options.limit)
    .execute();
}

async function addEvidence(db: Executor, postId: string, refs: readonly EvidenceArtefactRef[]): Promise<void> {
  if (refs.length === 0) return;
  await db
    .insertInto('evidence_artefacts')
    .values(
      refs.map((e) => ({
        post_id: postId,
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

/**
 * A re-check that found the post: when its text differs from the latest known text, the change becomes a new
 * version (`recordPostText`: the first change also records the original as version 1, with the post's first
 * evidence), and the check's evidence is added to the post. Returns what the text became: `version` is the new
 * version number, or null when unchanged; the caller queues a new version's classification (post-recheck.ts).
 */
export async function recordPostPresent(
  db: Executor,
  input: {
    postId: string;
    text: string;
    /** When the platform answered (the version's time). */
    seenAt: string;
    /** The re-check run's time (when the post is due again). */
    checkedAt: string;
    evidence: readonly EvidenceArtefactRef[];
  },
): Promise<PostText> {
  const run = async (tx: Executor) => {
    // As the post's own text was stored (`storableText`): the same words hash the same, and a re-check that
    // brings NUL from the platform neither fails on every retry nor counts as an edit.
    const recorded = await recordPostText(tx, input);
    await addEvidence(tx, input.postId, input.evidence);
    await tx.updateTable('posts').set({ last_checked_at: input.checkedAt }).where('id', '=', input.postId).execute();
    return recorded;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** A re-check that found the post gone: the first time it was seen missing stays; the answer is evidence. */
export async function recordPostGone(
  db: Executor,
  input: { postId: string; seenAt: string; checkedAt: string; evidence: readonly EvidenceArtefactRef[] },
): Promise<void> {
  const run = async (tx: Executor) => {
    await addEvidence(tx, input.postId, input.evidence);
    await tx
      .updateTable('posts')
      .set({ deleted_at: sql`coalesce(deleted_at, ${input.seenAt}::timestamptz)`, last_checked_at: input.checkedAt })
      .where('id', '=', input.postId)
      .execute();
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** A re-check that concluded nothing (unsupported platform, failed request): only the time moves on. */
export async function recordPostChecked(db: Executor, postId: string, checkedAt: string): Promise<void> {
  await db.updateTable('posts').set({ last_checked_at: checkedAt }).where('id', '=', postId).execute();
}

/** What the review page shows about a post beyond its text: versions, deletion, interaction target, tip. */
export async function getPostWatch(db: Executor, postId: string) {
  const [post, versions, interaction, tip] = await Promise.all([
    db.selectFrom('posts').select(['deleted_at', 'last_checked_at']).where('id', '=', postId).executeTakeFirst(),
    db
      .selectFrom('post_versions as v')
      .select(['v.version', 'v.text', 'v.content_hash', 'v.seen_at', 'v.evidence'])
      // The newest score of the version's text, when one was classified: version 1 is the stored text (key ''),
      // a later tip's text is keyed by its hash (migration 2026-12-04-3000); an edit only a re-check saw has none.
      .select(
        sql<number | null>`(SELECT c.score FROM classifications c WHERE c.post_id = v.post_id
          AND c.text_key = CASE WHEN v.version = 1 THEN '' ELSE v.content_hash END
          ORDER BY c.created_at DESC, c.id DESC LIMIT 1)`.as('score'),
      )
      .where('v.post_id', '=', postId)
      .orderBy('v.version')
      .execute(),
    db.selectFrom('post_interactions').selectAll().where('post_id', '=', postId).executeTakeFirst(),
    db
      .selectFrom('tips as t')
      .innerJoin('users as u', 'u.id', 't.submitted_by')
      .leftJoin('people as pe', 'pe.id', 't.person_id')
      .select(['t.id', 't.note', 't.created_at', 'u.display_name as submitted_by_name', 'pe.name as person_name'])
      .select(['pe.nip as person_nip', 'pe.id as person_id'])
      .where('t.post_id', '=', postId)
      .executeTakeFirst(),
  ]);
  return {
    deletedAt: post?.deleted_at ?? null,
    lastCheckedAt: post?.last_checked_at ?? null,
    versions,
    interaction: interaction ?? null,
    tip: tip ?? null,
  };
}
export type PostWatch = Awaited<ReturnType<typeof getPostWatch>>;

/**
 * Makes stored posts due for the next re-check at once (their check time cleared): e.g. Telegram messages whose
 * ids fell into a gap between two crawls — deletion candidates. Returns how many stored posts that concerned.
 */
export async function markDueForRecheck(
  db: Executor,
  platform: string,
  externalIds: readonly string[],
): Promise<number> {
  if (externalIds.length === 0) return 0;
  const result = await db
    .updateTable('posts')
    .set({ last_checked_at: null })
    .where('platform', '=', platform)
    .where('external_id', 'in', [...externalIds])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
