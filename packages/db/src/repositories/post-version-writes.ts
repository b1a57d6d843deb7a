import type { EvidenceArtefactRef } from '@netra/core';
import type { Executor } from '../connection/executor.ts';

/** A post's newest recorded version (undefined while its text never changed). */
export interface LatestPostVersion {
  version: number;
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
    .select(['version', 'content_hash'])
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
