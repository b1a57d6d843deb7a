import type { DefaultJobOptions } from 'bullmq';

/**
 * Completed jobs are kept briefly (their effect is in Postgres); failed jobs are kept for a week so a person
 * can see and retry them. Retries back off exponentially: 5 attempts spread over about a minute and a half.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 3_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
};
