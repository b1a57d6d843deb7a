import type { Platform } from '@netra/core';
import type { ApiCollectInput, ApiCollectResult } from './api-types.ts';
import { collectBluesky } from './bluesky.ts';
import { collectMastodon } from './mastodon.ts';
import { collectTelegram } from './telegram.ts';
import { collectYouTube } from './youtube-feed.ts';

/** Platforms read over plain HTTP (public API, feed or static preview) instead of a browser. */
export const API_PLATFORMS = ['bluesky', 'mastodon', 'telegram', 'youtube'] as const satisfies readonly Platform[];
export type ApiPlatform = (typeof API_PLATFORMS)[number];

export function isApiPlatform(platform: Platform): platform is ApiPlatform {
  return (API_PLATFORMS as readonly Platform[]).includes(platform);
}

const COLLECTORS: Record<ApiPlatform, (input: ApiCollectInput) => Promise<ApiCollectResult>> = {
  bluesky: collectBluesky,
  mastodon: collectMastodon,
  telegram: collectTelegram,
  youtube: collectYouTube,
};

/** Collects one account with its platform's API collector. Never throws for account or platform problems. */
export function collectViaApi(input: ApiCollectInput): Promise<ApiCollectResult> {
  const platform = input.account.platform;
  if (!isApiPlatform(platform)) throw new Error(`no API collector for ${platform}`);
  return COLLECTORS[platform](input);
}
