import { ArtefactStore } from '@netra/collectors';
import { type DependencyState, type Logger, parseOrThrow, ValidationError } from '@netra/core';
import { type Database, isDatabaseUnavailable } from '@netra/db';
import { QUEUE, type Queues, type ScheduleJob, scheduleJobSchema } from '@netra/queue';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { type RecheckDueOptions, recheckDuePosts } from './post-recheck.ts';
import { readRegistryFromDb } from './registry-provider.ts';
import { reverseCrawlAccountsOf } from './reverse-crawl-accounts.ts';
import { startCrawlRun } from './start-crawl-run.ts';
import { postponeForOutage, workerErrorListener } from './store-outage.ts';

export const NIGHTLY_SCHEDULER_ID = 'nightly-crawl';
export const RECHECK_SCHEDULER_ID = 'recheck-posts';

export interface SchedulerOptions {
  db: Kysely<Database>;
  connection: Redis;
  queues: Queues;
  prefix: string;
  logger: Logger;
  /** Cron pattern in `timezone`, e.g. `0 2 * * *` for 02:00 WIB. */
  nightlyCron: string;
  timezone: string;
  redisState?: DependencyState | undefined;
  /** PostgreSQL's state (`openStores`): while it is known to be down, ticks wait instead of failing. */
  databaseState?: DependencyState | undefined;
  /** Edit/deletion watch of flagged and tipped posts, every `intervalMs` (e.g. 6 h); absent = off. */
  recheck?: (Omit<RecheckDueOptions, 'db' | 'logger' | 'store' | 'queues'> & { evidenceDir: string }) | undefined;
  /** Nightly runs also reverse-crawl the registry's candidate official accounts (default true). */
  candidateReplies?: boolean | undefined;
}

/**
 * Keeps the nightly crawl on BullMQ's job scheduler (one schedule however many replicas run, because the
 * scheduler id is fixed) and turns each tick into a crawl run.
 */
export async function startScheduler(options: SchedulerOptions): Promise<Worker<ScheduleJob>> {
  await options.queues.schedule.upsertJobScheduler(
    NIGHTLY_SCHEDULER_ID,
    { pattern: options.nightlyCron, tz: options.timezone },
    { name: 'nightly-crawl', data: { trigger: 'nightly', requestedBy: null } },
  );
  if (options.recheck) {
    await options.queues.schedule.upsertJobScheduler(
      RECHECK_SCHEDULER_ID,
      { every: options.recheck.intervalMs },
      { name: RECHECK_SCHEDULER_ID, data: { trigger: 'on_demand', requestedBy: null } },
    );
  } else {
    await options.queues.schedule.removeJobScheduler(RECHECK_SCHEDULER_ID);
  }
  const recheck = options.recheck;
  const tick = async (job: Job<ScheduleJob>) => {
    if (job.name === RECHECK_SCHEDULER_ID) {
      if (!recheck) return { skipped: 'recheck disabled' };
      const { evidenceDir, ...rest } = recheck;
      const store = new ArtefactStore(evidenceDir);
      const summary = await recheckDuePosts({
        ...rest,
        store,
        db: options.db,
        logger: options.logger,
        queues: options.queues,
      });
      options.logger.info(summary, 'edit/deletion re-check done');
      return summary;
    }
    let data: ScheduleJob;
    try {
      data = parseOrThrow(scheduleJobSchema, job.data, 'SCHEDULE_PAYLOAD_INVALID');
    } catch (error) {
      if (error instanceof ValidationError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
    // The nightly run (all accounts) also reads the replies under candidates' posts; a run for chosen accounts does not.
    const candidateAccounts =
      options.candidateReplies !== false && data.trigger === 'nightly' && !data.accountIds
        ? reverseCrawlAccountsOf(await readRegistryFromDb(options.db))
        : [];
    const run = await startCrawlRun(options.db, options.queues, {
      trigger: data.trigger,
      requestedBy: null,
      accountIds: data.accountIds,
      full: data.full,
      candidateAccounts,
    });
    options.logger.info(
      { runId: run.id, accounts: run.accounts_total, candidateAccounts: candidateAccounts.length },
      'crawl run started',
    );
    return { runId: run.id };
  };
  // A tick while PostgreSQL is down waits for it (no attempt spent), like the workers' jobs: five retries over
  // about ninety seconds used to fail the night's crawl — silently — when the outage was longer.
  const worker = new Worker<ScheduleJob>(
    QUEUE.schedule,
    async (job, token) => {
      const database = options.databaseState;
      if (database && !database.available) return postponeForOutage(job, token, null, database);
      try {
        return await tick(job);
      } catch (error) {
        if (isDatabaseUnavailable(error)) return postponeForOutage(job, token, error, database);
        throw error;
      }
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => {
    options.logger.warn(
      { jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: error.message },
      'schedule job failed',
    );
  });
  worker.on('error', workerErrorListener(options.logger, 'scheduler', options.redisState));
  return worker;
}
