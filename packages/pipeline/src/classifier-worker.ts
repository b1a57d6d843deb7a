import { type Logger, parseOrThrow, ValidationError } from '@netra/core';
import { type Database, isDatabaseUnavailable } from '@netra/db';
import { type ClassifyJob, classifyJobSchema, postKey, QUEUE } from '@netra/queue';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { defaultClassifierThreads, threadedBatchClassifier } from './classifier-threads.ts';
import { type StoredResult, storeClassified } from './classify-and-store.ts';
import { MicroBatcher } from './micro-batcher.ts';
import { RegistryProvider } from './registry-provider.ts';
import { postponeForOutage, type StoreStates, workerErrorListener } from './store-outage.ts';

export { registryClassifier } from './registry-classifier.ts';

export interface ClassifierWorkerOptions {
  db: Kysely<Database>;
  connection: Redis;
  prefix: string;
  logger: Logger;
  /** The largest batch (posts per transaction); the worker holds four batches' worth of jobs at once. */
  batchSize: number;
  batchWaitMs: number;
  /** How long a job stays locked to a worker that stopped answering (killed, hung) before another takes it. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  modelPath?: string | undefined;
  /** Overrides the model's decision threshold (`CLASSIFIER_THRESHOLD`). */
  threshold?: number | undefined;
  registryTtlMs?: number;
  /** Outage reporting; see `openStores`. */
  stores?: StoreStates;
  /** Classifier threads; 0 classifies on the main thread. Default: `defaultClassifierThreads()`. */
  threads?: number;
}

/** The classifier worker's settings when no variable overrides them (workers/classifier config, bench). */
export const CLASSIFIER_DEFAULTS = {
  batchSize: 64,
  batchWaitMs: 25,
  lockDurationMs: 30_000,
  stalledIntervalMs: 15_000,
  registryTtlMs: 60_000,
  threads: defaultClassifierThreads(),
} as const;

/**
 * Jobs the BullMQ worker holds at once: four batches' worth, so that while one batch is classified and
 * written the next ones are already filling. With only one batch's worth, every job of the worker waited
 * for the slowest write of its batch before BullMQ fetched another (docs/performance.md).
 */
export function classifierWorkerConcurrency(batchSize: number): number {
  return batchSize * 4;
}

/**
 * The classifier worker: takes collected posts off the queue, classifies them in batches and stores them
 * with their classification and, when flagged, a review item. A malformed payload fails its job at once
 * (no retry can fix it) with the offending field named, and stays in the failed list for a person to see.
 * While PostgreSQL is unreachable, jobs are put back (delayed, no attempt spent) until it answers again.
 */
export function startClassifierWorker(options: ClassifierWorkerOptions): Worker<ClassifyJob, StoredResult> {
  const registry = new RegistryProvider(options.db, options.registryTtlMs);
  const classifier = threadedBatchClassifier({
    threads: options.threads ?? CLASSIFIER_DEFAULTS.threads,
    modelPath: options.modelPath,
    threshold: options.threshold,
    logger: options.logger,
  });
  const batcher = new MicroBatcher<ClassifyJob, StoredResult | Error>({
    maxSize: options.batchSize,
    maxWaitMs: options.batchWaitMs,
    run: async (jobs) =>
      storeClassified(options.db, jobs, await classifier.classify(jobs, await registry.get()), options.logger),
  });
  const worker = new Worker<ClassifyJob, StoredResult>(
    QUEUE.classify,
    async (job: Job<ClassifyJob>, token?: string) => {
      const database = options.stores?.database;
      if (database && !database.available) return postponeForOutage(job, token, null, database);
      let payload: ClassifyJob;
      try {
        payload = parseOrThrow(classifyJobSchema, job.data, 'CLASSIFY_PAYLOAD_INVALID');
      } catch (error) {
        if (error instanceof ValidationError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        throw error;
      }
      const result = await batcher.submit(payload);
      if (result instanceof Error && isDatabaseUnavailable(result))
        return postponeForOutage(job, token, result, database);
      if (result instanceof Error) throw result;
      return result;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: classifierWorkerConcurrency(options.batchSize),
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      // A post whose worker was killed twice is still retried, not failed: the kill was not the post's fault.
      maxStalledCount: 3,
    },
  );
  // Lines about a post carry its crawl run, job and post key, to be joined with the scraper's (docs/operations.md).
  const about = (job: Job<ClassifyJob> | undefined) => ({
    runId: job?.data?.crawlRunId ?? undefined,
    jobId: job?.id,
    postKey:
      typeof job?.data?.platform === 'string' && typeof job.data.externalId === 'string'
        ? postKey(job.data)
        : undefined,
  });
  worker.on('completed', (job, stored) => {
    // The line's fields are built only when debug lines are written (not by default): this runs for every job.
    if (options.logger.isLevelEnabled('debug') && stored && typeof stored.score === 'number')
      options.logger.debug({ ...about(job), flagged: stored.flagged, score: stored.score }, 'post classified');
  });
  worker.on('failed', (job, error) => {
    options.logger.warn({ ...about(job), attempts: job?.attemptsMade, err: error.message }, 'classify job failed');
  });
  worker.on('error', workerErrorListener(options.logger, 'classifier worker', options.stores?.redis));
  // After close() has let the active jobs finish, nothing is left for the threads to do.
  worker.on('closed', () => {
    classifier.close().catch((error: unknown) => options.logger.warn({ err: error }, 'closing classifier threads'));
  });
  return worker;
}
