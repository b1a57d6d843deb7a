import { unlink } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { type CaseSettings, unflaggedCutoff } from '@netra/cases';
import { appendAudit, type Database, logRead, purgeUnflaggedPosts, type ReadEntry } from '@netra/db';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../http/route.ts';

/** Logs a read of personal data by a signed-in user (UU PDP Ps 31). */
export function logUserRead(
  db: Kysely<Database>,
  user: SessionUser,
  entityType: ReadEntry['entityType'],
  entityId: string,
  ip: string,
  action: ReadEntry['action'] = 'read',
) {
  return logRead(db, { actorId: user.id, actorUsername: user.username, action, entityType, entityId, ip });
}

/**
 * The retention job: deletes never-flagged posts older than the configured period with their artefact files,
 * keeps everything in a review item or a case, and audits the run. Returns what it removed.
 */
export async function runRetention(
  db: Kysely<Database>,
  settings: CaseSettings,
  evidenceDir: string,
  now: Date,
  actor: { id: string | null; username: string },
) {
  const cutoff = unflaggedCutoff(settings.retention, now);
  const result = await purgeUnflaggedPosts(db, cutoff);
  const root = resolve(evidenceDir);
  let files = 0;
  for (const path of result.artefactPaths) {
    const file = resolve(root, path);
    if (!file.startsWith(root + sep)) continue;
    // Artefacts are stored by hash and may be shared; a file another post still uses is kept.
    const still = await db.selectFrom('evidence_artefacts').select('id').where('path', '=', path).executeTakeFirst();
    if (still) continue;
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
    after: { cutoff: cutoff.toISOString(), posts: result.posts, files, days: settings.retention.unflaggedPostDays },
  });
  return { cutoff, posts: result.posts, files };
}
