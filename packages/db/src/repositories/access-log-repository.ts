import type { Executor } from '../connection/executor.ts';

export interface ReadEntry {
  actorId: string | null;
  actorUsername: string;
  /** `read` for a page or API view, `download` for an evidence file or dossier, `export` for an access export. */
  action: 'read' | 'download' | 'export';
  /** `person_list` for a list or search: `entityId` is then the route, `personIds` the persons it showed. */
  /**
   * `user_list` for the staff user list (`entityId` the route): officers are users, not watched persons, so it
   * names no person; the list shows every user, so the users existing at `at` are the ones it showed.
   */
  entityType: 'review_item' | 'case' | 'person' | 'evidence' | 'dossier' | 'person_list' | 'user_list';
  entityId: string;
  ip?: string | null;
  /** Every person whose data the read showed, also for a detail read (the person of a case or item). */
  personIds?: readonly (string | null | undefined)[];
}

/** Records who read which personal data when (UU PDP 27/2022 Ps 31: records of all processing, reads included). */
export async function logRead(db: Executor, entry: ReadEntry): Promise<void> {
  await db
    .insertInto('access_log')
    .values({
      actor_id: entry.actorId,
      actor_username: entry.actorUsername,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      ip: entry.ip ?? null,
      person_ids: [...new Set(entry.personIds?.filter((id): id is string => !!id) ?? [])],
    })
    .execute();
}

export async function listAccessLog(
  db: Executor,
  query: { entityType?: string | undefined; entityId?: string | undefined; limit?: number } = {},
) {
  let q = db
    .selectFrom('access_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit ?? 200);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  return q.execute();
}
