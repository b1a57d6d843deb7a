import type { Platform } from '@netra/core';
import { PLATFORM_LABEL, platformByName } from './platform-names.ts';

/** One account read from a cell: the platform's own handle form and its canonical profile URL. */
export interface NormalisedAccount {
  platform: Platform;
  handle: string;
  profileUrl: string;
  /** Known from the URL (a Facebook numeric id, a YouTube channel id). */
  platformId: string | null;
}

export type HandleResult = { ok: true; account: NormalisedAccount } | { ok: false; code: string; message: string };

/** Hosts that are the platform's own site. Mastodon runs on any server, so it has none. */
export const PLATFORM_HOSTS: Record<Platform, string[]> = {
  facebook: [
    'www.facebook.com',
    'facebook.com',
    'm.facebook.com',
    'web.facebook.com',
    'mbasic.facebook.com',
    'fb.com',
    'www.fb.com',
    'id-id.facebook.com',
    'business.facebook.com',
  ],
  instagram: ['www.instagram.com', 'instagram.com', 'm.instagram.com', 'instagr.am'],
  tiktok: ['www.tiktok.com', 'tiktok.com', 'm.tiktok.com'],
  x: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com', 'mobile.x.com'],
  youtube: ['www.youtube.com', 'youtube.com', 'm.youtube.com'],
  bluesky: ['bsky.app', 'www.bsky.app'],
  mastodon: [],
  telegram: ['t.me', 'telegram.me', 'www.t.me', 'telegram.dog'],
};

/** Short-link hosts: they hide the profile behind a redirect Netra does not follow. */
const SHORT_HOSTS = new Set([
  'vm.tiktok.com',
  'vt.tiktok.com',
  'fb.me',
  'youtu.be',
  'bit.ly',
  's.id',
  't.co',
  'linktr.ee',
]);

/** Cell values that mean "no account" — written by people who fill every cell. */
const NONE = new Set([
  '-',
  '--',
  '—',
  '–',
  '.',
  '0',
  'tidak ada',
  'tdk ada',
  'tidak punya',
  'tdk punya',
  'belum ada',
  'blm ada',
  'nihil',
  'kosong',
  'n a',
  'na',
  'none',
  'null',
  'nil',
  'tidak',
  'tdk',
  'belum punya',
  'ga ada',
  'gak ada',
  'no',
]);

export function isNoAccount(value: string): boolean {
  const v = value.trim().toLowerCase();
  return v === '' || NONE.has(v) || NONE.has(v.replace(/[^a-z0-9]+/g, ' ').trim());
}

const HANDLE_RULES: Record<Platform, { re: RegExp; rule: string }> = {
  instagram: {
    re: /^(?!.*\.\.)(?!\.)[A-Za-z0-9._]{1,30}(?<!\.)$/,
    rule: '1–30 huruf, angka, titik atau garis bawah (tanpa spasi, tidak diawali/diakhiri titik)',
  },
  facebook: {
    re: /^(?:[A-Za-z0-9.]{5,50}|[A-Za-z0-9][A-Za-z0-9.-]{3,78}[A-Za-z0-9]|\d{5,20})$/,
    rule: 'minimal 5 huruf, angka atau titik (nama pengguna di alamat facebook.com/…), atau ID angka',
  },
  tiktok: { re: /^(?!.*\.$)[A-Za-z0-9._]{2,24}$/, rule: '2–24 huruf, angka, titik atau garis bawah' },
  x: { re: /^[A-Za-z0-9_]{1,15}$/, rule: '1–15 huruf, angka atau garis bawah' },
  youtube: {
    re: /^(?:[A-Za-z0-9._-]{3,30}|UC[A-Za-z0-9_-]{22})$/,
    rule: '3–30 huruf, angka, titik, garis bawah atau tanda hubung (nama @ kanal), atau ID kanal UC…',
  },
  bluesky: {
    re: /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/,
    rule: 'nama domain lengkap, mis. nama.bsky.social',
  },
  mastodon: {
    re: /^[A-Za-z0-9_]{1,30}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/,
    rule: 'nama@server, mis. budi@mastodon.social',
  },
  telegram: { re: /^[A-Za-z][A-Za-z0-9_]{3,31}$/, rule: '5–32 huruf, angka atau garis bawah, diawali huruf' },
};

