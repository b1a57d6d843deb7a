import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { escapeLike } from './review-repository.ts';

/** People by NIP prefix (digits only) or by the start of their name. */
export async function searchPeople(db: Executor, query: { nip?: string; name?: string; limit?: number }) {
  let q = db.selectFrom('people').select(['id', 'name', 'nip', 'agency', 'position', 'region_code']);
  if (query.nip) q = q.where('nip', 'like', `${escapeLike(query.nip)}%`);
  if (query.name) q = q.where(sql`lower(name)`, 'like', `${escapeLike(query.name.toLowerCase())}%`);
  return q
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit ?? 50)
    .execute();
}

export async function listPersonAccounts(db: Executor, personId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'platform', 'handle', 'profile_url', 'status', 'link_method', 'last_crawled_at'])
    .where('person_id', '=', personId)
    .orderBy('platform')
    .orderBy('handle')
    .execute();
}

/**
 * Every flagged post of a person across contests, newest first, with the decision in force (the item's
 * status mirrors it) and the contest's region for showing times in its zone.
 */
export async function listPersonReviewItems(db: Executor, personId: string, limit = 500) {
  return db
    .selectFrom('review_items as ri')
    .innerJoin('posts as p', 'p.id', 'ri.post_id')
    .leftJoin('contests as k', 'k.id', 'ri.contest_id')
    .select([
      'ri.id',
      'ri.status',
      'ri.score',
      'ri.candidate',
      'ri.contest_id',
      'ri.posted_at',
      'ri.decided_at',
      'p.platform',
      'p.author_handle',
      'p.text',
      'k.region_code as contest_region_code',
      'k.region_name as contest_name',
    ])
    .where('ri.person_id', '=', personId)
    .orderBy('ri.posted_at', (ob) => ob.desc().nullsLast())
    .orderBy('ri.id')
    .limit(limit)
    .execute();
}

/** Counts by outcome and the first and last confirmed violation of a person. */
export async function summarisePersonReviews(db: Executor, personId: string) {
  const rows = await db
    .selectFrom('review_items')
    .select([
      'status',
      (eb) => eb.fn.countAll<string>().as('n'),
      (eb) => eb.fn.min('posted_at').as('first_at'),
      (eb) => eb.fn.max('posted_at').as('last_at'),
    ])
    .where('person_id', '=', personId)
    .groupBy('status')
    .execute();
  const counts: Record<string, number> = {};
  let firstViolation: Date | null = null;
  let lastViolation: Date | null = null;
  for (const row of rows) {
    counts[row.status] = Number(row.n);
    if (row.status === 'confirmed') {
      firstViolation = row.first_at as Date | null;
      lastViolation = row.last_at as Date | null;
    }
  }
  return { counts, firstViolation, lastViolation };
}
