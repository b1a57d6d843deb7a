import { classify, compileRegistry, loadModel, withThreshold } from '@netra/classifier';
import { classifiedText, type Logger, parseOrThrow, type Registry, ValidationError } from '@netra/core';
import type { Database } from '@netra/db';
import { type ClassifyJob, classifyJobSchema, QUEUE } from '@netra/queue';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { type Classifier, classifyAndStore, type StoredResult } from './classify-and-store.ts';
import { MicroBatcher } from './micro-batcher.ts';
import { RegistryProvider } from './registry-provider.ts';

export interface ClassifierWorkerOptions {
  db: Kysely<Database>;
  connection: Redis;
  prefix: string;
  logger: Logger;
  /** Jobs held at once, which is also the largest batch. */
  batchSize: number;
  batchWaitMs: number;
  /** How long a job stays locked to a worker that stopped answering (killed, hung) before another takes it. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  modelPath?: string | undefined;
  /** Overrides the model's decision threshold (`CLASSIFIER_THRESHOLD`). */
  threshold?: number | undefined;
  registryTtlMs?: number;
}

/** A classifier that reuses the compiled registry until the registry object changes. */
export function registryClassifier(modelPath?: string, threshold?: number): Classifier {
  const model = withThreshold(loadModel(modelPath), threshold);
  let compiledFor: Registry | null = null;
  let compiled: ReturnType<typeof compileRegistry> | null = null;
  return (job: ClassifyJob, registry: Registry) => {
    if (compiledFor !== registry) {
      compiled = compileRegistry(registry);
      compiledFor = registry;
    }
    return classify(
      {
        id: `${job.platform}:${job.externalId}`,
        text: classifiedText(job.text, job.mediaDescriptions),
        region: job.regionCode ?? undefined,
        platform: job.platform,
        kind: job.kind,
        context: job.context,
      },
      compiled!,
      model,
    );
  };
}

/**
 * The classifier worker: takes collected posts off the queue, classifies them in batches and stores them
 * with their classification and, when flagged, a review item. A malformed payload fails its job at once
 * (no retry can fix it) with the offending field named, and stays in the failed list for a person to see.
 */
export function startClassifierWorker(options: ClassifierWorkerOptions): Worker<ClassifyJob, StoredResult> {
  const registry = new RegistryProvider(options.db, options.registryTtlMs);
  const classifier = registryClassifier(options.modelPath, options.threshold);
  const batcher = new MicroBatcher<ClassifyJob, StoredResult | Error>({
    maxSize: options.batchSize,
    maxWaitMs: options.batchWaitMs,
    run: async (jobs) => classifyAndStore(options.db, jobs, await registry.get(), classifier, options.logger),
  });
  const worker = new Worker<ClassifyJob, StoredResult>(
    QUEUE.classify,
    async (job: Job<ClassifyJob>) => {
      let payload: ClassifyJob;
      try {
        payload = parseOrThrow(classifyJobSchema, job.data, 'CLASSIFY_PAYLOAD_INVALID');
      } catch (error) {
        if (error instanceof ValidationError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        throw error;
      }
      const result = await batcher.submit(payload);
      if (result instanceof Error) throw result;
      return result;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.batchSize,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      // A post whose worker was killed twice is still retried, not failed: the kill was not the post's fault.
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, error) => {
    options.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'classify job failed');
  });
  worker.on('error', (error) => options.logger.error({ err: error }, 'classifier worker error'));
  return worker;
}
