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

/**
 * Watched accounts (active people) of one platform stored under any of these keys — the case-folded handle
 * (with or without a leading `@`) or the platform's own id (DID, channel id) — for the reverse crawl, which meets
 * reply authors by either. Handles go through the (platform, lower(handle)) index; `platform_id` has none, so
 * only keys shaped like ids (`did:…`, `uc…`) are looked up there (a scan of one platform's accounts).
 */
export async function findWatchedAccountsByKeys(
  db: Executor,
  platform: string,
  keys: readonly string[],
): Promise<(CrawlableAccount & { platform_id: string | null })[]> {
  const wanted = [...new Set(keys.map((k) => k.replace(/^@/, '').toLowerCase()))].filter(Boolean);
  if (wanted.length === 0) return [];
  const base = () =>
    db
      .selectFrom('accounts as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.id', 'a.platform', 'a.handle', 'a.profile_url', 'a.person_id', 'a.platform_id', 'p.region_code'])
      .where('p.status', '=', 'active')
      .where('a.platform', '=', platform);
  const out: (CrawlableAccount & { platform_id: string | null })[] = [];
  for (let i = 0; i < wanted.length; i += 2500) {
    const part = wanted.slice(i, i + 2500);
    out.push(
      ...(await base()
        .where(sql<string>`lower(a.handle)`, 'in', [...part, ...part.map((k) => `@${k}`)])
        .execute()),
    );
    const ids = part.filter((k) => /^(did:|uc[a-z0-9_-]{22}$)/.test(k));
    if (ids.length > 0) out.push(...(await base().where(sql<string>`lower(a.platform_id)`, 'in', ids).execute()));
  }
  return [...new Map(out.map((a) => [a.id, a])).values()];
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
 * account, and the run's counters are recomputed from those rows, so recording the same account twice (a
 * scraper killed after recording, before its job completed) counts it once. A success replaces an earlier
 * failure of the same account; a failure never replaces a success. The run row is locked first, so
 * replicas recording different accounts of one run at once each see the other's row.
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
    await tx.selectFrom('crawl_runs').select('id').where('id', '=', input.runId).forUpdate().execute();
    await tx
      .updateTable('accounts')
      .set({ status: input.status, last_crawled_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', input.accountId)
      .execute();
    await tx
      .insertInto('crawl_run_accounts')
      .values({
        run_id: input.runId,
        account_id: input.accountId,
        status: input.status,
        posts_found: input.postsFound,
        failed: input.failed,
        errors: JSON.stringify(input.errors),
      })
      .onConflict((oc) =>
        oc
          .columns(['run_id', 'account_id'])
          .doUpdateSet({
            status: sql`excluded.status`,
            posts_found: sql`excluded.posts_found`,
            failed: sql`excluded.failed`,
            errors: sql`excluded.errors`,
            recorded_at: sql`now()`,
          })
          .where(sql<boolean>`crawl_run_accounts.failed OR NOT excluded.failed`),
      )
      .execute();
    await tx
      .updateTable('crawl_runs as r')
      .from((eb) =>
        eb
          .selectFrom('crawl_run_accounts as a')
          .where('a.run_id', '=', input.runId)
          .select([
            sql<number>`count(*)::int`.as('done'),
            sql<number>`(count(*) FILTER (WHERE a.failed))::int`.as('failed'),
            sql<number>`coalesce(sum(a.posts_found), 0)::int`.as('posts'),
            sql<string>`coalesce(
                (SELECT jsonb_agg(e || jsonb_build_object('accountId', x.account_id) ORDER BY x.recorded_at, x.account_id)
                 FROM crawl_run_accounts x, jsonb_array_elements(x.errors) e WHERE x.run_id = ${input.runId}),
                '[]'::jsonb)`.as('errors'),
          ])
          .as('s'),
      )
      .set({
        accounts_done: sql`s.done`,
        accounts_failed: sql`s.failed`,
        posts_found: sql`s.posts`,
        errors: sql`s.errors`,
        status: sql`CASE WHEN s.done >= r.accounts_total THEN 'completed' ELSE 'running' END`,
        started_at: sql`coalesce(r.started_at, now())`,
        finished_at: sql`CASE WHEN s.done >= r.accounts_total THEN coalesce(r.finished_at, now()) ELSE NULL END`,
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
