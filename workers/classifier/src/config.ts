import { commonConfigExamples, commonConfigShape, env, loadConfig } from '@netra/core';
import { opsConfigExamples, opsConfigShape } from '@netra/observability';
import { CLASSIFIER_DEFAULTS } from '@netra/pipeline/classifier';
import { z } from 'zod';

const schema = z.object({
  ...commonConfigShape,
  ...opsConfigShape,
  CLASSIFIER_BATCH_SIZE: env.positiveInt(CLASSIFIER_DEFAULTS.batchSize),
  CLASSIFIER_BATCH_WAIT_MS: env.durationMs(CLASSIFIER_DEFAULTS.batchWaitMs),
  /** How long a killed worker's jobs stay locked before another worker takes them over. */
  CLASSIFIER_LOCK_MS: env.durationMs(CLASSIFIER_DEFAULTS.lockDurationMs),
  CLASSIFIER_STALLED_CHECK_MS: env.durationMs(CLASSIFIER_DEFAULTS.stalledIntervalMs),
  CLASSIFIER_MODEL_PATH: z.string().optional(),
  REGISTRY_REFRESH_MS: env.durationMs(CLASSIFIER_DEFAULTS.registryTtlMs),
  /** Threads that classify (0: on the main thread); the main thread talks to Redis and PostgreSQL. */
  CLASSIFIER_THREADS: z.coerce.number().int().min(0).max(64).default(CLASSIFIER_DEFAULTS.threads),
});

export function loadClassifierConfig(source: Record<string, string | undefined>) {
  return loadConfig(schema, source, { ...commonConfigExamples, ...opsConfigExamples, CLASSIFIER_BATCH_SIZE: '64' });
}
