import { unlink } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { appendAudit, type Database, isArtefactPathInUse, purgeUnflaggedPosts } from '@netra/db';
import type { Kysely } from 'kysely';
import { type RetentionPolicy, unflaggedCutoff } from './retention.ts';

/**
 * The retention job: deletes never-flagged posts older than the policy's period with their artefact files,
 * keeps everything in a review item or a case, and audits the run. Run daily by `netra retention run`
 * (cron) or `POST /api/admin/retention/run`.
 */
export async function runRetention(
  db: Kysely<Database>,
  policy: RetentionPolicy,
  evidenceDir: string,
  now: Date,
  actor: { id: string | null; username: string },
) {
  const cutoff = unflaggedCutoff(policy, now);
  const result = await purgeUnflaggedPosts(db, cutoff);
  const root = resolve(evidenceDir);
  let files = 0;
  for (const path of result.artefactPaths) {
    const file = resolve(root, path);
    if (!file.startsWith(root + sep)) continue;
    // Artefacts are stored by hash and may be shared; a file another post still uses is kept.
    if (await isArtefactPathInUse(db, path)) continue;
    if (
      await unlink(file).then(
        () => true,
        () => false,
      )
    )
      files += 1;
  }
  await appendAudit(db, {
    actorId: actor.id,
    actorUsername: actor.username,
    action: 'retention.purge',
    entityType: 'posts',
    entityId: 'unflagged',
    after: { cutoff: cutoff.toISOString(), posts: result.posts, files, days: policy.unflaggedPostDays },
  });
  return { cutoff, posts: result.posts, files };
}
