import { createHash } from 'node:crypto';
import type { Database } from '@netra/db';
import {
  appendAudit,
  completeEmptyCrawlRun,
  createCrawlRun,
  findActiveCrawlRun,
  findActiveCrawlRunHolding,
  findActiveListRunHolding,
  listCrawlableAccounts,
  lockCrawlTarget,
} from '@netra/db';
import {
  CANDIDATE_REPLIES_JOB,
  type CandidateRepliesJob,
  candidateRepliesJobId,
  crawlJobId,
  type Queues,
} from '@netra/queue';
import type { Kysely } from 'kysely';

export interface StartCrawlInput {
  trigger: 'nightly' | 'on_demand';
  requestedBy: { id: string; username: string } | null;
  /** Only these accounts; all watched accounts when absent. */
  accountIds?: string[] | undefined;
  /** Read everything again instead of only what is newer than each account's cursor. */
  full?: boolean | undefined;
  /**
   * Candidate official accounts to reverse-crawl in this run (replies under their newest posts): one job each
   * on the crawl queue, beside the watched accounts' jobs and not counted among them.
   */
  candidateAccounts?: readonly Omit<CandidateRepliesJob, 'runId'>[] | undefined;
}

/**
 * Opens a crawl run and queues one job per watched account. Job ids are derived from run and account, so
 * a retried request does not crawl an account twice in the same run.
 */
export async function startCrawlRun(db: Kysely<Database>, queues: Queues, input: StartCrawlInput) {
  return (await openCrawlRun(db, queues, input, null)).run;
}

/**
 * "Crawl now": like `startCrawlRun`, but while a crawl of the same target (all watched accounts, or the same
 * accounts in any order) is queued or running, that run is returned (`existing`) and nothing is queued — a
 * double click or two supervisors at once otherwise crawled every account twice. Concurrent requests meet at
 * the target's advisory lock. A run unfinished after `STUCK_RUN_HOURS` (its jobs lost with Redis) is not waited on.
 */
export async function requestCrawlRun(db: Kysely<Database>, queues: Queues, input: StartCrawlInput) {
  return openCrawlRun(db, queues, input, crawlTarget(input));
}

/** Longer than a nightly run of every account takes; an older unfinished run is taken as stuck. */
export const STUCK_RUN_HOURS = 24;

/** What a run crawls: `all`, or a digest of its sorted account ids (thousands of ids do not fit a key). */
export function crawlTarget(input: Pick<StartCrawlInput, 'accountIds' | 'full'>): string {
  const ids = [...new Set(input.accountIds ?? [])].sort();
  const what = ids.length === 0 ? 'all' : `accounts:${createHash('sha256').update(ids.join(',')).digest('hex')}`;
  return input.full ? `full:${what}` : what;
}

async function openCrawlRun(db: Kysely<Database>, queues: Queues, input: StartCrawlInput, target: string | null) {
  const accounts = await listCrawlableAccounts(db, input.accountIds);
  const opened = await db.transaction().execute(async (tx) => {
    if (target !== null) {
      const active = await activeRunHolding(tx, target, input, accounts);
      if (active) return { run: active, existing: true };
    }
    const created = await createCrawlRun(tx, {
      trigger: input.trigger,
      requestedBy: input.requestedBy?.id ?? null,
      accountsTotal: accounts.length,
      target,
      // A run of a list of accounts names them: a later request for some of them is held by it.
      ...(target !== null && input.accountIds && input.accountIds.length > 0
        ? { accountIds: accounts.map((a) => a.id) }
        : {}),
    });
    await appendAudit(tx, {
      actorId: input.requestedBy?.id ?? null,
      actorUsername: input.requestedBy?.username ?? 'system:scheduler',
      action: 'crawl.start',
      entityType: 'crawl_run',
      entityId: created.id,
      after: { trigger: input.trigger, accounts: accounts.length, ...(input.full ? { full: true } : {}) },
    });
    if (accounts.length === 0) {
      return { run: await completeEmptyCrawlRun(tx, created.id), existing: false };
    }
    return { run: created, existing: false };
  });
  if (opened.existing) return opened;
  const { run } = opened;
  // In slices: one addBulk is one MULTI, and 100,000 jobs in one would hold Redis (and this process's memory)
  // for the whole batch while the workers wait for their first job.
  for (let i = 0; i < accounts.length; i += ADD_BULK_SLICE) {
    await addSlice(queues, run.id, accounts.slice(i, i + ADD_BULK_SLICE), input.full);
  }
  if (input.candidateAccounts && input.candidateAccounts.length > 0) {
    await queues.crawl.addBulk(
      input.candidateAccounts.map((c) => {
        const data: CandidateRepliesJob = { runId: run.id, ...c };
        return { name: CANDIDATE_REPLIES_JOB, data, opts: { jobId: candidateRepliesJobId(data) } };
      }),
    );
  }
  return opened;
}

/**
 * The queued or running run that already crawls what this request asks for: one of the same target, or — for
 * some accounts — a crawl of all, or of a list of accounts, that holds them all (the accounts it shares would
 * otherwise be crawled twice). The targets' locks are taken in one order (all, then the one lock every list
 * request shares, then the request's own), so a request for some accounts and one for all meet at the lock of
 * all, and two requests for overlapping lists meet at the shared lock: the later one sees the run the earlier
 * one opened. A crawl of all while some accounts are being crawled does start: the other accounts need it, and
 * cutting the shared ones out of it would change what the run of all reports; so does a list with an account
 * the running list lacks.
 */
async function activeRunHolding(
  tx: Kysely<Database>,
  target: string,
  input: StartCrawlInput,
  accounts: readonly { id: string }[],
) {
  const since = new Date(Date.now() - STUCK_RUN_HOURS * 3_600_000);
  // A full re-read is held only by a full run; a read of what is new by either kind.
  const allTargets = input.full ? [crawlTarget({ full: true })] : [crawlTarget({}), crawlTarget({ full: true })];
  const some = accounts.length > 0 && !allTargets.includes(target);
  if (some) {
    for (const all of allTargets) await lockCrawlTarget(tx, all);
    await lockCrawlTarget(tx, LIST_REQUESTS_LOCK);
  }
  await lockCrawlTarget(tx, target);
  const same = await findActiveCrawlRun(tx, target, since);
  if (same || !some) return same;
  const ids = accounts.map((a) => a.id);
  return (
    (await findActiveCrawlRunHolding(tx, allTargets, ids, since)) ??
    (await findActiveListRunHolding(tx, input.full ? ['full:accounts:'] : ['accounts:', 'full:accounts:'], ids, since))
  );
}

/** The lock every request for a list of accounts takes (lists overlap whatever their digests). */
const LIST_REQUESTS_LOCK = 'lists';

const ADD_BULK_SLICE = 2_000;

async function addSlice(
  queues: Queues,
  runId: string,
  accounts: Awaited<ReturnType<typeof listCrawlableAccounts>>,
  full: boolean | undefined,
) {
  await queues.crawl.addBulk(
    accounts.map((a) => {
      const data = {
        runId,
        accountId: a.id,
        platform: a.platform as 'facebook',
        handle: a.handle,
        profileUrl: a.profile_url,
        regionCode: a.region_code,
        ...(full ? { full: true } : {}),
      };
      return { name: 'crawl-account', data, opts: { jobId: crawlJobId(data) } };
    }),
  );
}
