import { writeSync } from 'node:fs';
import {
  API_PLATFORMS,
  type ApiCursors,
  ArtefactStore,
  BrowserPool,
  type CrawlStatus,
  crawlAccount,
  isApiPlatform,
  type PlatformOrigins,
} from '@netra/collectors';
import { isNetraError, type Logger, type Platform, parseOrThrow, type Registry, ValidationError } from '@netra/core';
import {
  type AccountStatus,
  advanceAccountCursor,
  type CursorStream,
  type Database,
  getAccountCursors,
  isDatabaseUnavailable,
  recordAccountCrawled,
  recordSightings,
} from '@netra/db';
import { type CrawlJob, classifyJobId, crawlJobSchema, ocrJobId, QUEUE, type Queues } from '@netra/queue';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { candidateAccountsOf } from './candidate-accounts.ts';
import { RegistryProvider } from './registry-provider.ts';
import { postponeForOutage, type StoreStates, workerErrorListener } from './store-outage.ts';

export interface ScraperWorkerOptions {
  db: Kysely<Database>;
  connection: Redis;
  queues: Queues;
  prefix: string;
  logger: Logger;
  evidenceDir: string;
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
}

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
  worker: Worker<CrawlJob>;
  close(): Promise<void>;
}

interface CrawlOutcome {
  status: string;
  posts: number;
  errors: number;
}

/**
 * The scraper worker: one crawl job per account. Posts go onto the classify queue under deterministic ids;
 * the account's status and the run's progress go to the database. A retryable failure (navigation) is
 * retried by BullMQ; when the last attempt fails, the account is counted as failed in its run and the job
 * stays in the failed list.
 */
export function startScraperWorker(options: ScraperWorkerOptions): ScraperWorker {
  const pool = new BrowserPool({ executablePath: options.chromiumPath, maxConcurrency: options.concurrency });
  const store = new ArtefactStore(options.evidenceDir);
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
    const viaApi = isApiPlatform(data.platform) && apiPlatforms.includes(data.platform);
    const incremental = viaApi && options.incremental !== false && !data.full;
    const cursors = incremental ? await loadCursors(options.db, data.accountId) : undefined;
    const result = await crawlAccount({
      account: { id: data.accountId, platform: data.platform, handle: data.handle, profileUrl: data.profileUrl },
      apiPlatforms,
      ...(cursors ? { cursors } : {}),
      ...(options.youtubeApiKey ? { youtubeApiKey: options.youtubeApiKey } : {}),
      pool,
      store,
      platformOrigins: options.platformOrigins,
      maxPosts: options.maxPostsPerAccount,
      candidateAccounts: await candidateAccounts(),
      crawlRunId: data.runId,
    });
    const fatal = result.errors.find((e) => e.retryable);
    if (fatal && result.posts.length === 0) throw fatal;
    // The sighting goes to PostgreSQL first: a post seen again moves its last_seen_at here, whatever the
    // classify queue does with a job id it already holds. Classification stays once per post.
    await recordSightings(options.db, result.posts);
    // A post with images waits for their text (ocr queue → classify queue); the others go straight to the
    // classifier. Both job ids are deterministic per post (docs/decisions.md, "Text in images").
    const withImages = result.posts.filter((post) => post.evidence.some((e) => e.kind === 'image'));
    const textOnly = result.posts.filter((post) => !post.evidence.some((e) => e.kind === 'image'));
    await options.queues.classify.addBulk(
      textOnly.map((post) => ({
        name: 'classify-post',
        data: { ...post, regionCode: data.regionCode },
        opts: { jobId: classifyJobId(post) },
      })),
    );
    if (withImages.length > 0) {
      await options.queues.ocr.addBulk(
        withImages.map((post) => ({
          name: 'ocr-post',
          data: { ...post, regionCode: data.regionCode },
          opts: { jobId: ocrJobId(post) },
        })),
      );
    }
    // Only after the posts are safely queued: a crash before this line re-reads them, never skips them.
    if (viaApi && result.status === 'ok' && result.cursors) {
      for (const [stream, cursor] of Object.entries(result.cursors)) {
        if (!cursor) continue;
        await advanceAccountCursor(options.db, {
          accountId: data.accountId,
          stream: stream as CursorStream,
          newestId: cursor.newestId,
          newestAt: cursor.newestAt ? new Date(cursor.newestAt) : null,
        });
      }
    }
    if (result.gaps && result.gaps.length > 0) {
      options.logger.info({ accountId: data.accountId, gaps: result.gaps }, 'message ids missing: deletion candidates');
    }
    await recordAccountCrawled(options.db, {
      runId: data.runId,
      accountId: data.accountId,
      status: accountStatusOf(result.status),
      postsFound: result.posts.length,
      failed: false,
      errors: result.errors.map((e) => ({ code: e.code, message: e.message })),
    });
    if (options.exitAfterCounterForTests) {
      // Written synchronously: pino's asynchronous stream would lose the line to the SIGKILL that follows.
      writeSync(
        2,
        `${JSON.stringify({ level: 40, accountId: data.accountId, msg: 'NETRA_TEST_EXIT_AFTER_COUNTER: dying after the counter update' })}\n`,
      );
      process.kill(process.pid, 'SIGKILL');
    }
    return { status: result.status, posts: result.posts.length, errors: result.errors.length };
  };

  const processJob = async (job: Job<CrawlJob>, token?: string): Promise<CrawlOutcome> => {
    const database = options.stores?.database;
    if (database && !database.available) return postponeForOutage(job, token, null, database);
    try {
      return await crawl(job);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return postponeForOutage(job, token, error, database);
      throw error;
    }
  };

  const worker = new Worker<CrawlJob, CrawlOutcome>(QUEUE.crawl, processJob, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    options.logger.warn({ jobId: job.id, attempts: job.attemptsMade, final, err: error.message }, 'crawl job failed');
    if (!final || !job.data?.runId || !job.data.accountId) return;
    recordAccountCrawled(options.db, {
      runId: job.data.runId,
      accountId: job.data.accountId,
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
      await worker.close();
      await pool.close();
    },
  };
}
