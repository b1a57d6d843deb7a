import type { Executor } from '../connection/executor.ts';

export interface AuditEntry {
  actorId: string | null;
  /** Kept verbatim so the entry stays readable after the user is renamed or removed. */
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/**
 * Appends one entry. Call it inside the same transaction as the change it describes, so that a change
 * without its audit entry cannot be committed.
 */
export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await appendAuditEntries(db, [entry]);
}

function auditRow(entry: AuditEntry) {
  return {
    actor_id: entry.actorId,
    actor_username: entry.actorUsername,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: entry.ip ?? null,
  };
}

/**
 * Appends many entries in batched inserts (2,000 rows a statement), for bulk imports inside the import's
 * transaction.
 */
export async function appendAuditEntries(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 2000) {
    await db
      .insertInto('audit_log')
      .values(entries.slice(i, i + 2000).map(auditRow))
      .execute();
  }
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUsername?: string | undefined;
  limit?: number;
  beforeId?: number | undefined;
}

export async function listAudit(db: Executor, query: AuditQuery = {}) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.actorUsername) q = q.where('actor_username', '=', query.actorUsername);
  if (query.beforeId) q = q.where('id', '<', query.beforeId);
  return q.execute();
}
