import { createHash } from 'node:crypto';
import type { Platform as CorePlatform } from '@netra/core';

type Platform = Exclude<CorePlatform, 'bluesky' | 'mastodon' | 'telegram'>;

import { accountSources, edgeCaseSources } from './accounts.ts';
import type { DemoAccount, DemoAccountSource, DemoItem } from './types.ts';

export type { DemoAccount, DemoItem, DemoParent } from './types.ts';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

function digits(seed: string, length: number): string {
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; out.length < length; i++) out += String(bytes[i % bytes.length]! % 10);
  return out;
}

function base64url(seed: string, length: number): string {
  return digest(seed).toString('base64url').slice(0, length);
}

/** A platform-shaped id that never changes for the same (platform, handle, position from the oldest item). */
export function demoItemId(
  platform: Platform,
  handle: string,
  ordinal: number,
  kind: DemoItem['kind'],
  epoch: number,
): string {
  const seed = `${platform}:${handle}:${ordinal}`;
  const low = BigInt(`0x${digest(seed).toString('hex').slice(0, 8)}`);
  switch (platform) {
    case 'facebook':
      return `10${digits(seed, 14)}`;
    case 'instagram':
      return `C${base64url(seed, 10)}`;
    case 'tiktok':
      // Like TikTok's ids: the upper 32 bits are the creation time in epoch seconds.
      return ((BigInt(epoch) << 32n) | low).toString();
    case 'x':
      // Like X's snowflake ids: milliseconds since 2010-11-04 shifted left by 22 bits.
      return (((BigInt(epoch) * 1000n - 1288834974657n) << 22n) | (low & 0x3fffffn)).toString();
    case 'youtube':
      return kind === 'post' ? `Ugkx${base64url(seed, 32)}` : base64url(seed, 11);
    default:
      // Platforms the demo does not imitate yet (the collectors branch adds them).
      return digits(seed, 18);
  }
}

function toIso(at: string): { postedAt: string; epoch: number } {
  const postedAt = `${at.replace(' ', 'T')}:00+07:00`;
  return { postedAt, epoch: Math.floor(Date.parse(postedAt) / 1000) };
}

function build(source: DemoAccountSource): DemoAccount {
  const total = source.items.length;
  const items: DemoItem[] = source.items.map((item, index) => {
    const kind = item.kind ?? 'post';
    const ordinal = total - index; // counted from the oldest, so new items on top keep old ids
    const { at: _at, kind: _kind, ...rest } = item;
    const time = toIso(item.at);
    return { ...rest, kind, id: demoItemId(source.platform, source.handle, ordinal, kind, time.epoch), ...time };
  });
  return { ...source, state: source.state ?? 'public', items };
}

export const demoAccounts: DemoAccount[] = accountSources.map(build);
export const demoEdgeCaseAccounts: DemoAccount[] = edgeCaseSources.map(build);

const byKey = new Map<string, DemoAccount>();
for (const account of [...demoAccounts, ...demoEdgeCaseAccounts]) {
  byKey.set(`${account.platform}:${account.handle.toLowerCase()}`, account);
}

export function findDemoAccount(platform: Platform, handle: string): DemoAccount | undefined {
  return byKey.get(`${platform}:${handle.toLowerCase()}`);
}
