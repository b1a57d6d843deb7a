import { writeSync } from 'node:fs';
import {
  API_PLATFORMS,
  type ApiCursors,
  ArtefactStore,
  BrowserPool,
  type CrawlStatus,
  crawlAccount,
  type EvidenceStore,
  interactionItems,
  isApiPlatform,
  type PlatformOrigins,
  Politeness,
  type PolitenessOptions,
} from '@netra/collectors';
import { isNetraError, type Logger, type Platform, parseOrThrow, type Registry, ValidationError } from '@netra/core';
import {
  type AccountStatus,
  advanceAccountCursors,
  type CursorStream,
  type Database,
  getAccountCursors,
  isDatabaseUnavailable,
  markDueForRecheck,
  recordAccountCrawled,
} from '@netra/db';
import {
  CANDIDATE_REPLIES_JOB,
  type CrawlJob,
  type CrawlQueueJob,
  candidateRepliesJobSchema,
  crawlJobSchema,
  postKey,
  QUEUE,
  type Queues,
} from '@netra/queue';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { candidateAccountsOf } from './candidate-accounts.ts';
import { type CandidateRepliesOutcome, runCandidateReplies } from './candidate-replies-job.ts';
import { platformSwitchedOff } from './platform-switches.ts';
import { recordAndQueueSightings } from './queue-collected.ts';
import { RegistryProvider } from './registry-provider.ts';
import { postponeForOutage, type StoreStates, workerErrorListener } from './store-outage.ts';

export interface ScraperWorkerOptions {
  db: Kysely<Database>;
  connection: Redis;
  queues: Queues;
  prefix: string;
  logger: Logger;
  evidenceDir: string;
  /** Where evidence goes (`openEvidenceStore`); default: files under `evidenceDir`. */
  evidenceStore?: EvidenceStore | undefined;
  platformOrigins: PlatformOrigins;
  chromiumPath?: string | undefined;
  /** Accounts crawled at once (one browser page each). */
  concurrency: number;
  maxPostsPerAccount: number;
  lockDurationMs: number;
  /** Outage reporting; see `openStores`. */
  stores?: StoreStates;
  /**
   * Fault suite only (NETRA_TEST_EXIT_AFTER_COUNTER): the process SIGKILLs itself right after its first
   * account's counters are recorded, before the job completes — the window in which a non-idempotent
   * counter would count the account twice when the job runs again.
   */
  exitAfterCounterForTests?: boolean;
  /** YouTube Data API key: the YouTube collector then also reads uploads older than the feed's latest 15. */
  youtubeApiKey?: string | undefined;
  /** Platforms read over plain HTTP; default Bluesky, Mastodon and Telegram (add `youtube` for its feed). */
  apiPlatforms?: readonly Platform[] | undefined;
  /** Read only what is newer than the account's cursor (default true); a job with `full` reads everything. */
  incremental?: boolean | undefined;
  /** Also read likes and follows on API platforms (default true); those toward candidates become items. */
  interactions?: boolean | undefined;
  /** Per-platform concurrency, delay with jitter, kill switch and user agent (default: none of them). */
  politeness?: PolitenessOptions | undefined;
  /** Reverse crawl: newest posts per candidate official account whose replies are read (default 20). */
  candidatePostsPerAccount?: number | undefined;
  /** API platforms: download post images (at most `maxBytes` each) for OCR; absent = not downloaded. */
  images?: { maxBytes: number } | undefined;
  /**
   * On `close()`, how long crawls in flight may finish (default 5 s, within the deployable's 10 s shutdown step).
   * Then the browser is closed and the crawls still running are put back on the queue, not counted.
   */
  shutdownGraceMs?: number | undefined;
}

/** A crawl cut short by the worker's shutdown: its job goes back to the queue, nothing of it is recorded. */
class ShutdownInterruption extends Error {}

/** An API crawl that did not recognise the platform's answer says nothing about the account itself. */
function accountStatusOf(status: CrawlStatus): AccountStatus {
  return status === 'response_unrecognised' || status === 'markup_changed' ? 'unknown' : status;
}

