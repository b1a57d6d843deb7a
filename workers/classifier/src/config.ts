import { commonConfigExamples, commonConfigShape, env, loadConfig } from '@netra/core';
import { z } from 'zod';

const schema = z.object({
  ...commonConfigShape,
  CLASSIFIER_BATCH_SIZE: env.positiveInt(64),
  CLASSIFIER_BATCH_WAIT_MS: env.positiveInt(25),
  /** How long a killed worker's jobs stay locked before another worker takes them over. */
  CLASSIFIER_LOCK_MS: env.positiveInt(30_000),
  CLASSIFIER_STALLED_CHECK_MS: env.positiveInt(15_000),
  CLASSIFIER_MODEL_PATH: z.string().optional(),
  REGISTRY_REFRESH_MS: env.positiveInt(60_000),
});

export function loadClassifierConfig(source: Record<string, string | undefined>) {
  return loadConfig(schema, source, { ...commonConfigExamples, CLASSIFIER_BATCH_SIZE: '64' });
}
