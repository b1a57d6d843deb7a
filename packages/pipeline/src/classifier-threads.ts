import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ClassificationResult, Logger, Registry } from '@netra/core';
import type { ClassifyJob } from '@netra/queue';
import type { ThreadReply, ThreadRequest } from './classifier-thread.ts';
import { classifierInput, registryClassifier } from './registry-classifier.ts';

/** Classifies a batch; one result or error per job, in order. A post that breaks the classifier fails alone. */
export interface BatchClassifier {
  classify(jobs: readonly ClassifyJob[], registry: Registry): Promise<(ClassificationResult | Error)[]>;
  close(): Promise<void>;
}

/**
 * Classifier threads by default: all cores but one (the main thread talks to Redis and PostgreSQL), at least
 * one, at most four. On two cores that is one thread: a second one cost ~50 % more CPU per post (its own JIT
 * warm-up and model, and two threads competing with the main thread, Redis and PostgreSQL for two cores) and
 * lowered throughput (docs/performance.md).
 */
export function defaultClassifierThreads(cores = availableParallelism()): number {
  return Math.min(4, Math.max(1, cores - 1));
}

/** Classifies on the calling thread: for `threads: 0` and for tests. */
export function inlineBatchClassifier(modelPath?: string, threshold?: number): BatchClassifier {
  const classifier = registryClassifier(modelPath, threshold);
  return {
    classify: async (jobs, registry) =>
      jobs.map((job) => {
        try {
          return classifier(job, registry);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    close: async () => undefined,
  };
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve(value: ThreadReply['results']): void; reject(error: Error): void }>;
  registry: Registry | null;
  startedAt: number;
}

/**
 * Classification off the main thread. Classifying is the worker's one CPU-heavy step (about as costly per
 * post as BullMQ's whole job round trip); on the main thread it kept BullMQ from fetching and completing
 * jobs while a batch was scored. The main thread keeps Redis, PostgreSQL and the job locks; each thread
 * holds the model and the compiled registry. A thread that dies fails its batches (their jobs are retried
 * by BullMQ) and is replaced.
 */
export function threadedBatchClassifier(options: {
  threads: number;
  modelPath?: string | undefined;
  /** Overrides the model's decision threshold (`CLASSIFIER_THRESHOLD`). */
  threshold?: number | undefined;
  logger: Logger;
}): BatchClassifier {
  if (options.threads < 1) return inlineBatchClassifier(options.modelPath, options.threshold);
  // Load the model here first: a broken artefact stops the worker at start with the loader's error.
  registryClassifier(options.modelPath, options.threshold);
  let closing = false;
  let nextId = 1;
  const threads: Thread[] = [];

  const spawn = (slot: number): void => {
    const worker = new Worker(new URL('./classifier-thread.ts', import.meta.url), {
      // The OS thread's name (at most 15 characters shown): per-thread CPU in top, pidstat and the pipeline bench.
      name: `classify-${slot}`,
      workerData: { modelPath: options.modelPath, threshold: options.threshold },
    });
    const thread: Thread = { worker, pending: new Map(), registry: null, startedAt: Date.now() };
    threads[slot] = thread;
    worker.on('message', (reply: ThreadReply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      waiting?.resolve(reply.results);
    });
    const fail = (error: Error) => {
      for (const waiting of thread.pending.values()) waiting.reject(error);
      thread.pending.clear();
    };
    worker.on('error', (error) => {
      options.logger.error({ err: error, thread: slot }, 'classifier thread failed');
      fail(error);
    });
    worker.on('exit', (code) => {
      fail(new Error(`classifier thread ${slot} exited with code ${code}`));
      if (closing || threads[slot] !== thread) return;
      options.logger.warn({ thread: slot, code }, 'classifier thread stopped; starting another');
      // A thread that dies at once would otherwise be restarted in a tight loop.
      const delay = Date.now() - thread.startedAt < 1_000 ? 1_000 : 0;
      setTimeout(() => {
        if (!closing) spawn(slot);
      }, delay).unref();
    });
  };
  for (let slot = 0; slot < options.threads; slot++) spawn(slot);

  return {
    async classify(jobs, registry) {
      if (closing) throw new Error('classifier threads are closed');
      const thread = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      const request: ThreadRequest = { id, jobs: jobs.map(classifierInput) };
      if (thread.registry !== registry) {
        request.registry = registry;
        thread.registry = registry;
      }
      const results = await new Promise<ThreadReply['results']>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage(request);
      });
      return results.map((r) => ('ok' in r ? r.ok : new Error(r.error)));
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
