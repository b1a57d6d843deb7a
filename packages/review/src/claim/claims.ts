import {
  claimNextReviewItem,
  claimReviewItem,
  type Database,
  type ReviewQueueFilter,
  releaseReviewClaim,
} from '@netra/db';
import type { Kysely } from 'kysely';
import type { ReviewActor } from '../decide/decide.ts';
import { itemNotFound } from '../errors/review-errors.ts';

/**
 * How long a claim lasts without a heartbeat. The item page extends it every third of the lease while it is
 * open; a closed tab stops the heartbeat and the item returns to the queue once the lease runs out (or at
 * once, when the page could still say goodbye).
 */
export const DEFAULT_LEASE_SECONDS = 120;

/** Claims the next open item of the filtered queue for this analyst; undefined when none is free. */
export async function claimNext(
  db: Kysely<Database>,
  actor: ReviewActor,
  filter: ReviewQueueFilter,
  options: { leaseSeconds: number; excludeIds?: readonly string[] },
): Promise<string | undefined> {
  return db.transaction().execute((tx) =>
    claimNextReviewItem(tx, {
      userId: actor.id,
      leaseSeconds: options.leaseSeconds,
      filter,
      ...(options.excludeIds ? { excludeIds: options.excludeIds } : {}),
    }),
  );
}

export interface ClaimState {
  /** Whether the asker holds the item now. */
  mine: boolean;
  holderId: string | null;
  expiresAt: Date | null;
}

/** Claims an item, or extends the asker's own claim (the page's heartbeat). Another analyst's live claim stands. */
export async function claimItem(
  db: Kysely<Database>,
  actor: ReviewActor,
  itemId: string,
  leaseSeconds: number,
): Promise<ClaimState> {
  const held = await claimReviewItem(db, { itemId, userId: actor.id, leaseSeconds });
  // The claim is taken unless someone else's lease is live, so no holder at all means no such item.
  if (!held) throw itemNotFound(itemId);
  return { mine: held.claimedBy === actor.id, holderId: held.claimedBy, expiresAt: held.expiresAt };
}

export async function releaseItem(db: Kysely<Database>, actor: ReviewActor, itemId: string): Promise<boolean> {
  return releaseReviewClaim(db, { itemId, userId: actor.id });
}
