/**
 * Runs in a worker thread of the classifier worker (see classifier-threads.ts): classifies the batches the
 * main thread sends and answers each with one result or error message per post, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Registry } from '@netra/core';
import { type ClassifierInput, registryClassifier } from './registry-classifier.ts';

export interface ThreadRequest {
  id: number;
  /** Sent only when it changed since this thread's last request. */
  registry?: Registry;
  jobs: ClassifierInput[];
}

export interface ThreadReply {
  id: number;
  results: ({ ok: ReturnType<ReturnType<typeof registryClassifier>> } | { error: string })[];
}

const data = workerData as { modelPath?: string; threshold?: number };
const classifier = registryClassifier(data.modelPath, data.threshold);
let registry: Registry | null = null;

parentPort!.on('message', (request: ThreadRequest) => {
  if (request.registry) registry = request.registry;
  const results = request.jobs.map((job) => {
    try {
      if (!registry) throw new Error('classifier thread has no registry');
      return { ok: classifier(job, registry) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  parentPort!.postMessage({ id: request.id, results } satisfies ThreadReply);
});
