import {
  countReviewItemsByStatus,
  countReviewQueue,
  type Executor,
  findQueueNeighbour,
  listReviewItems,
} from '@netra/db';
import { type QueueParams, toQueueFilter } from './queue-params.ts';

/** One page of the filtered, sorted queue with the status counts and the total the filter selects. */
export async function loadQueue(db: Executor, params: QueueParams, userId: string) {
  const filter = toQueueFilter(params, userId);
  const [items, counts, total] = await Promise.all([
    listReviewItems(db, filter),
    countReviewItemsByStatus(db),
    countReviewQueue(db, { ...filter, limit: undefined, offset: undefined }),
  ]);
  return { items, counts, total };
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
