import { isIP } from 'node:net';
import { join } from 'node:path';
import { caseSettingsSchema } from '@netra/cases';
import { thresholdInForce } from '@netra/classifier';
import { evidenceConfigExamples, evidenceConfigShape, openEvidenceStore } from '@netra/collectors';
import { commonConfigExamples, commonConfigShape, env, loadConfig, NetraError } from '@netra/core';
import { opsConfigExamples, opsConfigShape } from '@netra/observability';
import { API_HTTP_LIMITS as DEFAULT, API_HTTP_LIMIT_MAXIMA as MAX } from '@netra/server';
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
  /** Slow clients on the API's port (docs/security.md, "Slow clients and crawl-now twice"). */
  HTTP_HEADERS_TIMEOUT_MS: env.boundedInt(DEFAULT.headersTimeoutMs, MAX.headersTimeoutMs),
  HTTP_REQUEST_TIMEOUT_MS: env.boundedInt(DEFAULT.requestTimeoutMs, MAX.requestTimeoutMs),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: env.boundedInt(DEFAULT.keepAliveTimeoutMs, MAX.keepAliveTimeoutMs),
  HTTP_IDLE_TIMEOUT_MS: env.boundedInt(DEFAULT.idleTimeoutMs, MAX.idleTimeoutMs),
  HTTP_MAX_CONNECTIONS: env.boundedInt(DEFAULT.maxConnections, MAX.maxConnections),
  /** At most a year; periods are added to dates (docs/security.md, "Fourth attack"). */
  SESSION_TTL_HOURS: env.boundedInt(12, 8_760),
  LOGIN_MAX_FAILURES: env.positiveInt(5),
  LOGIN_WINDOW_MINUTES: env.boundedInt(15, 525_600),
  EVIDENCE_DIR: z.string().optional(),
  /** The classifier artefact the workers use, for showing its threshold (default: the shipped one). */
  CLASSIFIER_MODEL_PATH: z.string().optional(),
  /** Case numbering in the office's format, e.g. `{seq:3}/{type}/PM.01.02/{office}/{month:roman}/{year}`. */
  CASE_NUMBER_FORMAT: z.string().optional(),
  /** Office codes by region code for `{office}`: `18.11=K.LA-11,18=PM.LA`. */
  CASE_OFFICE_CODES: z.string().default(''),
  /** Whether Pilkada deadlines count calendar or working days (unsettled in law; docs/review.md). */
  CASE_PILKADA_DAYS: z.enum(['calendar', 'working']).default('calendar'),
  /** Share of cases (0–1) sent to a blind second analyst instead of a supervisor. */
  CASE_BLIND_SHARE: z.coerce.number().min(0).max(1).default(0.2),
  /** Referral recipients offered in the referral form, comma-separated. */
  REFERRAL_RECIPIENTS: z.string().default('BKN,PPK,KASN,Sentra Gakkumdu'),
  REFERRAL_FOLLOW_UP_DAYS: env.boundedInt(14, 3_650),
  /** Days a never-flagged post is kept before the retention job deletes it (UU PDP Ps 42-43). */
  RETENTION_UNFLAGGED_DAYS: env.boundedInt(180, 36_500),
});

function caseSettingsFrom(c: z.infer<typeof schema>) {
  const officeCodes: Record<string, string> = {};
  for (const pair of c.CASE_OFFICE_CODES.split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [region, code] = pair.split('=').map((x) => x.trim());
    if (!region || !code) {
      throw new NetraError(
        'CONFIG_INVALID',
        `CASE_OFFICE_CODES: "${pair}" harus berbentuk kode_wilayah=kode_kantor / must be region=office`,
        {
          variables: ['CASE_OFFICE_CODES'],
        },
      );
    }
    officeCodes[region] = code;
  }
  const parsed = caseSettingsSchema.safeParse({
    caseNumberFormat: c.CASE_NUMBER_FORMAT,
    officeCodes,
    clock: {
      pemiluTemuan: 'calendar',
      pemiluLaporan: 'working',
      pemiluFollowUp: 'calendar',
      pilkada: c.CASE_PILKADA_DAYS,
      nearHours: 48,
    },
    blindShare: c.CASE_BLIND_SHARE,
    recipients: c.REFERRAL_RECIPIENTS.split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    followUpDays: c.REFERRAL_FOLLOW_UP_DAYS,
    retention: { unflaggedPostDays: c.RETENTION_UNFLAGGED_DAYS },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path[0] === 'caseNumberFormat' ? 'CASE_NUMBER_FORMAT' : 'REFERRAL_RECIPIENTS';
    throw new NetraError(
      'CONFIG_INVALID',
      `Konfigurasi tidak valid / invalid configuration:\n  ${variable}: ${issue?.message}`,
      {
        variables: [variable],
      },
    );
  }
  return parsed.data;
}

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
      cases: caseSettingsFrom(c),
      http: {
        headersTimeoutMs: c.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: c.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: c.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        idleTimeoutMs: c.HTTP_IDLE_TIMEOUT_MS,
        maxConnections: c.HTTP_MAX_CONNECTIONS,
      },
    },
  };
}
