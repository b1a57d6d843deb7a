import type { Platform } from '@netra/core';
import { facebook } from './facebook.ts';
import { instagram } from './instagram.ts';
import { tiktok } from './tiktok.ts';
import type { PlatformDefinition } from './types.ts';
import { x } from './x.ts';
import { youtube } from './youtube.ts';

export type { AccountState, ExtractArgs, Pagination, PlatformDefinition, RawItem } from './types.ts';

/**
 * One definition per platform; add a platform by writing its file and listing it here. Partial while the
 * watchlist already accepts Bluesky, Mastodon and Telegram accounts that no collector reads yet.
 */
export const platformDefinitions: Partial<Record<Platform, PlatformDefinition>> = {
  facebook,
  instagram,
  tiktok,
  x,
  youtube,
};
