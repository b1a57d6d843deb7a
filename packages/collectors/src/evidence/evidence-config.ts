import { NetraError } from '@netra/core';
import { z } from 'zod';
import { ArtefactStore, type EvidenceStore } from './artefact-store.ts';
import { S3ArtefactStore } from './s3-artefact-store.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

/**
 * Where evidence is kept, for every deployable that writes or reads it (README, "Configuration"). `disk`
 * (default): `EVIDENCE_DIR`. `s3`: an S3-compatible bucket; the keys are secrets (env or a Secret only).
 */
export const evidenceConfigShape = {
  EVIDENCE_STORE: z.enum(['disk', 's3'], { message: 'harus disk atau s3 / must be disk or s3' }).default('disk'),
  S3_ENDPOINT: optional.refine((v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), {
    message: 'bukan URL http(s) yang valid / not a valid http(s) URL',
  }),
  S3_BUCKET: optional,
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  S3_PREFIX: z
    .string()
    .default('evidence/')
    .refine((v) => v === '' || /^[A-Za-z0-9._\-/]+\/$/.test(v), {
      message: 'harus diakhiri / dan tanpa spasi / must end with / and contain no spaces',
    }),
};

export const evidenceConfigExamples = {
  EVIDENCE_STORE: 's3',
  S3_ENDPOINT: 'https://s3.ap-southeast-3.amazonaws.com',
  S3_BUCKET: 'netra-evidence',
  S3_PREFIX: 'evidence/',
};

export interface EvidenceSettings {
  EVIDENCE_STORE: 'disk' | 's3';
  S3_ENDPOINT?: string | undefined;
  S3_BUCKET?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_FORCE_PATH_STYLE: 'true' | 'false';
  S3_PREFIX: string;
}

/**
 * The evidence store the settings select. With `s3`, every S3 variable it needs must be set: a missing one
 * stops the deployable at start, naming it, rather than failing the first crawl.
 */
export function openEvidenceStore(settings: EvidenceSettings, evidenceDir: string): EvidenceStore {
  if (settings.EVIDENCE_STORE === 'disk') return new ArtefactStore(evidenceDir);
  const required = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const missing = required.filter((name) => !settings[name]);
  if (missing.length > 0) {
    throw new NetraError(
      'CONFIG_INVALID',
      `Konfigurasi tidak valid / invalid configuration:\n  ${missing
        .map((m) => `${m}: wajib diisi bila EVIDENCE_STORE=s3 / required when EVIDENCE_STORE=s3`)
        .join('\n  ')}`,
      { variables: missing },
    );
  }
  return new S3ArtefactStore({
    endpoint: settings.S3_ENDPOINT!,
    bucket: settings.S3_BUCKET!,
    region: settings.S3_REGION,
    accessKeyId: settings.S3_ACCESS_KEY_ID!,
    secretAccessKey: settings.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE === 'true',
    prefix: settings.S3_PREFIX,
  });
}
