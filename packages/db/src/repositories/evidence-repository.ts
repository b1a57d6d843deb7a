import type { Executor } from '../connection/executor.ts';

export interface StoredArtefact {
  sha256: string;
  bytes: number;
}

/**
 * Every distinct artefact the database references, a page at a time in hash order (keyset: stable while
 * rows are added), for checking an evidence store against the database — after a restore, for instance.
 */
export async function listArtefactsAfter(
  db: Executor,
  afterSha256: string | null,
  limit: number,
): Promise<StoredArtefact[]> {
  let query = db
    .selectFrom('evidence_artefacts')
    .select(['sha256', (eb) => eb.fn.max('bytes').as('bytes')])
    .groupBy('sha256')
    .orderBy('sha256')
    .limit(limit);
  if (afterSha256 !== null) query = query.where('sha256', '>', afterSha256);
  const rows = await query.execute();
  return rows.map((r) => ({ sha256: r.sha256, bytes: Number(r.bytes) }));
}

/** Whether any artefact row still points at a stored file (files are shared by hash; retention keeps those). */
export async function isArtefactPathInUse(db: Executor, path: string): Promise<boolean> {
  const row = await db.selectFrom('evidence_artefacts').select('id').where('path', '=', path).executeTakeFirst();
  return row !== undefined;
}
