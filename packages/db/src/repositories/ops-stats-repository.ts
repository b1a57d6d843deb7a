import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';

/** Review states still waiting on an analyst: the backlog an operator watches. */
export const UNDECIDED_REVIEW_STATUSES = ['open', 'needs_info', 'escalated'] as const;

export interface ReviewBacklog {
  /** Undecided items per status (every undecided status present, 0 when none). */
  byStatus: Record<(typeof UNDECIDED_REVIEW_STATUSES)[number], number>;
  /** Age in seconds of the oldest undecided item, 0 when there is none. */
  oldestAgeSeconds: number;
}

/** The analysts' backlog for the metrics endpoint: one grouped count over the queue's status index. */
export async function readReviewBacklog(db: Executor, now: Date = new Date()): Promise<ReviewBacklog> {
  const rows = await db
    .selectFrom('review_items')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', [...UNDECIDED_REVIEW_STATUSES])
    .groupBy('status')
    .execute();
  const byStatus = { open: 0, needs_info: 0, escalated: 0 };
  let oldest: number | null = null;
  for (const row of rows) {
    byStatus[row.status as keyof typeof byStatus] = Number(row.n);
    const at = row.oldest ? new Date(row.oldest as unknown as string).getTime() : null;
    if (at !== null && (oldest === null || at < oldest)) oldest = at;
  }
  return { byStatus, oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000) };
}

/** Posts first stored in the last hour (by `created_at`): the pipeline's hourly throughput as PostgreSQL sees it. */
export async function countPostsStoredSince(db: Executor, since: Date): Promise<number> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Round trip to PostgreSQL for readiness probes. */
export async function pingDatabase(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
