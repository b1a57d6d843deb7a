import type { Logger, Registry } from '@netra/core';
import type { Database } from '@netra/db';
import type { ClassifyJob, Queues } from '@netra/queue';
import type { Kysely } from 'kysely';
import { classifyAndStore } from '../classify-and-store.ts';
import { registryClassifier } from '../registry-classifier.ts';

/**
 * For tests: the classify jobs waiting in the queue that `done` does not list yet, run through the classifier
 * worker's store path on this thread, and added to `done`. The jobs stay in the queue, so a producer that queues
 * the same job id again is refused as it would be in production.
 */
export async function classifyWaiting(
  db: Kysely<Database>,
  queue: Queues['classify'],
  registry: Registry,
  logger: Logger,
  done: Set<string>,
) {
  const jobs = (await queue.getJobs(['waiting'])).filter((j) => !done.has(j.id!));
  for (const j of jobs) done.add(j.id!);
  const stored = await classifyAndStore(
    db,
    jobs.map((j) => j.data as ClassifyJob),
    registry,
    registryClassifier(),
    logger,
  );
  return { jobs, stored };
}
