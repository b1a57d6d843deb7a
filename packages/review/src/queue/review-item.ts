import { type Executor, getReviewItem } from '@netra/db';
import { itemNotFound } from '../errors/review-errors.ts';
import { zoneForRegion } from '../time/zones.ts';

/**
 * One item with everything an analyst needs to decide, and the zone its times are shown in: the contest's
 * region when the item has a contest, else the person's region.
 */
export async function loadReviewItem(db: Executor, id: string) {
  const item = await getReviewItem(db, id);
  if (!item) throw itemNotFound(id);
  return { ...item, zone: zoneForRegion(item.contest_region_code ?? item.region_code) };
}

export type ReviewItem = Awaited<ReturnType<typeof loadReviewItem>>;
