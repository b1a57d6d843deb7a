import type { EvidenceArtefactRef, Platform } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { upsertPost } from './post-repository.ts';

export interface TipPostValues {
  platform: Platform;
  externalId: string;
  accountId: string | null;
  authorHandle: string;
  url: string;
  text: string;
  postedAt: string | null;
  capturedAt: string;
  raw: Record<string, unknown>;
  evidence: readonly EvidenceArtefactRef[];
}

/**
 * Stores a manually captured post (a tip): once per platform + external id like every post; a second tip of
 * the same URL adds its evidence to the same post and keeps the first text.
 */
export async function storeTipPost(db: Executor, v: TipPostValues): Promise<{ id: string; inserted: boolean }> {
  return upsertPost(db, {
    platform: v.platform,
    externalId: v.externalId,
    accountId: v.accountId,
    authorHandle: v.authorHandle,
    url: v.url,
    kind: 'post',
    text: v.text,
    postedAt: v.postedAt,
    fetchedAt: v.capturedAt,
    mediaDescriptions: [],
    evidence: [...v.evidence],
    raw: v.raw,
    crawlRunId: null,
  });
}

/** The tip of a post (one per post; a repeated submission finds the first). */
export async function insertTip(
  db: Executor,
  v: { postId: string; submittedBy: string; personId: string | null; note: string | null },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('tips')
    .values({ post_id: v.postId, submitted_by: v.submittedBy, person_id: v.personId, note: v.note })
    .onConflict((oc) => oc.column('post_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db.selectFrom('tips').select('id').where('post_id', '=', v.postId).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** The watched account whose platform and handle match (case-insensitive), with its person's region. */
export async function findWatchedAccount(db: Executor, platform: string, handle: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('people as pe', 'pe.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'a.handle', 'pe.region_code'])
    .where('a.platform', '=', platform)
    .where(sql<string>`lower(a.handle)`, '=', handle.toLowerCase())
    .executeTakeFirst();
}

/**
 * What the OCR of a tip reads: the post's text as stored (the first tip's; the one the item page shows) and every
 * screenshot of the post, oldest first. A further screenshot is read together with the earlier ones, so the post
 * is classified again from all its image texts, and the earlier ones keep their places in the post's readings.
 */
export async function tipOcrInput(
  db: Executor,
  postId: string,
): Promise<{ text: string; screenshots: EvidenceArtefactRef[] }> {
  const post = await db.selectFrom('posts').select('text').where('id', '=', postId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('evidence_artefacts')
    .select(['sha256', 'bytes', 'media_type', 'path', 'captured_at'])
    .where('post_id', '=', postId)
    .where('kind', '=', 'screenshot')
    .orderBy('captured_at')
    .orderBy('sha256')
    .execute();
  return {
    text: post.text,
    screenshots: rows.map((r) => ({
      kind: 'screenshot' as const,
      sha256: r.sha256,
      bytes: r.bytes,
      mediaType: r.media_type,
      path: r.path,
      capturedAt: new Date(r.captured_at).toISOString(),
    })),
  };
}
