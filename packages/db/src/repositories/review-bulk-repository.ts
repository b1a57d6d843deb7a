import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { DismissReason } from '../schema/review-tables.ts';
import { queueCondition, type ReviewQueueFilter } from './review-repository.ts';

/**
 * The ids a bulk action may touch: open items of the filter that no other analyst holds right now, locked
 * for the rest of the transaction (SKIP LOCKED: an item being decided this instant is left out, not waited on).
 */
export async function lockBulkSelection(db: Executor, filter: ReviewQueueFilter, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_items as ri')
    .select('ri.id')
    .where(queueCondition({ ...filter, status: 'open' }))
    .where(sql<boolean>`(ri.claimed_by IS NULL OR ri.claim_expires_at < now() OR ri.claimed_by = ${userId})`)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

export async function assignReviewItems(db: Executor, ids: readonly string[], assigneeId: string | null) {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('review_items')
    .set({ assigned_to: assigneeId, updated_at: sql`now()` })
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** One dismissal decision per item in a single statement, and the items moved to dismissed. */
export async function dismissReviewItems(
  db: Executor,
  input: { ids: readonly string[]; decidedBy: string; reason: DismissReason; note: string | null },
) {
  if (input.ids.length === 0) return [];
  const rows = await db
    .insertInto('review_decisions')
    .values(
      input.ids.map((id) => ({
        review_item_id: id,
        decided_by: input.decidedBy,
        decision: 'dismissed' as const,
        label: 'neutral' as const,
        candidate: null,
        stance: null,
        category: null,
        note: input.note,
        reason: input.reason,
      })),
    )
    .returning(['id', 'review_item_id'])
    .execute();
  await db
    .updateTable('review_items')
    .set({
      status: 'dismissed',
      decided_at: sql`now()`,
      decided_by: input.decidedBy,
      claimed_by: null,
      claim_expires_at: null,
      updated_at: sql`now()`,
    })
    .where('id', 'in', input.ids)
    .execute();
  return rows;
}

/** How many items `lockBulkSelection` would take now: the count the confirmation states. */
export async function countBulkSelection(db: Executor, filter: ReviewQueueFilter, userId: string): Promise<number> {
  const row = await db
    .selectFrom('review_items as ri')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(queueCondition({ ...filter, status: 'open' }))
    .where(sql<boolean>`(ri.claimed_by IS NULL OR ri.claim_expires_at < now() OR ri.claimed_by = ${userId})`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
