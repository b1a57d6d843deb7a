import type { Platform } from '@netra/core';

/** How people write each platform's name in a cell or a header (normalised: lower case, single spaces). */
export const PLATFORM_NAMES: Record<Platform, string[]> = {
  instagram: ['instagram', 'ig', 'insta', 'instagramm'],
  facebook: ['facebook', 'fb', 'face book', 'facebok', 'fesbuk'],
  tiktok: ['tiktok', 'tik tok', 'tiktokk'],
  x: [
    'x',
    'twitter',
    'x twitter',
    'twitter x',
    'twiter',
    'tweeter',
    'x formerly twitter',
    'x d h twitter',
    'x dh twitter',
  ],
  youtube: ['youtube', 'yt', 'you tube', 'youtube channel', 'kanal youtube'],
  bluesky: ['bluesky', 'blue sky', 'bsky'],
  mastodon: ['mastodon', 'fediverse'],
  telegram: ['telegram', 'tg', 'tele', 'telegram channel'],
};

/** Display name of a platform in messages and exports. */
export const PLATFORM_LABEL: Record<Platform, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  x: 'X (Twitter)',
  youtube: 'YouTube',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  telegram: 'Telegram',
};

export function normaliseWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, Platform>();
for (const [platform, names] of Object.entries(PLATFORM_NAMES) as [Platform, string[]][]) {
  for (const name of names) BY_NAME.set(name, platform);
}

/** `IG`, `Tik Tok`, `Twitter/X` → the platform; undefined when it is not a platform name. */
export function platformByName(value: string): Platform | undefined {
  return BY_NAME.get(normaliseWords(value));
}

/** Words around a platform name in a header that still mean "the account on that platform". */
const ACCOUNT_WORDS = new Set([
  'akun',
  'account',
  'accounts',
  'username',
  'user',
  'usename',
  'nama',
  'name',
  'handle',
  'id',
  'link',
  'url',
  'alamat',
  'tautan',
  'profil',
  'profile',
  'page',
  'halaman',
  'kanal',
  'channel',
  'medsos',
  'media',
  'sosial',
  'social',
  'di',
  'pada',
  'the',
  'of',
  'dan',
  'atau',
  'pribadi',
  'resmi',
  'aktif',
]);

/**
 * The platform a header names, for the wide layout (one column per platform): `Akun Instagram`, `IG`,
 * `Link TikTok`, `Username Twitter/X`, `Instagram 2`, `Kanal YouTube`. Undefined when the header has words
 * that are neither a platform name nor account words, or names two platforms.
 */
export function platformOfHeader(header: string): Platform | undefined {
  const words = normaliseWords(header).split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  const rest = words.filter((w) => !ACCOUNT_WORDS.has(w) && !/^\d+$/.test(w));
  if (rest.length === 0) return undefined;
  const joined = rest.join(' ');
  const whole = BY_NAME.get(joined);
  if (whole) return whole;
  const found = new Set(rest.map((w) => BY_NAME.get(w)));
  if (found.size === 1 && !found.has(undefined)) return [...found][0];
  return undefined;
}