/** Paths on a platform's site that are not profiles (a post, a search, the home page). */
const NOT_PROFILE: Partial<Record<Platform, Set<string>>> = {
  instagram: new Set(['p', 'reel', 'reels', 'stories', 'explore', 'tv', 'accounts', 'direct']),
  facebook: new Set([
    'groups',
    'events',
    'watch',
    'photo.php',
    'story.php',
    'permalink.php',
    'share',
    'sharer',
    'login',
    'home.php',
    'marketplace',
    'hashtag',
    'search',
  ]),
  x: new Set([
    'home',
    'i',
    'intent',
    'search',
    'hashtag',
    'explore',
    'share',
    'login',
    'settings',
    'messages',
    'notifications',
  ]),
  tiktok: new Set(['video', 'tag', 'discover', 'foryou', 'search', 'music']),
  youtube: new Set(['watch', 'shorts', 'playlist', 'results', 'feed', 'embed']),
  telegram: new Set(['joinchat', 's', 'share', 'addstickers']),
};

export function profileUrlFor(platform: Platform, handle: string): string {
  switch (platform) {
    case 'facebook':
      return /^\d+$/.test(handle)
        ? `https://www.facebook.com/profile.php?id=${handle}`
        : `https://www.facebook.com/${handle}`;
    case 'instagram':
      return `https://www.instagram.com/${handle}/`;
    case 'tiktok':
      return `https://www.tiktok.com/@${handle}`;
    case 'x':
      return `https://x.com/${handle}`;
    case 'youtube':
      return /^UC[A-Za-z0-9_-]{22}$/.test(handle)
        ? `https://www.youtube.com/channel/${handle}`
        : `https://www.youtube.com/@${handle}`;
    case 'bluesky':
      return `https://bsky.app/profile/${handle}`;
    case 'mastodon': {
      const [user, server] = handle.split('@');
      return `https://${server}/@${user}`;
    }
    case 'telegram':
      return `https://t.me/${handle}`;
  }
}

/** The platform whose site a URL is on (undefined for other hosts, including Mastodon servers). */
export function platformOfHost(host: string): Platform | undefined {
  const h = host.toLowerCase();
  return (Object.keys(PLATFORM_HOSTS) as Platform[]).find((p) => PLATFORM_HOSTS[p].includes(h));
}

function looksLikeUrl(value: string): boolean {
  return /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?\/\S*$/i.test(value) || /^https?:\/\//i.test(value);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    return null;
  }
}

const fail = (code: string, message: string): HandleResult => ({ ok: false, code, message });

function checkHandle(platform: Platform, handle: string, platformId: string | null = null): HandleResult {
  const canonical = platform === 'bluesky' || platform === 'mastodon' ? handle.toLowerCase() : handle;
  const rule = HANDLE_RULES[platform];
  if (!rule.re.test(canonical)) {
    if (/\s/.test(handle)) {
      return fail(
        'ACCOUNT_HANDLE_HAS_SPACE',
        `akun ${PLATFORM_LABEL[platform]} "${handle}" berisi spasi — tampaknya nama tampilan, bukan nama pengguna; tulis nama pengguna (${rule.rule}) atau salin alamat profilnya`,
      );
    }
    if (platform === 'mastodon' && !handle.includes('@')) {
      return fail(
        'ACCOUNT_MASTODON_SERVER_MISSING',
        `akun Mastodon "${handle}" tidak menyebut servernya; tulis lengkap nama@server, mis. ${handle}@mastodon.social`,
      );
    }
    if (platform === 'bluesky' && !handle.includes('.')) {
      return fail(
        'ACCOUNT_BLUESKY_DOMAIN_MISSING',
        `akun Bluesky "${handle}" harus ditulis lengkap dengan domain, mis. ${handle.toLowerCase()}.bsky.social`,
      );
    }
    return fail(
      'ACCOUNT_INVALID_HANDLE',
      `"${handle}" bukan nama pengguna ${PLATFORM_LABEL[platform]} yang sah: ${rule.rule}; perbaiki atau salin alamat profilnya`,
    );
  }
  return {
    ok: true,
    account: { platform, handle: canonical, profileUrl: profileUrlFor(platform, canonical), platformId },
  };
}

