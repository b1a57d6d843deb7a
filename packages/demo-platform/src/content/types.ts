import type { Platform as CorePlatform } from '@netra/core';

/** The platforms the demo imitates as pages (the API platforms are served by the collectors' test servers). */
export type Platform = Exclude<CorePlatform, 'bluesky' | 'mastodon' | 'telegram'>;

/** Someone else's post that a demo item replies to or shares (a candidate's official account, KPU, a friend). */
export interface DemoParent {
  handle: string;
  name: string;
  text: string;
  /** Candidate reference `<contest id>#<ballot number>` when `handle` is a candidate's official account. */
  candidate?: string;
}

/** A demo item as written by hand; ids are derived from the account handle and the item's position. */
export interface DemoItemSource {
  /** `YYYY-MM-DD HH:mm`, Western Indonesia Time (UTC+7). */
  at: string;
  kind?: 'post' | 'comment' | 'caption' | 'share';
  text: string;
  /** Image alt text / video thumbnail descriptions. */
  alt?: string[];
  /** Poster images (PNG, text in the image; render/posters.ts), shown on Facebook items. */
  posters?: string[];
  /** A comment's parent post, or the original of a share. */
  parent?: DemoParent;
  /** YouTube only: a video title (captions) — community posts have none. */
  title?: string;
}

export interface DemoItem extends Omit<DemoItemSource, 'at' | 'kind'> {
  /** The platform's own id for the item, stable across runs. */
  id: string;
  kind: 'post' | 'comment' | 'caption' | 'share';
  /** ISO 8601 with +07:00. */
  postedAt: string;
  /** Epoch seconds. */
  epoch: number;
}

export type DemoAccountState = 'public' | 'private' | 'login_wall';

export interface DemoAccountSource {
  platform: Platform;
  handle: string;
  displayName: string;
  bio: string;
  state?: DemoAccountState;
  items: DemoItemSource[];
}

export interface DemoAccount extends Omit<DemoAccountSource, 'items' | 'state'> {
  state: DemoAccountState;
  /** Newest first, as profile pages show them. */
  items: DemoItem[];
}
