import type { Job, Worker } from 'bullmq';
import type { NetraMetrics } from './netra-metrics.ts';

function seconds(job: Job): number | null {
  if (!job.processedOn) return null;
  return Math.max(0, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code)) return code;
  // UnrecoverableError messages start with the NetraError code ("CRAWL_PAYLOAD_INVALID: …").
  const prefix = /^([A-Z][A-Z0-9_]{2,63}):/.exec(error.message);
  return prefix ? prefix[1]! : 'UNKNOWN';
}

export interface WorkerObserver<D, R> {
  /** A job completed with its result (crawl outcome, stored classification). */
  completed?(job: Job<D, R>, result: R): void;
  /** An attempt failed; `final` when no attempt is left. */
  failed?(job: Job<D, R>, error: Error, code: string, final: boolean): void;
}

/**
 * Job durations and failures for one BullMQ worker, from its own events — nothing extra is read from Redis.
 * `observer` adds what the jobs' results say (crawl items, classifier scores).
 */
export function observeWorker<D, R>(metrics: NetraMetrics, worker: Worker<D, R>, observer: WorkerObserver<D, R> = {}) {
  const queue = worker.name;
  worker.on('completed', (job, result) => {
    const s = seconds(job);
    if (s !== null) metrics.jobDuration.observe({ queue, outcome: 'completed' }, s);
    observer.completed?.(job, result);
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    const s = seconds(job);
    if (s !== null) metrics.jobDuration.observe({ queue, outcome: 'failed' }, s);
    metrics.jobFailures.inc({ queue, final: String(final) });
    observer.failed?.(job, error, errorCode(error), final);
  });
}

interface CrawlJobShape {
  platform?: string;
}
interface CrawlOutcomeShape {
  status: string;
  posts: number;
  newPosts?: number;
  errorCodes?: readonly string[];
}

/** The scraper's crawl jobs: accounts, posts and errors per platform. */
export function crawlObserver<D extends CrawlJobShape, R extends CrawlOutcomeShape>(
  metrics: NetraMetrics,
): WorkerObserver<D, R> {
  return {
    completed(job, outcome) {
      const platform = job.data?.platform ?? 'unknown';
      if (!outcome || typeof outcome.posts !== 'number') return; // postponed for an outage: not a crawl
      metrics.crawlAccounts.inc({ platform, status: outcome.status });
      metrics.crawlItems.inc({ platform }, outcome.posts);
      if (outcome.newPosts) metrics.postsStored.inc(outcome.newPosts);
      for (const code of outcome.errorCodes ?? []) metrics.crawlErrors.inc({ platform, code });
    },
    failed(job, _error, code, final) {
      const platform = job.data?.platform ?? 'unknown';
      metrics.crawlErrors.inc({ platform, code });
      if (final) metrics.crawlAccounts.inc({ platform, status: 'failed' });
    },
  };
}

interface StoredShape {
  newPost?: boolean;
  flagged?: boolean;
  score?: number;
}

/**
 * The classifier's jobs: flag rate and the score distribution, and the posts it stored first (a crawled post
 * is stored by the scraper; one queued by another producer, by the classifier).
 */
export function classifyObserver<D, R extends StoredShape>(metrics: NetraMetrics): WorkerObserver<D, R> {
  return {
    completed(_job, stored) {
      if (!stored || typeof stored.score !== 'number') return; // postponed for an outage
      if (stored.newPost) metrics.postsStored.inc();
      metrics.postsClassified.inc({ flagged: String(Boolean(stored.flagged)) });
      metrics.classifierScore.observe(stored.score);
    },
  };
}
