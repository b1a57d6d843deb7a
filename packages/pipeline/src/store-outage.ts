import type { DependencyState, Logger } from '@netra/core';
import { isRedisUnavailable } from '@netra/queue';
import { DelayedError, type Job } from 'bullmq';

/** Where a worker reports outages of its stores (from `openStores`); optional so tests can build workers bare. */
export interface StoreStates {
  database?: DependencyState | undefined;
  redis?: DependencyState | undefined;
}

/** How long a job waits before it is tried again while its store is unreachable (jittered so replicas spread). */
export function postponeDelayMs(): number {
  return 2_000 + Math.floor(Math.random() * 2_000);
}

/**
 * Puts a job back, delayed, without spending one of its attempts: a store outage is not the job's fault,
 * and an outage longer than the retry backoff must not fail every job that happened to be in flight. The
 * state logs the outage once; the jobs come back every few seconds until it is over.
 */
export async function postponeForOutage(
  job: Job,
  token: string | undefined,
  error: unknown,
  state: DependencyState | undefined,
): Promise<never> {
  state?.failed(error);
  if (!token) throw error;
  await job.moveToDelayed(Date.now() + postponeDelayMs(), token);
  throw new DelayedError();
}

/**
 * A BullMQ worker's 'error' listener. Connection errors repeat on every reconnect attempt while Redis is
 * down, so they go to the Redis state (one line per outage); anything else is logged as it comes.
 */
export function workerErrorListener(logger: Logger, what: string, redis: DependencyState | undefined) {
  return (error: Error) => {
    if (isRedisUnavailable(error)) {
      if (redis) redis.failed(error);
      else logger.warn({ err: error.message }, `${what}: redis unavailable`);
      return;
    }
    logger.error({ err: error }, `${what} error`);
  };
}
