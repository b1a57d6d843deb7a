import { type Platform, platformSchema } from '@netra/core';
import { z } from 'zod';
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

/** Hosts that are the platform's own site; profile URLs must be on one of them. */
export const PLATFORM_HOSTS: Record<Platform, string[]> = {
  facebook: ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com', 'fb.com'],
  instagram: ['www.instagram.com', 'instagram.com'],
  tiktok: ['www.tiktok.com', 'tiktok.com', 'm.tiktok.com'],
  x: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  youtube: ['www.youtube.com', 'youtube.com', 'm.youtube.com'],
  bluesky: ['bsky.app'],
  // Mastodon is federated: any instance is its own host; `profileUrlProblem` checks it against the handle.
  mastodon: [],
  telegram: ['t.me', 'telegram.me'],
};

/** Handle shapes the collectors can address: Mastodon needs its instance, Bluesky handles are domain names. */
const HANDLE_RULES: Partial<Record<Platform, { pattern: RegExp; message: string }>> = {
  mastodon: {
    pattern: /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
    message: 'akun Mastodon harus berbentuk pengguna@instans (mis. budi@mastodon.social)',
  },
  bluesky: {
    pattern: /^([A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$|^did:plc:[a-z2-7]{24}$/,
    message: 'akun Bluesky harus berupa nama domain (mis. budi.bsky.social)',
  },
  telegram: {
    pattern: /^[A-Za-z][A-Za-z0-9_]{3,31}$/,
    message: 'kanal Telegram harus 4–32 huruf, angka atau garis bawah, diawali huruf',
  },
};

/** Why a handle cannot be an account on this platform, or null when it can. */
export function handleProblem(platform: Platform, handle: string): string | null {
  const rule = HANDLE_RULES[platform];
  if (rule) return rule.pattern.test(handle) ? null : rule.message;
  return /^[\p{L}\p{N}._-]{1,200}$/u.test(handle)
    ? null
    : 'akun hanya boleh huruf, angka, titik, garis bawah dan tanda hubung';
}

/** The canonical profile URL of a handle, used when a file gives only the handle. */
export function profileUrlFor(platform: Platform, handle: string): string {
  switch (platform) {
    case 'facebook':
      return `https://www.facebook.com/${handle}`;
    case 'instagram':
      return `https://www.instagram.com/${handle}/`;
    case 'tiktok':
      return `https://www.tiktok.com/@${handle}`;
    case 'x':
      return `https://x.com/${handle}`;
    case 'youtube':
      return `https://www.youtube.com/@${handle}`;
    case 'bluesky':
      return `https://bsky.app/profile/${handle}`;
    case 'mastodon': {
      const [user, instance] = handle.split('@');
      return `https://${instance ?? ''}/@${user}`;
    }
    case 'telegram':
      return `https://t.me/${handle}`;
  }
}

/** Why a profile URL does not fit the platform, or null when it does. */
export function profileUrlProblem(platform: Platform, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `URL profil "${url}" bukan URL yang sah`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'URL profil harus http(s)';
  if (platform === 'mastodon') {
    if (parsed.pathname === '/' || parsed.pathname === '') return 'URL profil tidak menunjuk ke akun';
    return null;
  }
  if (!PLATFORM_HOSTS[platform].includes(parsed.hostname.toLowerCase())) {
    return `URL profil ${parsed.hostname} bukan situs ${platform} (${PLATFORM_HOSTS[platform][0]})`;
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
    handle: z.string().transform(normaliseHandle).pipe(z.string().min(1, 'akun (handle) wajib diisi').max(200)),
    profileUrl: z.string().trim().max(500).nullish(),
    platformId: optionalText(200),
    linkMethod: linkMethodSchema.default('self_declared'),
  })
  .transform((account, ctx) => {
    const badHandle = handleProblem(account.platform, account.handle);
    if (badHandle) {
      ctx.addIssue({ code: 'custom', path: ['handle'], message: badHandle });
      return z.NEVER;
    }
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
