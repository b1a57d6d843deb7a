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
 * Records one account's crawl in its run, idempotently: the account's result is one row keyed by run and
 * account, and the run's counters move by the difference that row makes, so recording the same account twice
 * (a scraper killed after recording, before its job completed) counts it once. A success replaces an earlier
 * failure of the same account; a failure never replaces a success.
 *
 * The counters move by a delta instead of being recounted from every account row of the run: a recount costs
 * a scan of the run's rows per account, under the run's lock — quadratic over a night (at 100,000 accounts the
 * last ones each aggregated ~100,000 rows while every scraper waited on that lock). Two recordings of the same
 * account are ordered by the account's own row (the insert of the first blocks the second, which then locks
 * that row); the run's row is locked only by the last statement, so replicas recording different accounts wait
 * on each other for one UPDATE, not for the whole transaction.
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
  const write = async (tx: Executor) => {
    await tx
      .updateTable('accounts')
      .set({ status: input.status, last_crawled_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', input.accountId)
      .execute();
    const row = {
      status: input.status,
      posts_found: input.postsFound,
      failed: input.failed,
      errors: JSON.stringify(input.errors),
    };
    const first = await tx
      .insertInto('crawl_run_accounts')
      .values({ run_id: input.runId, account_id: input.accountId, ...row })
      .onConflict((oc) => oc.columns(['run_id', 'account_id']).doNothing())
      .returning('account_id')
      .executeTakeFirst();
    let previous: { failed: boolean; posts_found: number } | undefined;
    if (!first) {
      previous = await tx
        .selectFrom('crawl_run_accounts')
        .select(['failed', 'posts_found'])
        .where('run_id', '=', input.runId)
        .where('account_id', '=', input.accountId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (!previous.failed && input.failed) return;
      await tx
        .updateTable('crawl_run_accounts')
        .set({ ...row, recorded_at: sql`now()` })
        .where('run_id', '=', input.runId)
        .where('account_id', '=', input.accountId)
        .execute();
    }
    const done = previous ? 0 : 1;
    const failed = (input.failed ? 1 : 0) - (previous?.failed ? 1 : 0);
    const posts = input.postsFound - (previous?.posts_found ?? 0);
    const added = JSON.stringify(input.errors.map((e) => ({ ...e, accountId: input.accountId })));
    // A replaced result takes its errors with it; the new ones go last (the run's errors are in recording order).
    const kept = previous
      ? sql`coalesce((SELECT jsonb_agg(e.value ORDER BY e.n) FROM jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n) WHERE e.value->>'accountId' IS DISTINCT FROM ${input.accountId}), '[]'::jsonb)`
      : sql`r.errors`;
    await tx
      .updateTable('crawl_runs as r')
      .set({
        accounts_done: sql`r.accounts_done + ${done}::int`,
        accounts_failed: sql`r.accounts_failed + ${failed}::int`,
        posts_found: sql`r.posts_found + ${posts}::int`,
        errors: sql`${kept} || ${added}::jsonb`,
        status: sql`CASE WHEN r.accounts_done + ${done}::int >= r.accounts_total THEN 'completed' ELSE 'running' END`,
        started_at: sql`coalesce(r.started_at, now())`,
        finished_at: sql`CASE WHEN r.accounts_done + ${done}::int >= r.accounts_total THEN coalesce(r.finished_at, now()) ELSE NULL END`,
      })
      .where('r.id', '=', input.runId)
      .execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export async function findCrawlRun(db: Executor, id: string) {
  return db.selectFrom('crawl_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCrawlRuns(db: Executor, limit = 20) {
  return db.selectFrom('crawl_runs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

/** Marks a run with nothing to crawl as completed at once. */
export async function completeEmptyCrawlRun(db: Executor, runId: string) {
  return db
    .updateTable('crawl_runs')
    .set({ status: 'completed', finished_at: new Date() })
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
