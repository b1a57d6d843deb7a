import {
  countReviewItemsByStatus,
  countReviewQueue,
  type Executor,
  findQueueNeighbour,
  listReviewItems,
} from '@netra/db';
import { type QueueParams, toQueueFilter } from './queue-params.ts';

/**
 * Queue counts stop here: above it a count reads "more than 1,000" — exact counts of a big queue walk every
 * row on every page load, and nobody works the queue differently at 12,000 or 13,000 open items (the
 * overview has the exact numbers).
 */
export const COUNT_CAP = 1_000;

/** One page of the filtered, sorted queue with the status counts and the total the filter selects. */
export async function loadQueue(db: Executor, params: QueueParams, userId: string) {
  const filter = toQueueFilter(params, userId);
  const [items, counts, total] = await Promise.all([
    listReviewItems(db, filter),
    countReviewItemsByStatus(db, COUNT_CAP),
    countReviewQueue(db, { ...filter, limit: undefined, offset: undefined }, COUNT_CAP),
  ]);
  return { items, counts, total, countCap: COUNT_CAP };
}

/** The previous and next item of the same filtered queue, for j/k and the links on the item page. */
export async function queueNeighbours(db: Executor, params: Partial<QueueParams>, userId: string, itemId: string) {
  const filter = toQueueFilter(params, userId);
  const [previous, next] = await Promise.all([
    findQueueNeighbour(db, filter, itemId, 'previous'),
    findQueueNeighbour(db, filter, itemId, 'next'),
  ]);
  return { previous, next };
}