/** A profile URL → the account it points at, or why it does not point at one. */
function fromUrl(expected: Platform | undefined, raw: string): HandleResult {
  const url = parseUrl(raw);
  if (!url?.hostname.includes('.'))
    return fail(
      'ACCOUNT_INVALID_URL',
      `"${raw}" bukan alamat web yang sah; tulis nama pengguna atau salin alamat profil lengkap`,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail('ACCOUNT_INVALID_URL', `alamat profil harus diawali http(s)://`);
  const host = url.hostname.toLowerCase();
  if (SHORT_HOSTS.has(host)) {
    return fail(
      'ACCOUNT_SHORT_LINK',
      `"${raw}" adalah tautan pendek; buka tautan itu di peramban lalu salin alamat profil yang muncul`,
    );
  }
  const onHost = platformOfHost(host);
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const platform =
    onHost ?? (expected === 'mastodon' || (!expected && segments[0]?.startsWith('@')) ? 'mastodon' : undefined);
  if (!platform) {
    return fail(
      'ACCOUNT_UNKNOWN_SITE',
      expected
        ? `alamat ${host} bukan situs ${PLATFORM_LABEL[expected]}; salin alamat profil dari ${PLATFORM_HOSTS[expected][0] ?? PLATFORM_LABEL[expected]}`
        : `alamat ${host} bukan situs media sosial yang dipantau (Instagram, Facebook, TikTok, X, YouTube, Bluesky, Mastodon, Telegram)`,
    );
  }
  if (expected && platform !== expected) {
    return fail(
      'ACCOUNT_PLATFORM_MISMATCH',
      `alamat ini akun ${PLATFORM_LABEL[platform]}, bukan ${PLATFORM_LABEL[expected]}; pindahkan ke kolom ${PLATFORM_LABEL[platform]}`,
    );
  }
  const first = segments[0];
  if (!first)
    return fail(
      'ACCOUNT_URL_NOT_PROFILE',
      `alamat ${host} tidak menunjuk ke akun mana pun; salin alamat halaman profilnya`,
    );
  const notProfile = () =>
    fail(
      'ACCOUNT_URL_NOT_PROFILE',
      `"${raw}" menunjuk ke unggahan atau halaman lain, bukan profil; buka profil orangnya lalu salin alamatnya`,
    );
  switch (platform) {
    case 'facebook': {
      if (first === 'profile.php') {
        const id = url.searchParams.get('id') ?? '';
        return /^\d{5,20}$/.test(id) ? checkHandle('facebook', id, id) : notProfile();
      }
      if (first === 'people' && segments[2] && /^\d+$/.test(segments[2]))
        return checkHandle('facebook', segments[2], segments[2]);
      if (first === 'pages' && segments.length >= 2) {
        const id = segments.find((s) => /^\d{5,}$/.test(s));
        return id ? checkHandle('facebook', id, id) : notProfile();
      }
      if (NOT_PROFILE.facebook?.has(first.toLowerCase())) return notProfile();
      return checkHandle('facebook', first);
    }
    case 'instagram':
    case 'x':
    case 'telegram':
      if (NOT_PROFILE[platform]?.has(first.toLowerCase())) return notProfile();
      return checkHandle(platform, first.replace(/^@/, ''));
    case 'tiktok':
      if (!first.startsWith('@')) return notProfile();
      return checkHandle('tiktok', first.slice(1));
    case 'youtube':
      if (first.startsWith('@')) return checkHandle('youtube', first.slice(1));
      if (first === 'channel' && segments[1]) return checkHandle('youtube', segments[1], segments[1]);
      if ((first === 'c' || first === 'user') && segments[1]) return checkHandle('youtube', segments[1]);
      if (NOT_PROFILE.youtube?.has(first.toLowerCase())) return notProfile();
      return checkHandle('youtube', first);
    case 'bluesky':
      if (first !== 'profile' || !segments[1]) return notProfile();
      return checkHandle('bluesky', segments[1]);
    case 'mastodon': {
      if (!first.startsWith('@')) return notProfile();
      const user = first.slice(1);
      return checkHandle('mastodon', user.includes('@') ? user : `${user}@${host}`);
    }
  }
}

/**
 * One value from a cell → an account of `platform` (the column's platform; undefined when the file says it
 * elsewhere, e.g. a mixed "Akun" column of URLs). Accepts `@handle`, a bare handle, `platform: handle`, or a
 * profile URL with or without `https://`, query or trailing slash.
 */
export function normaliseAccount(platform: Platform | undefined, rawValue: string): HandleResult {
  let raw = rawValue
    .replace(/[\u00a0\u200b-\u200d\u2060\ufeff]/g, ' ')
    .trim()
    .replace(/^[<("']+|[>)"',.;]+$/g, '');
  // "IG: @budi", "Instagram - budi": the platform named inside the cell.
  const labelled =
    /^([A-Za-z][A-Za-z /]{0,20}?)\s*[:=]\s*(.+)$/.exec(raw) ?? /^([A-Za-z][A-Za-z ]{0,20}?)\s+-\s+(.+)$/.exec(raw);
  if (labelled && !/^https?$/i.test(labelled[1]!.trim())) {
    const named = platformByName(labelled[1]!);
    if (named) {
      if (platform && named !== platform) {
        return fail(
          'ACCOUNT_PLATFORM_MISMATCH',
          `isian menyebut ${PLATFORM_LABEL[named]}, bukan ${PLATFORM_LABEL[platform]}; pindahkan ke kolom ${PLATFORM_LABEL[named]}`,
        );
      }
      platform = named;
      raw = labelled[2]!.trim();
    }
  }
  if (looksLikeUrl(raw)) return fromUrl(platform, raw);
  if (!platform) {
    // A Mastodon address names its own platform; anything else needs a platform column.
    if (/^@?[A-Za-z0-9_]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(raw)) return checkHandle('mastodon', raw.replace(/^@/, ''));
    return fail(
      'ACCOUNT_PLATFORM_UNKNOWN',
      `platform akun "${raw}" tidak diketahui; isi kolom Platform atau tulis alamat profil lengkap`,
    );
  }
  if (platform === 'mastodon') return checkHandle('mastodon', raw.replace(/^@/, ''));
  if (platform === 'bluesky') return checkHandle('bluesky', raw.replace(/^@/, ''));
  return checkHandle(platform, raw.replace(/^@+/, ''));
}

/**
 * Splits a cell that lists several accounts: `,` `;` `|` or new lines, and spaces between values that each
 * start with `@` or look like URLs ("@budi @budi.kedua"). A value with spaces otherwise stays whole so it can
 * be reported as a display name rather than silently becoming two accounts.
 */
export function splitAccountCell(cell: string): string[] {
  const parts = cell
    .replace(/[\u00a0]/g, ' ')
    .split(/[,;|\r\n]+|\s+(?:dan|and|&)\s+|\s+\/\s+/i)
    .map((p) => p.trim())
    .filter((p) => !isNoAccount(p));
  const out: string[] = [];
  for (const part of parts) {
    const words = part.split(/\s+/);
    if (words.length > 1 && words.every((w) => w.startsWith('@') || looksLikeUrl(w))) out.push(...words);
    else out.push(part);
  }
  return out;
}
