import { isIP } from 'node:net';
import { join } from 'node:path';
import { thresholdInForce } from '@netra/classifier';
import { evidenceConfigExamples, evidenceConfigShape, openEvidenceStore } from '@netra/collectors';
import { commonConfigExamples, commonConfigShape, env, loadConfig, NetraError } from '@netra/core';
import { opsConfigExamples, opsConfigShape } from '@netra/observability';
import { z } from 'zod';

/**
 * `TRUST_PROXY`: which hops may set X-Forwarded-For (sign-in throttling uses the client address it yields).
 * `false` (default): none. A number: that many proxy hops in front of the API (1 = one reverse proxy).
 * A comma-separated list of addresses or CIDR ranges: only those proxies. `true` (trust every hop, so any
 * client could forge its address) is refused.
 */
const trustProxySchema = z
  .string()
  .default('false')
  .transform((raw, ctx): false | number | string[] => {
    const v = raw.trim();
    if (v === 'false' || v === '0' || v === '') return false;
    if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
    const list = v.split(',').map((s) => s.trim());
    const valid = list.every((entry) => {
      const [address, bits, extra] = entry.split('/');
      if (extra !== undefined || !address || isIP(address) === 0)
        return entry === 'loopback' || entry === 'uniquelocal';
      return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
    });
    if (v !== 'true' && valid) return list;
    ctx.addIssue({
      code: 'custom',
      message:
        'harus false, jumlah hop proxy (1–10), atau daftar alamat/CIDR proxy; "true" (percaya semua hop) ditolak / ' +
        'must be false, a proxy hop count (1–10) or a list of proxy addresses/CIDRs; "true" (trust every hop) is refused',
    });
    return z.NEVER;
  });

const schema = z.object({
  ...commonConfigShape,
  ...opsConfigShape,
  ...evidenceConfigShape,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: env.port(8080),
  /** Secure session cookies unless explicitly turned off — only for plain-HTTP development on loopback. */
  COOKIE_SECURE: z
    .enum(['true', 'false'], {
      message: 'harus true atau false (false hanya untuk pengembangan di loopback) / must be true or false',
    })
    .default('true'),
  TRUST_PROXY: trustProxySchema,
  SESSION_TTL_HOURS: env.positiveInt(12),
  LOGIN_MAX_FAILURES: env.positiveInt(5),
  LOGIN_WINDOW_MINUTES: env.positiveInt(15),
  EVIDENCE_DIR: z.string().optional(),
  /** The classifier artefact the workers use, for showing its threshold (default: the shipped one). */
  CLASSIFIER_MODEL_PATH: z.string().optional(),
});

export type ApiConfig = ReturnType<typeof loadApiConfig>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function loadApiConfig(source: Record<string, string | undefined>) {
  const c = loadConfig(schema, source, {
    ...commonConfigExamples,
    ...opsConfigExamples,
    ...evidenceConfigExamples,
    PORT: '8080',
    HOST: '0.0.0.0',
    COOKIE_SECURE: 'true',
    TRUST_PROXY: '1',
  });
  // Behind a TLS proxy on the same host the API listens on loopback too, so "loopback" cannot mean "plain
  // HTTP": cookies are Secure unless turned off on purpose, and only a loopback listener may turn them off.
  if (c.COOKIE_SECURE === 'false' && !LOOPBACK.has(c.HOST)) {
    throw new NetraError(
      'CONFIG_INVALID',
      `Konfigurasi tidak valid / invalid configuration:\n  COOKIE_SECURE: false hanya boleh dengan HOST loopback (127.0.0.1) / false is allowed only with a loopback HOST (HOST=${c.HOST})`,
      { variables: ['COOKIE_SECURE'] },
    );
  }
  const evidenceDir = c.EVIDENCE_DIR ?? join(c.NETRA_DATA_DIR, 'evidence');
  return {
    ...c,
    server: {
      cookieSecure: c.COOKIE_SECURE === 'true',
      trustProxy: c.TRUST_PROXY,
      sessionTtlHours: c.SESSION_TTL_HOURS,
      loginMaxFailures: c.LOGIN_MAX_FAILURES,
      loginWindowMinutes: c.LOGIN_WINDOW_MINUTES,
      evidenceDir,
      // Disk: the evidence route streams files from evidenceDir itself; S3: it reads through the store.
      evidenceStore: c.EVIDENCE_STORE === 's3' ? openEvidenceStore(c, evidenceDir) : undefined,
      classifierThreshold: thresholdInForce(c.CLASSIFIER_THRESHOLD, c.CLASSIFIER_MODEL_PATH),
    },
  };
}
