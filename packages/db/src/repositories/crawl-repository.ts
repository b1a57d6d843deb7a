import { storableJson } from '@netra/core';
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
  run: {
    trigger: 'nightly' | 'on_demand';
    requestedBy: string | null;
    accountsTotal: number;
    target?: string | null | undefined;
    /** A run of a list of accounts: the accounts it queues (a later request for some of them is held by it). */
    accountIds?: readonly string[] | null | undefined;
  },
) {
  return db
    .insertInto('crawl_runs')
    .values({
      trigger: run.trigger,
      requested_by: run.requestedBy,
      accounts_total: run.accountsTotal,
      target: run.target ?? null,
      account_ids: run.accountIds ? [...run.accountIds] : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Holds the crawl target's advisory lock to the end of the transaction: two "crawl now" requests for one target
 * look for its unfinished run one after the other, so the second finds the run the first opened.
 */
export async function lockCrawlTarget(tx: Executor, target: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_CRAWL_TARGET}::int, hashtext(${target}))`.execute(tx);
}

// A lock class of its own (the other advisory locks use 7301–7304).
const LOCK_CRAWL_TARGET = 7370;

/** The newest queued or running run of this target opened after `since` (an older one is taken as stuck). */
export async function findActiveCrawlRun(db: Executor, target: string, since: Date) {
  return db
    .selectFrom('crawl_runs')
    .selectAll()
    .where('target', '=', target)
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The newest queued or running run of one of these targets (the crawl of all) opened after `since` that holds
 * every one of these accounts: a run of all queued the accounts watched when it opened, so an account added
 * after that is not in it.
 */
export async function findActiveCrawlRunHolding(
  db: Executor,
  targets: readonly string[],
  accountIds: readonly string[],
  since: Date,
) {
  return db
    .selectFrom('crawl_runs as r')
    .selectAll('r')
    .where('r.target', 'in', targets)
    .where('r.status', 'in', ['queued', 'running'])
    .where('r.created_at', '>', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('accounts as a')
            .select('a.id')
            .where('a.id', 'in', accountIds)
            .whereRef('a.created_at', '>', 'r.created_at'),
        ),
      ),
    )
    .orderBy('r.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The newest queued or running run of a list of accounts (target starting with one of `prefixes`) opened after
 * `since` whose accounts include every one of these: a "crawl now" of some accounts a list run already queues.
 */
export async function findActiveListRunHolding(
  db: Executor,
  prefixes: readonly string[],
  accountIds: readonly string[],
  since: Date,
) {
  return db
    .selectFrom('crawl_runs')
    .selectAll()
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '>', since)
    .where('target', 'is not', null)
    .where((eb) => eb.or(prefixes.map((p) => eb(sql`left(target, ${p.length})`, '=', p))))
    .where(sql<boolean>`account_ids @> ${sql.val([...accountIds])}::uuid[]`)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Records one account's crawl in its run, idempotently: the account's result is one row keyed by run and
 * account, and the run's counters move by the difference that row makes, so recording the same account twice
 * (a scraper killed after recording, before its job completed) counts it once. A success replaces an earlier
 * failure of the same account; a failure never replaces a success.
 *
 * Why one statement with deltas: every scraper replica records into the same run row. Recounting the run's
 * account rows per account was quadratic over a night, and a transaction that updated the run row and then
 * waited for its client's COMMIT held that row's lock for a client round trip — on a loaded scraper tens of
 * milliseconds, which capped the whole night at ~16 accounts/s (docs/performance.md). As one statement the
 * row is locked from its UPDATE to the statement's own commit, with no client in between.
 *
 * Inside the statement: `prev` locks the account's earlier result, if any; the upsert inserts a first result or
 * replaces an earlier one that may be replaced; the run's counters move by what changed. A first result that
 * another replica committed after this statement's snapshot is visible to neither `prev` nor the insert (it
 * conflicts): nothing is written and the statement is run again, now seeing that result.
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
  // Error messages can quote a platform's answer, which may hold NUL or half a surrogate pair: jsonb refuses
  // both, and the account's result (and the run's counters) would then fail on every retry.
  const errors = storableJson(input.errors) ?? '[]';
  const added = storableJson(input.errors.map((e) => ({ ...e, accountId: input.accountId }))) ?? '[]';
  for (let attempt = 1; ; attempt++) {
    const { rows } = await sql<{ wrote: number; had_previous: number }>`
      WITH account AS (
        UPDATE accounts SET status = ${input.status}, last_crawled_at = now(), updated_at = now()
         WHERE id = ${input.accountId} RETURNING id
      ), prev AS (
        SELECT failed, posts_found FROM crawl_run_accounts
         WHERE run_id = ${input.runId} AND account_id = ${input.accountId} FOR UPDATE
      ), up AS (
        INSERT INTO crawl_run_accounts AS c (run_id, account_id, status, posts_found, failed, errors)
        VALUES (${input.runId}, ${input.accountId}, ${input.status}, ${input.postsFound}, ${input.failed}, ${errors}::jsonb)
        ON CONFLICT (run_id, account_id) DO UPDATE
           SET status = excluded.status, posts_found = excluded.posts_found, failed = excluded.failed,
               errors = excluded.errors, recorded_at = now()
         WHERE EXISTS (SELECT 1 FROM prev) AND (c.failed OR NOT excluded.failed)
        RETURNING 1
      ), delta AS (
        SELECT CASE WHEN p.failed IS NULL THEN 1 ELSE 0 END AS done,
               ${input.failed}::boolean::int - coalesce(p.failed::int, 0) AS failed,
               ${input.postsFound}::int - coalesce(p.posts_found, 0) AS posts,
               p.failed IS NOT NULL AS replaced
          FROM (SELECT 1) one LEFT JOIN prev p ON true
         WHERE EXISTS (SELECT 1 FROM up)
      ), run AS (
        UPDATE crawl_runs r
           SET accounts_done = r.accounts_done + d.done,
               accounts_failed = r.accounts_failed + d.failed,
               posts_found = r.posts_found + d.posts,
               -- A replaced result takes its errors with it; the new ones go last (recording order).
               errors = CASE WHEN d.replaced
                          THEN coalesce((SELECT jsonb_agg(e.value ORDER BY e.n)
                                           FROM jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n)
                                          WHERE e.value->>'accountId' IS DISTINCT FROM ${input.accountId}), '[]'::jsonb)
                          ELSE r.errors END || ${added}::jsonb,
               status = CASE WHEN r.accounts_done + d.done >= r.accounts_total THEN 'completed' ELSE 'running' END,
               started_at = coalesce(r.started_at, now()),
               finished_at = CASE WHEN r.accounts_done + d.done >= r.accounts_total
                                  THEN coalesce(r.finished_at, now()) ELSE NULL END
          FROM delta d
         WHERE r.id = ${input.runId}
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM up)::int AS wrote, (SELECT count(*) FROM prev)::int AS had_previous,
             (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM run)::int AS runs`.execute(db);
    const row = rows[0];
    // Written, or an earlier success kept (a failure never replaces it): done either way.
    if (!row || row.wrote > 0 || row.had_previous > 0) return;
    // Another replica's first result for this account landed after this statement's snapshot: run it again.
    if (attempt >= 5) throw new Error(`recordAccountCrawled: ${input.runId}/${input.accountId} kept racing`);
  }
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
