import { type EvidenceArtefactRef, storableText } from '@netra/core';
import type { Executor } from '../connection/executor.ts';
import type { PostImageReading } from '../schema/content-tables.ts';
import { contentHash } from './post-repository.ts';

/** A post's newest recorded version (undefined while its text never changed). */
export interface LatestPostVersion {
  version: number;
  text: string;
  content_hash: string;
}

/** The evidence list a version row keeps: what identifies each artefact, not when it was captured. */
export function versionEvidenceJson(
  refs: readonly Pick<EvidenceArtefactRef, 'kind' | 'sha256' | 'bytes' | 'mediaType' | 'path'>[],
): string {
  return JSON.stringify(
    refs.map((r) => ({ kind: r.kind, sha256: r.sha256, bytes: r.bytes, mediaType: r.mediaType, path: r.path })),
  );
}

/** The post's newest version; callers lock the posts row first (`forUpdate`) so versions are numbered in turn. */
export async function latestPostVersion(db: Executor, postId: string): Promise<LatestPostVersion | undefined> {
  return db
    .selectFrom('post_versions')
    .select(['version', 'text', 'content_hash'])
    .where('post_id', '=', postId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Records a changed text as the post's next version. The first change also records the stored text as version 1,
 * with the evidence captured up to the post's first fetch, so the original stays readable beside every edit.
 * Both a re-check that finds an edit and a later tip with other text write versions this way. Returns the new
 * version number.
 *
 * @example
 * const latest = await latestPostVersion(tx, post.id);
 * if (hash !== (latest?.content_hash ?? post.content_hash))
 *   await appendPostVersion(tx, post, latest, { text, contentHash: hash, seenAt, evidence });
 */
export async function appendPostVersion(
  db: Executor,
  post: { id: string; text: string; content_hash: string; fetched_at: Date },
  latest: LatestPostVersion | undefined,
  next: { text: string; contentHash: string; seenAt: string; evidence: readonly EvidenceArtefactRef[] },
): Promise<number> {
  if (!latest) {
    const first = await db
      .selectFrom('evidence_artefacts')
      .select(['kind', 'sha256', 'bytes', 'media_type as mediaType', 'path'])
      .where('post_id', '=', post.id)
      .where('captured_at', '<=', post.fetched_at)
      .execute();
    await db
      .insertInto('post_versions')
      .values({
        post_id: post.id,
        version: 1,
        text: post.text,
        content_hash: post.content_hash,
        seen_at: post.fetched_at,
        evidence: versionEvidenceJson(first),
      })
      .execute();
  }
  const version = (latest?.version ?? 1) + 1;
  await db
    .insertInto('post_versions')
    .values({
      post_id: post.id,
      version,
      text: next.text,
      content_hash: next.contentHash,
      seen_at: next.seenAt,
      evidence: versionEvidenceJson(next.evidence),
    })
    .execute();
  return version;
}

/** What a text seen again for a stored post became (`recordPostText`). */
export interface PostText {
  /** The text as compared and stored: trimmed, `storableText`. */
  text: string;
  /**
   * `classifications.text_key` of that text: '' while it is the post's stored text (no version yet), else the
   * hash of the version it equals (the new one, or the latest when unchanged).
   */
  textKey: string;
  /** The version the text was stored as; null when it equals the latest text. */
  version: number | null;
  /** The post's image readings so far: a classification of the text reads their text too (its image text key). */
  imageReadings: PostImageReading[];
}

/**
 * Whether `text` (trimmed, storable) is the latest text again. Compared by hash, and by the trimmed latest text:
 * a collected post's stored text and a re-check's versions before 2026-11-29 were stored untrimmed, and a
 * whitespace difference is not an edit.
 */
function sameText(text: string, hash: string, latest: { text: string; content_hash: string }): boolean {
  return hash === latest.content_hash || storableText(latest.text.trim()).normalize('NFC') === text.normalize('NFC');
}

/**
 * A stored post's text seen again — a later tip, a crawl's re-sighting, a re-check: a text that differs from the
 * post's latest (its newest version, else its stored text) after trimming and `storableText` becomes the next
 * version, with this sighting's evidence (`appendPostVersion`), keyed for classification by its hash; the same
 * text stores nothing. The posts row is locked first, so versions of one post are numbered in turn; callers
 * that run outside a transaction wrap this in one.
 */
export async function recordPostText(
  db: Executor,
  input: { postId: string; text: string; seenAt: string; evidence: readonly EvidenceArtefactRef[] },
): Promise<PostText> {
  const post = await db
    .selectFrom('posts')
    .select(['text', 'content_hash', 'fetched_at', 'image_readings'])
    .where('id', '=', input.postId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const imageReadings = post.image_readings ?? [];
  const text = storableText(input.text.trim());
  const hash = contentHash(text);
  const latest = await latestPostVersion(db, input.postId);
  if (sameText(text, hash, latest ?? post))
    return { text, textKey: latest?.content_hash ?? '', version: null, imageReadings };
  const version = await appendPostVersion(db, { ...post, id: input.postId }, latest, {
    text,
    contentHash: hash,
    seenAt: input.seenAt,
    evidence: input.evidence,
  });
  return { text, textKey: hash, version, imageReadings };
}
