import { type EvidenceArtefactRef, type Platform, storableText } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { upsertPost } from './post-repository.ts';
import { type PostText, recordPostText } from './post-version-writes.ts';

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

/**
 * The posting time a post was stored with (ISO 8601, null when its first capture gave none). A later tip of the
 * post keeps it: the tip's text is classified, and its screenshot read, with this time, not the tip's own.
 */
export async function storedPostedAt(db: Executor, postId: string): Promise<string | null> {
  const row = await db.selectFrom('posts').select('posted_at').where('id', '=', postId).executeTakeFirstOrThrow();
  return row.posted_at ? new Date(row.posted_at).toISOString() : null;
}

/** The tip of a post (one per post; a repeated submission finds the first). */
export async function insertTip(
  db: Executor,
  v: { postId: string; submittedBy: string; personId: string | null; note: string | null },
): Promise<{ id: string; created: boolean; personId: string | null; note: string | null }> {
  const inserted = await db
    .insertInto('tips')
    .values({ post_id: v.postId, submitted_by: v.submittedBy, person_id: v.personId, note: v.note })
    .onConflict((oc) => oc.column('post_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true, personId: v.personId, note: v.note };
  // The first tip's person and note stay: the caller reports a different one as not applied.
  const existing = await db
    .selectFrom('tips')
    .select(['id', 'person_id', 'note'])
    .where('post_id', '=', v.postId)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false, personId: existing.person_id, note: existing.note };
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
 * The text a post's classification in force reads (the "current text"): the newest post version that a
 * classification of the post is keyed by (`text_key`, a later tip's text), else the post's stored text (key '').
 */
async function currentText(db: Executor, postId: string): Promise<{ text: string; textKey: string }> {
  const version = await db
    .selectFrom('post_versions as v')
    .select(['v.text', 'v.content_hash'])
    .where('v.post_id', '=', postId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('classifications as c')
          .select('c.id')
          .whereRef('c.post_id', '=', 'v.post_id')
          .whereRef('c.text_key', '=', 'v.content_hash'),
      ),
    )
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (version) return { text: version.text, textKey: version.content_hash };
  const post = await db.selectFrom('posts').select('text').where('id', '=', postId).executeTakeFirstOrThrow();
  return { text: post.text, textKey: '' };
}

/** What a tip of an already stored post classifies, and whether its text became a new version of the post. */
export type TipText = PostText;

/**
 * A later tip of a stored post: its text, when it differs from the post's latest, is kept as a new post version
 * — version 1 being the stored text, as a re-check or a crawl keeps an edit — with this tip's artefacts as its
 * evidence, and is classified under its own key (its SHA-256), so the classification is a new row and never
 * skipped (`recordPostText`). The posts row keeps the first capture. A text equal to the latest is not stored
 * again; no text at all classifies the post's current text (the same key: nothing new is stored).
 */
export async function recordTipText(
  db: Executor,
  input: { postId: string; text: string; seenAt: string; evidence: readonly EvidenceArtefactRef[] },
): Promise<TipText> {
  if (storableText(input.text.trim())) return recordPostText(db, input);
  const post = await db
    .selectFrom('posts')
    .select('image_readings')
    .where('id', '=', input.postId)
    .executeTakeFirstOrThrow();
  return { ...(await currentText(db, input.postId)), version: null, imageReadings: post.image_readings ?? [] };
}

/**
 * What the OCR of a tip reads: the post's current text (the one its classification in force read: a later tip's
 * text, else the first tip's, the one the item page shows first) with its key, and every screenshot of the post,
 * oldest first. A further screenshot is read together with the earlier ones, so the post is classified again from
 * all its image texts, and the earlier ones keep their places in the post's readings.
 */
export async function tipOcrInput(
  db: Executor,
  postId: string,
): Promise<{ text: string; textKey: string; screenshots: EvidenceArtefactRef[] }> {
  const current = await currentText(db, postId);
  const rows = await db
    .selectFrom('evidence_artefacts')
    .select(['sha256', 'bytes', 'media_type', 'path', 'captured_at'])
    .where('post_id', '=', postId)
    .where('kind', '=', 'screenshot')
    .orderBy('captured_at')
    .orderBy('sha256')
    .execute();
  return {
    ...current,
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
