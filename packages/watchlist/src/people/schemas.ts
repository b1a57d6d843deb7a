import { type Platform, platformSchema } from '@netra/core';
import { z } from 'zod';
import { normaliseAccount, PLATFORM_HOSTS, profileUrlFor } from '../accounts/handles.ts';
import { validateNip } from '../nip/validate-nip.ts';
import { validateRegionCode } from '../region/regions.ts';

export const personStatusSchema = z.enum(['active', 'paused', 'retired']);
export const linkMethodSchema = z.enum(['self_declared', 'analyst_verified', 'found']);
export const accountStatusSchema = z.enum(['unknown', 'ok', 'blocked', 'private', 'not_found']);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const nipSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const result = validateNip(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code, part: result.part } });
      return z.NEVER;
    }
    return result.nip;
  });

export const regionInputSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const result = validateRegionCode(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
      return z.NEVER;
    }
    return result.code;
  });

/** A person (ASN) as an admin enters it. */
export const personInputSchema = z.object({
  name: z.string().trim().min(1, 'nama wajib diisi').max(200),
  nip: nipSchema,
  agency: z.string().trim().min(1, 'instansi wajib diisi').max(300),
  unit: optionalText(300),
  position: z.string().trim().min(1, 'jabatan wajib diisi').max(300),
  regionCode: regionInputSchema,
  ppk: optionalText(300),
  status: personStatusSchema.default('active'),
  notes: optionalText(2000),
});
export type PersonInput = z.output<typeof personInputSchema>;

export { PLATFORM_HOSTS, profileUrlFor } from '../accounts/handles.ts';

/** Why a profile URL does not fit the platform, or null when it does. */
export function profileUrlProblem(platform: Platform, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `URL profil "${url}" bukan URL yang sah`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'URL profil harus http(s)';
  const hosts = PLATFORM_HOSTS[platform];
  // Mastodon runs on any server: the host is part of the handle instead.
  if (hosts.length > 0 && !hosts.includes(parsed.hostname.toLowerCase())) {
    return `URL profil ${parsed.hostname} bukan situs ${platform} (${hosts[0]})`;
  }
  if (parsed.pathname === '/' || parsed.pathname === '') return 'URL profil tidak menunjuk ke akun';
  return null;
}

/** `@Budi.Santoso ` → `Budi.Santoso`. */
export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '');
}

/** An account of a person as an admin enters it. */
export const accountInputSchema = z
  .object({
    platform: platformSchema,
    handle: z
      .string()
      .transform(normaliseHandle)
      .pipe(
        z
          .string()
          .min(1, 'akun (handle) wajib diisi')
          .max(200)
          .regex(/^[\p{L}\p{N}._@-]+$/u, 'akun hanya boleh huruf, angka, titik, garis bawah dan tanda hubung'),
      ),
    profileUrl: z.string().trim().max(500).nullish(),
    platformId: optionalText(200),
    linkMethod: linkMethodSchema.default('self_declared'),
  })
  .transform((account, ctx) => {
    const checked = normaliseAccount(account.platform, account.handle);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', path: ['handle'], message: checked.message, params: { code: checked.code } });
      return z.NEVER;
    }
    if (checked.account.handle !== account.handle) account = { ...account, handle: checked.account.handle };
    const profileUrl = account.profileUrl || profileUrlFor(account.platform, account.handle);
    const problem = profileUrlProblem(account.platform, profileUrl);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['profileUrl'], message: problem });
      return z.NEVER;
    }
    return { ...account, profileUrl };
  });
export type AccountInput = z.output<typeof accountInputSchema>;

/** Fields an admin may change on an existing account; the collectors own status and last crawl time. */
export const accountStatusUpdateSchema = z.object({ status: accountStatusSchema });
