import { countPostsStoredSince, type Database, readReviewBacklog } from '@netra/db';
import type { Kysely } from 'kysely';
import type { NetraMetrics } from './netra-metrics.ts';

/**
 * What only PostgreSQL knows: the analysts' backlog and the posts stored in the last hour. Exported by the
 * API (one process per installation is enough; a worker restart does not reset them as counters would).
 */
export function registerDatabaseMetrics(metrics: NetraMetrics, db: Kysely<Database>): void {
  metrics.gauge('netra_review_backlog', 'Review items waiting on an analyst, by status', ['status'], async (gauge) => {
    const backlog = await readReviewBacklog(db);
    gauge.reset();
    for (const [status, n] of Object.entries(backlog.byStatus)) gauge.set({ status }, n);
  });
  metrics.gauge(
    'netra_review_backlog_oldest_seconds',
    'Age of the oldest review item still undecided (0 when none)',
    [],
    async (gauge) => {
      gauge.set((await readReviewBacklog(db)).oldestAgeSeconds);
    },
  );
  metrics.gauge('netra_posts_stored_last_hour', 'Posts first stored in the last hour', [], async (gauge) => {
    gauge.set(await countPostsStoredSince(db, new Date(Date.now() - 3_600_000)));
  });
}
