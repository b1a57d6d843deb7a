import { commonConfigExamples, commonConfigShape, env, loadConfig } from '@netra/core';
import { z } from 'zod';

const schema = z.object({
  ...commonConfigShape,
  PORT: env.port(8080),
  CHROMIUM_PATH: z.string().optional(),
  PLATFORM_ORIGINS: env.platformOrigins(),
  NIGHTLY_CRON: z.string().min(9).default('0 2 * * *'),
});

export type AllInOneConfig = z.output<typeof schema>;

export function loadAllInOneConfig(source: Record<string, string | undefined>): AllInOneConfig {
  return loadConfig(schema, source, { ...commonConfigExamples, PORT: '8080' });
}
