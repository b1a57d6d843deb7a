import { z } from 'zod';
import { NetraError } from '../errors/netra-error.ts';
import { type Platform, platformSchema } from '../post/post-schema.ts';

/**
 * Parses a deployable's environment once, at start. A wrong variable stops the process with a message that
 * names the variable, what is wrong with its value, and an example of a right one.
 *
 * @example
 * const config = loadConfig(apiConfigSchema, process.env, { PORT: '8080' })
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
  examples: Record<string, string> = {},
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(unknown)');
    const example = examples[name] ? ` (contoh / example: ${name}=${examples[name]})` : '';
    return { variable: name, message: `${name}: ${issue.message}${example}` };
  });
  throw new NetraError(
    'CONFIG_INVALID',
    `Konfigurasi tidak valid / invalid configuration:\n  ${problems.map((p) => p.message).join('\n  ')}`,
    { variables: problems.map((p) => p.variable) },
  );
}

/**
 * Longest wait a Node timer keeps (2^31 − 1 ms, about 24.8 days): a longer one fires after 1 ms instead, so a
 * "very long" politeness delay or stalled-job check set by mistake would become none at all.
 */
export const MAX_TIMER_MS = 2_147_483_647;
const TIMER_MESSAGE = `paling lama ${MAX_TIMER_MS} ms (±24,8 hari) / at most ${MAX_TIMER_MS} ms (about 24.8 days)`;

/** Environment values are strings; these turn them into typed values with clear messages. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  /**
   * A positive whole number up to `max`: a period added to today's date (`1e12` hours is past the last date a
   * `Date` holds, so every sign-in failed with a 500), or a count where more makes no sense.
   */
  boundedInt: (fallback: number, max: number) =>
    z.coerce.number().int().positive().max(max, `paling besar ${max} / at most ${max}`).default(fallback),
  /** Milliseconds a timer waits: positive and within what a Node timer can hold. */
  durationMs: (fallback: number) =>
    z.coerce.number().int().positive().max(MAX_TIMER_MS, TIMER_MESSAGE).default(fallback),
  /** An optional wait in milliseconds that may be 0 (a delay), within what a Node timer can hold. */
  optionalDelayMs: () => z.coerce.number().int().min(0).max(MAX_TIMER_MS, TIMER_MESSAGE).optional(),
  /** An optional probability in [0, 1] (e.g. a score threshold); absent means "use the default". */
  probability: () => z.coerce.number().min(0).max(1).optional(),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'harus true atau false / must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  optionalUrl: (protocols: RegExp) =>
    z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined))
      .refine((v) => v === undefined || (URL.canParse(v) && protocols.test(new URL(v).protocol)), {
        message: 'bukan URL yang valid / not a valid URL',
      }),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** JSON map of platform → origin to fetch from instead, e.g. {"facebook":"http://127.0.0.1:4010/facebook"}. */
  platformOrigins: () =>
    z
      .string()
      .optional()
      .transform((v, ctx): Partial<Record<Platform, string>> => {
        if (!v) return {};
        const parsed = z.partialRecord(platformSchema, z.url()).safeParse(
          (() => {
            try {
              return JSON.parse(v);
            } catch {
              return null;
            }
          })(),
        );
        if (parsed.success) return parsed.data;
        ctx.addIssue({
          code: 'custom',
          message: 'harus JSON {platform: url} / must be a JSON object of platform to URL',
        });
        return z.NEVER;
      }),
};

/** Variables every deployable shares: where its data and servers are. */
export const commonConfigShape = {
  DATABASE_URL: env.optionalUrl(/^postgres(ql)?:$/),
  REDIS_URL: env.optionalUrl(/^rediss?:$/),
  /** REDIS_URL names one node of a Redis Cluster; QUEUE_PREFIX must then be a hash tag such as `{netra}`. */
  REDIS_CLUSTER: env.bool(false),
  NETRA_DATA_DIR: z.string().min(1).default('.netra'),
  /**
   * Namespaces every BullMQ key. On Redis Cluster write it as a hash tag, `{netra}`: all of a queue's keys
   * then hash to one slot, which BullMQ's multi-key scripts need (docs/operations.md).
   */
  QUEUE_PREFIX: z
    .string()
    .regex(
      /^(\{[A-Za-z0-9_-]+\}|[A-Za-z0-9_-]+)$/,
      'hanya huruf, angka, _ dan -, boleh dalam {…} untuk Redis Cluster / letters, digits, _ and - only, optionally as a {hash-tag} for Redis Cluster',
    )
    .default('netra'),
  LOG_LEVEL: env.logLevel(),
  /** Overrides the classifier model's decision threshold (workers flag with it; the review UI shows it). */
  CLASSIFIER_THRESHOLD: env.probability(),
};

export const commonConfigExamples: Record<string, string> = {
  DATABASE_URL: 'postgres://netra:secret@127.0.0.1:5432/netra',
  REDIS_URL: 'redis://127.0.0.1:6379',
  NETRA_DATA_DIR: '/var/lib/netra',
  QUEUE_PREFIX: 'netra',
  LOG_LEVEL: 'info',
  CLASSIFIER_THRESHOLD: '0.35',
};
