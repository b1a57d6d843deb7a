import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { AccountStatus } from '../schema/watchlist-tables.ts';

export interface CrawlableAccount {
  id: string;
  platform: string;
  handle: string;
  profile_url: string;
  person_id: string;
  region_code: string;
}

/** Accounts of people still watched (active status), in a stable order. */
export async function listCrawlableAccounts(db: Executor, accountIds?: string[]): Promise<CrawlableAccount[]> {
  let q = db
    .selectFrom('accounts as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.platform', 'a.handle', 'a.profile_url', 'a.person_id', 'p.region_code'])
    .where('p.status', '=', 'active');
  if (accountIds && accountIds.length > 0) q = q.where('a.id', 'in', accountIds);
  return q.orderBy('a.platform').orderBy('a.handle').execute();
}

export async function createCrawlRun(
  db: Executor,
  run: { trigger: 'nightly' | 'on_demand'; requestedBy: string | null; accountsTotal: number },
) {
  return db
    .insertInto('crawl_runs')
    .values({ trigger: run.trigger, requested_by: run.requestedBy, accounts_total: run.accountsTotal })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Records one account's crawl in its run. Counters move with SQL arithmetic so concurrent scraper replicas
 * never overwrite each other; the run completes when every account has reported.
 */
export async function recordAccountCrawled(
  db: Executor,
  input: {
    runId: string;
    accountId: string;
    status: AccountStatus;
    postsFound: number;
    failed: boolean;
    errors: { code: string; message: string }[];
  },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ status: input.status, last_crawled_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', input.accountId)
    .execute();
  await db
    .updateTable('crawl_runs')
    .set((eb) => ({
      accounts_done: eb('accounts_done', '+', 1),
      accounts_failed: eb('accounts_failed', '+', input.failed ? 1 : 0),
      posts_found: eb('posts_found', '+', input.postsFound),
      errors:
        input.errors.length > 0
          ? sql`errors || ${JSON.stringify(input.errors.map((e) => ({ ...e, accountId: input.accountId })))}::jsonb`
          : sql`errors`,
      status: sql`CASE WHEN accounts_done + 1 >= accounts_total THEN 'completed' ELSE 'running' END`,
      started_at: sql`coalesce(started_at, now())`,
      finished_at: sql`CASE WHEN accounts_done + 1 >= accounts_total THEN now() ELSE NULL END`,
    }))
    .where('id', '=', input.runId)
    .execute();
}

export async function findCrawlRun(db: Executor, id: string) {
  return db.selectFrom('crawl_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCrawlRuns(db: Executor, limit = 20) {
  return db.selectFrom('crawl_runs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}
