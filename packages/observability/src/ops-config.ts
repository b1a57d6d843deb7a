import { z } from 'zod';
import { allowEntryProblem } from './address-allow-list.ts';

/**
 * The operations variables every deployable shares (README, "Configuration"). Spread into each
 * deployable's own schema so one `loadConfig` validates them with the rest.
 */
export const opsConfigShape = {
  /**
   * Port of the small HTTP server with `/livez`, `/readyz` and `/metrics`. Workers serve nothing over HTTP
   * without it; the API also answers these on its own `PORT` and adds this listener only when set.
   */
  METRICS_PORT: z.coerce
    .number({ message: 'harus nomor port / must be a port number' })
    .int()
    .min(1)
    .max(65535)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Address that port listens on (0.0.0.0 in a container, so the kubelet's probes reach it). */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Who may read `/metrics`: addresses/CIDRs, comma-separated, or `loopback` (the default). */
  METRICS_ALLOW: z
    .string()
    .default('loopback')
    .transform((raw, ctx): string[] => {
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const problems = list.map(allowEntryProblem).filter((p): p is string => p !== null);
      if (list.length > 0 && problems.length === 0) return list;
      ctx.addIssue({
        code: 'custom',
        message: problems.length > 0 ? problems.join('; ') : 'tidak boleh kosong / must not be empty',
      });
      return z.NEVER;
    }),
};

/** Examples shown when one of these variables is wrong. */
export const opsConfigExamples = {
  METRICS_PORT: '9464',
  METRICS_HOST: '0.0.0.0',
  METRICS_ALLOW: 'loopback,10.0.0.0/8',
};

export interface OpsSettings {
  METRICS_PORT?: number | undefined;
  METRICS_HOST: string;
  METRICS_ALLOW: string[];
}
