import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { queueCondition, type ReviewQueueFilter, SORT_COLUMNS } from './review-repository.ts';

/** A claim is free when nobody holds it, its lease has run out, or the asker already holds it. */
const claimable = (userId: string) =>
  sql<boolean>`(ri.claimed_by IS NULL OR ri.claim_expires_at < now() OR ri.claimed_by = ${userId})`;

/**
 * Claims the first open item of a filtered queue that nobody else holds, for `leaseSeconds`. The row lock
 * with SKIP LOCKED means two analysts asking at the same instant get different items instead of waiting on
 * each other; the committed claim keeps them apart afterwards. Run inside a transaction.
 */
export async function claimNextReviewItem(
  db: Executor,
  input: { userId: string; leaseSeconds: number; filter: ReviewQueueFilter; excludeIds?: readonly string[] },
): Promise<string | undefined> {
  const column = SORT_COLUMNS[input.filter.sort ?? 'score'];
  const direction = input.filter.direction ?? 'desc';
  let q = db
    .selectFrom('review_items as ri')
    .select('ri.id')
    .where(queueCondition({ ...input.filter, status: 'open' }))
    .where(claimable(input.userId));
  if (input.excludeIds && input.excludeIds.length > 0) q = q.where('ri.id', 'not in', input.excludeIds);
  const row = await q
    .orderBy(column, direction)
    .orderBy('ri.id', direction)
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable('review_items')
    .set({ claimed_by: input.userId, claim_expires_at: sql`now() + make_interval(secs => ${input.leaseSeconds})` })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

/**
 * Claims (or extends the claim on) one item. Answers the holder: the asker when the claim was taken, someone
 * else when their lease is still running, or undefined when the item does not exist.
 */
export async function claimReviewItem(
  db: Executor,
  input: { itemId: string; userId: string; leaseSeconds: number },
): Promise<{ claimedBy: string; expiresAt: Date } | undefined> {
  const taken = await db
    .updateTable('review_items as ri')
    .set({ claimed_by: input.userId, claim_expires_at: sql`now() + make_interval(secs => ${input.leaseSeconds})` })
    .where('ri.id', '=', input.itemId)
    .where(claimable(input.userId))
    .returning(['ri.claimed_by', 'ri.claim_expires_at'])
    .executeTakeFirst();
  if (taken?.claimed_by && taken.claim_expires_at) {
    return { claimedBy: taken.claimed_by, expiresAt: taken.claim_expires_at };
  }
  const held = await db
    .selectFrom('review_items')
    .select(['claimed_by', 'claim_expires_at'])
    .where('id', '=', input.itemId)
    .executeTakeFirst();
  if (!held?.claimed_by || !held.claim_expires_at) return undefined;
  return { claimedBy: held.claimed_by, expiresAt: held.claim_expires_at };
}

/** Gives an item back (the analyst left the page). Only the holder's own claim is released. */
export async function releaseReviewClaim(db: Executor, input: { itemId: string; userId: string }): Promise<boolean> {
  const result = await db
    .updateTable('review_items')
    .set({ claimed_by: null, claim_expires_at: null })
    .where('id', '=', input.itemId)
    .where('claimed_by', '=', input.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Who holds an item now (a live lease), locking the row for the decision that follows. */
export async function lockReviewItem(db: Executor, itemId: string) {
  return db
    .selectFrom('review_items')
    .select(['id', 'status', 'claimed_by', sql<boolean>`claim_expires_at > now()`.as('claim_live')])
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}