async function loadCursors(db: Kysely<Database>, accountId: string): Promise<ApiCursors> {
  const out: ApiCursors = {};
  for (const c of await getAccountCursors(db, accountId)) {
    out[c.stream] = { newestId: c.newestId, newestAt: c.newestAt ? c.newestAt.toISOString() : null };
  }
  return out;
}

export interface ScraperWorker {
  worker: Worker<CrawlQueueJob>;
  close(): Promise<void>;
}

export interface CrawlOutcome {
  status: string;
  posts: number;
  errors: number;
  /** Posts this crawl stored for the first time. */
  newPosts: number;
  /** The code of each error the crawl recorded (metrics count them by platform and code). */
  errorCodes: string[];
}

/**
 * The scraper worker: one crawl job per account. Posts go onto the classify queue under deterministic ids;
 * the account's status and the run's progress go to the database. A retryable failure (navigation) is
 * retried by BullMQ; when the last attempt fails, the account is counted as failed in its run and the job
 * stays in the failed list.
 */
export function startScraperWorker(options: ScraperWorkerOptions): ScraperWorker {
  const politeness = new Politeness(options.politeness ?? {});
  // Set when close() shuts the browser under crawls still running: their results are not the accounts' results.
  let interrupted = false;
  const pool = new BrowserPool({
    executablePath: options.chromiumPath,
    maxConcurrency: options.concurrency,
    ...(politeness.userAgent ? { userAgent: politeness.userAgent } : {}),
  });
  const store = options.evidenceStore ?? new ArtefactStore(options.evidenceDir);
  const registry = new RegistryProvider(options.db);
  // The official-account map only changes when the registry does; the provider hands out the same object until then.
  let accountsFor: { registry: Registry; map: Record<string, string> } | null = null;
  const candidateAccounts = async () => {
    const current = await registry.get();
    if (accountsFor?.registry !== current) accountsFor = { registry: current, map: candidateAccountsOf(current) };
    return accountsFor.map;
  };

  // YouTube's feed has no community posts, so its channel page stays the default; config can switch it.
  const apiPlatforms = options.apiPlatforms ?? API_PLATFORMS.filter((p) => p !== 'youtube');
  const crawl = async (job: Job<CrawlJob>): Promise<CrawlOutcome> => {
    let data: CrawlJob;
    try {
      data = parseOrThrow(crawlJobSchema, job.data, 'CRAWL_PAYLOAD_INVALID');
    } catch (error) {
      if (error instanceof ValidationError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
    // Every line about this job carries the run, the job and the account: one crawl can be followed across
    // the scraper, classifier and API logs (docs/operations.md).
    const log = options.logger.child({
      runId: data.runId,
      jobId: job.id,
      accountId: data.accountId,
      platform: data.platform,
    });
    // Kill switch, from configuration or from the admin page (read per job, so a switch takes effect on the
    // next job without a restart): the platform is not contacted; the account is reported, not silently skipped.
    const switched = politeness.isDisabled(data.platform)
      ? { off: true as const, why: 'SCRAPER_DISABLED_PLATFORMS' }
      : await platformSwitchedOff(options.db, data.platform).then((s) =>
          s.off ? { off: true as const, why: `admin ${s.by ?? '?'}: ${s.reason}` } : { off: false as const },
        );
    if (switched.off) {
      log.info({ why: switched.why }, 'platform switched off: crawl skipped');
      await recordAccountCrawled(options.db, {
        runId: data.runId,
        accountId: data.accountId,
        status: 'unknown',
        postsFound: 0,
        failed: false,
        errors: [
          {
            code: 'COLLECTOR_PLATFORM_DISABLED',
            message: `${data.platform}: pengumpulan dimatikan (${switched.why}) / collection switched off`,
          },
        ],
      });
      return { status: 'disabled', posts: 0, newPosts: 0, errors: 1, errorCodes: ['COLLECTOR_PLATFORM_DISABLED'] };
    }
    const viaApi = isApiPlatform(data.platform) && apiPlatforms.includes(data.platform);
    const incremental = viaApi && options.incremental !== false && !data.full;
    const cursors = incremental ? await loadCursors(options.db, data.accountId) : undefined;
    const candidates = await candidateAccounts();
    const result = await politeness.slot(data.platform, () =>
      crawlAccount({
        account: { id: data.accountId, platform: data.platform, handle: data.handle, profileUrl: data.profileUrl },
        pace: () => politeness.pace(data.platform),
        ...(politeness.userAgent ? { http: { userAgent: politeness.userAgent } } : {}),
        apiPlatforms,
        ...(cursors ? { cursors } : {}),
        ...(viaApi && options.interactions !== false ? { interactions: true } : {}),
        ...(options.youtubeApiKey ? { youtubeApiKey: options.youtubeApiKey } : {}),
        ...(options.images ? { images: options.images } : {}),
        pool,
        store,
        platformOrigins: options.platformOrigins,
        maxPosts: options.maxPostsPerAccount,
        candidateAccounts: candidates,
        crawlRunId: data.runId,
      }),
    );
    // The browser was closed under this crawl (shutdown): what it read may be partial or failed navigations —
    // neither is the account's result. The job goes back to the queue and is crawled again after the restart.
    if (interrupted) throw new ShutdownInterruption('shutdown');
    const fatal = result.errors.find((e) => e.retryable);
    if (fatal && result.posts.length === 0) throw fatal;
    // Likes, follows, reposts and replies toward a candidate's official account are items too, queued by the
    // same keyed path as posts (deterministic external ids such as `like:<uri>`).
    const items = interactionItems(
      { id: data.accountId, platform: data.platform, handle: data.handle, profileUrl: data.profileUrl },
      result.posts,
      result.interactions ?? [],
    );
    const collected = [...items.posts, ...items.added.map((p) => ({ ...p, crawlRunId: data.runId }))];
    if (items.invalid.length > 0 || items.added.length > 0 || items.ignored > 0) {
      log.info(
        { accountId: data.accountId, added: items.added.length, ignored: items.ignored, invalid: items.invalid },
        'interactions: toward candidates queued, others counted',
      );
    }
    // The sighting goes to PostgreSQL first: a post seen again moves its last_seen_at here, whatever the
    // classify queue does with a job id it already holds; a post seen edited keeps the edit as a version.
    // Classification stays once per post and text. A post with images waits for their text (ocr queue →
    // classify queue); the others go straight to the classifier. Both job ids are deterministic per post
    // (docs/decisions.md, "Text in images").
    // Read through the platform's API, a post's text is complete: an empty one was emptied by its author.
    const newPosts = await recordAndQueueSightings(
      options.db,
      options.queues,
      collected.map((post) => ({ post, regionCode: data.regionCode })),
      { textComplete: viaApi },
    );
    for (const post of collected) log.debug({ postKey: postKey(post) }, 'post queued for classification');
    // Only after the posts are safely queued: a crash before this line re-reads them, never skips them.
    if (viaApi && result.status === 'ok' && result.cursors) {
      await advanceAccountCursors(
        options.db,
        Object.entries(result.cursors).flatMap(([stream, cursor]) =>
          cursor
            ? [
                {
                  accountId: data.accountId,
                  stream: stream as CursorStream,
                  newestId: cursor.newestId,
                  newestAt: cursor.newestAt ? new Date(cursor.newestAt) : null,
                },
              ]
            : [],
        ),
      );
    }
    if (result.gaps && result.gaps.length > 0 && data.platform === 'telegram') {
      // Ids missing between two messages: stored ones among them are deletion candidates, re-checked next run.
      const missing: string[] = [];
      for (const gap of result.gaps) {
        for (let id = Number(gap.after) + 1; id < Number(gap.before) && missing.length < 5_000; id++) {
          missing.push(`${data.handle}/${id}`);
        }
      }
      const marked = await markDueForRecheck(options.db, data.platform, missing);
      log.info(
        { accountId: data.accountId, gaps: result.gaps, storedCandidates: marked },
        'message ids missing: deletion candidates',
      );
    }
    await recordAccountCrawled(options.db, {
      runId: data.runId,
      accountId: data.accountId,
      status: accountStatusOf(result.status),
      postsFound: collected.length,
      failed: false,
      errors: [
        ...result.errors.map((e) => ({ code: e.code, message: e.message })),
        ...items.invalid.map((i) => ({ code: 'INTERACTION_INVALID', message: `${i.externalId}: ${i.message}` })),
      ],
    });
    if (options.exitAfterCounterForTests) {
      // Written synchronously: pino's asynchronous stream would lose the line to the SIGKILL that follows.
      writeSync(
        2,
        `${JSON.stringify({ level: 40, accountId: data.accountId, msg: 'NETRA_TEST_EXIT_AFTER_COUNTER: dying after the counter update' })}\n`,
      );
      process.kill(process.pid, 'SIGKILL');
    }
    log.info(
      { status: result.status, posts: collected.length, errorCodes: result.errors.map((e) => e.code) },
      'account crawled',
    );
    return {
      status: result.status,
      posts: collected.length,
      newPosts,
      errors: result.errors.length,
      errorCodes: result.errors.map((e) => e.code),
    };
  };

  const reverse = async (job: Job<CrawlQueueJob>): Promise<CandidateRepliesOutcome> => {
    let data: ReturnType<typeof candidateRepliesJobSchema.parse>;
    try {
      data = parseOrThrow(candidateRepliesJobSchema, job.data, 'CANDIDATE_REPLIES_PAYLOAD_INVALID');
    } catch (error) {
      if (error instanceof ValidationError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
    return runCandidateReplies(data, {
      db: options.db,
      queues: options.queues,
      store,
      platformOrigins: options.platformOrigins,
      politeness,
      logger: options.logger.child({ jobId: job.id }),
      maxPosts: options.candidatePostsPerAccount ?? 20,
      youtubeApiKey: options.youtubeApiKey,
      images: options.images,
    });
  };

  const processJob = async (
    job: Job<CrawlQueueJob>,
    token?: string,
  ): Promise<CrawlOutcome | CandidateRepliesOutcome> => {
    const database = options.stores?.database;
    if (database && !database.available) return postponeForOutage(job, token, null, database);
    try {
      if (job.name === CANDIDATE_REPLIES_JOB) return await reverse(job);
      return await crawl(job as Job<CrawlJob>);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return postponeForOutage(job, token, error, database);
      if (interrupted && token) {
        // Back to the queue at once, no attempt spent: the shutdown was not the account's fault.
        options.logger.info({ jobId: job.id }, 'crawl interrupted by shutdown: job returned to the queue');
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      throw error;
    }
  };

  const worker = new Worker<CrawlQueueJob, CrawlOutcome | CandidateRepliesOutcome>(QUEUE.crawl, processJob, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    // A malformed job's data may be anything JSON holds (a string, a number, null): `in` would throw on it.
    const data: Partial<Record<string, unknown>> =
      typeof job.data === 'object' && job.data !== null ? (job.data as unknown as Record<string, unknown>) : {};
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    options.logger.warn(
      {
        runId: text(data.runId),
        jobId: job.id,
        accountId: text(data.accountId),
        candidateAccount: 'candidate' in data ? text(data.handle) : undefined,
        platform: text(data.platform),
        attempts: job.attemptsMade,
        final,
        err: error.message,
      },
      'crawl job failed',
    );
    // A candidate account's reverse crawl is not a watched account: its failure stays in the failed-jobs list.
    const runId = text(data.runId);
    const accountId = text(data.accountId);
    if (!final || !runId || !accountId) return;
    recordAccountCrawled(options.db, {
      runId,
      accountId,
      // Unknown, not blocked: repeated navigation failures say nothing certain about the account.
      status: 'unknown',
      postsFound: 0,
      failed: true,
      errors: [{ code: isNetraError(error) ? error.code : 'CRAWL_FAILED', message: error.message }],
    }).catch((e: unknown) => options.logger.error({ err: e }, 'could not record failed crawl'));
  });
  worker.on('error', workerErrorListener(options.logger, 'scraper worker', options.stores?.redis));
  return {
    worker,
    close: async () => {
      // Stop taking jobs and let those in flight finish for a while; then close the browser, which ends the page
      // crawls still running (their jobs go back to the queue), and wait for them to be handed back. Before, the
      // browser was closed only after every crawl had finished — a page that never loads kept it (and the job)
      // past the deployable's shutdown step, and the process exited with the job locked for SCRAPER_LOCK_MS.
      const closed = worker.close();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.shutdownGraceMs ?? 5_000);
      });
      await Promise.race([closed, grace]);
      clearTimeout(timer);
      interrupted = true;
      await pool.close();
      await closed;
    },
  };
}
