import type { Platform } from '@netra/core';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';

/**
 * Where to fetch each platform from instead of its real site, e.g. `{ facebook: 'http://127.0.0.1:4010/facebook' }`.
 * Accounts always store real URLs; the demo platform and tests point collectors elsewhere with this map.
 */
export type PlatformOrigins = Partial<Record<Platform, string>>;

/** The canonical origin of each platform; collected posts always carry URLs on these. */
export const REAL_ORIGINS: Record<Platform, string> = {
  facebook: 'https://www.facebook.com',
  instagram: 'https://www.instagram.com',
  tiktok: 'https://www.tiktok.com',
  x: 'https://x.com',
  youtube: 'https://www.youtube.com',
  bluesky: 'https://bsky.app',
  mastodon: 'https://mastodon.social',
  telegram: 'https://t.me',
};

/** Hosts that are the same site as the canonical origin. */
const ALIASES: Record<Platform, string[]> = {
  facebook: ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com'],
  instagram: ['www.instagram.com', 'instagram.com'],
  tiktok: ['www.tiktok.com', 'tiktok.com', 'm.tiktok.com'],
  x: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  youtube: ['www.youtube.com', 'youtube.com', 'm.youtube.com'],
  bluesky: ['bsky.app'],
  mastodon: ['mastodon.social'],
  telegram: ['t.me', 'telegram.me'],
};

function trimSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

/**
 * The URL to actually load for a real platform URL: `https://www.facebook.com/<path>` becomes
 * `<origin>/<path>` when `origins.facebook` is set, and stays as it is otherwise.
 */
export function toFetchUrl(platform: Platform, realUrl: string, origins: PlatformOrigins = {}): string {
  const url = new URL(realUrl);
  if (!ALIASES[platform].includes(url.hostname)) {
    throw collectorError(
      COLLECTOR_ERROR.unsupportedUrl,
      `${realUrl} is not a ${platform} URL (expected ${REAL_ORIGINS[platform]})`,
      { platform, url: realUrl },
    );
  }
  const origin = origins[platform];
  if (!origin) return url.toString();
  return `${trimSlash(origin)}${url.pathname}${url.search}`;
}

/** The inverse of `toFetchUrl`: maps a URL seen on a (possibly remapped) page back to the real platform URL. */
export function toRealUrl(platform: Platform, seenUrl: string, origins: PlatformOrigins = {}): string {
  const origin = origins[platform];
  if (origin) {
    const base = trimSlash(origin);
    if (seenUrl === base || seenUrl.startsWith(`${base}/`) || seenUrl.startsWith(`${base}?`)) {
      return `${REAL_ORIGINS[platform]}${seenUrl.slice(base.length) || '/'}`;
    }
  }
  const url = new URL(seenUrl);
  if (ALIASES[platform].includes(url.hostname)) return `${REAL_ORIGINS[platform]}${url.pathname}${url.search}`;
  return seenUrl;
}
