import type { Platform } from '@netra/core';
import { facebook } from './facebook.ts';
import { instagram } from './instagram.ts';
import { tiktok } from './tiktok.ts';
import type { PlatformDefinition } from './types.ts';
import { x } from './x.ts';
import { youtube } from './youtube.ts';

export type { AccountState, ExtractArgs, Pagination, PlatformDefinition, RawItem } from './types.ts';

/**
 * One page definition per browser-read platform; add a platform by writing its file and listing it here.
 * Bluesky, Mastodon and Telegram have none: they are read over plain HTTP (src/api).
 */
export const platformDefinitions: Partial<Record<Platform, PlatformDefinition>> = {
  facebook,
  instagram,
  tiktok,
  x,
  youtube,
};
