import type { ClassificationResult, Logger, Registry } from '@netra/core';
import { type Database, type Executor, isDatabaseUnavailable, saveClassification, upsertPost } from '@netra/db';
import type { ClassifyJob } from '@netra/queue';
import type { Kysely } from 'kysely';

export type Classifier = (job: ClassifyJob, registry: Registry) => ClassificationResult;

export interface StoredResult {
  postId: string;
  newPost: boolean;
  flagged: boolean;
  score: number;
  reviewItemId: string | null;
}

async function store(db: Executor, job: ClassifyJob, result: ClassificationResult): Promise<StoredResult> {
  const post = await upsertPost(db, job);
  const saved = await saveClassification(db, post.id, result);
  return {
    postId: post.id,
    newPost: post.inserted,
    flagged: result.flagged,
    score: result.score,
    reviewItemId: saved.reviewItemId,
  };
}

/**
 * Classifies a batch and stores posts, classifications and review items in one transaction. Every write is
 * keyed (platform + external id; post + model version; post), so a batch retried after a crash writes
 * nothing twice. If the batch transaction fails, each post is retried alone, so one bad row cannot hold
 * back the others — the bad one fails its own job, where a person can see it.
 */
export async function classifyAndStore(
  db: Kysely<Database>,
  jobs: ClassifyJob[],
  registry: Registry,
  classifier: Classifier,
  logger: Logger,
): Promise<(StoredResult | Error)[]> {
  const results = jobs.map((job) => classifier(job, registry));
  try {
    return await db.transaction().execute(async (tx) => {
      const out: StoredResult[] = [];
      for (const [i, job] of jobs.entries()) out.push(await store(tx, job, results[i]!));
      return out;
    });
  } catch (error) {
    // An outage fails every post alike: hand the error to each job (the worker postpones them) instead of
    // hammering an absent server once per post.
    if (isDatabaseUnavailable(error)) return jobs.map(() => error as Error);
    logger.warn({ err: error, size: jobs.length }, 'batch write failed; retrying posts one by one');
    return Promise.all(
      jobs.map((job, i) =>
        db
          .transaction()
          .execute((tx) => store(tx, job, results[i]!))
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
      ),
    );
  }
}
