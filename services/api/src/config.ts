import { join } from 'node:path';
import { thresholdInForce } from '@netra/classifier';
import { commonConfigExamples, commonConfigShape, env, loadConfig } from '@netra/core';
import { z } from 'zod';

const schema = z.object({
  ...commonConfigShape,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: env.port(8080),
  /** `auto`: Secure cookies unless serving on loopback (where browsers accept plain HTTP for development). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: env.bool(false),
  SESSION_TTL_HOURS: env.positiveInt(12),
  LOGIN_MAX_FAILURES: env.positiveInt(5),
  LOGIN_WINDOW_MINUTES: env.positiveInt(15),
  EVIDENCE_DIR: z.string().optional(),
  /** The classifier artefact the workers use, for showing its threshold (default: the shipped one). */
  CLASSIFIER_MODEL_PATH: z.string().optional(),
});

export type ApiConfig = ReturnType<typeof loadApiConfig>;

export function loadApiConfig(source: Record<string, string | undefined>) {
  const c = loadConfig(schema, source, {
    ...commonConfigExamples,
    PORT: '8080',
    HOST: '0.0.0.0',
    COOKIE_SECURE: 'true',
  });
  const loopback = c.HOST === '127.0.0.1' || c.HOST === 'localhost' || c.HOST === '::1';
  return {
    ...c,
    server: {
      cookieSecure: c.COOKIE_SECURE === 'auto' ? !loopback : c.COOKIE_SECURE === 'true',
      trustProxy: c.TRUST_PROXY,
      sessionTtlHours: c.SESSION_TTL_HOURS,
      loginMaxFailures: c.LOGIN_MAX_FAILURES,
      loginWindowMinutes: c.LOGIN_WINDOW_MINUTES,
      evidenceDir: c.EVIDENCE_DIR ?? join(c.NETRA_DATA_DIR, 'evidence'),
      classifierThreshold: thresholdInForce(c.CLASSIFIER_THRESHOLD, c.CLASSIFIER_MODEL_PATH),
    },
  };
}
