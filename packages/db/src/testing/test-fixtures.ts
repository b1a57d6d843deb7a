import type { Platform } from '@netra/core';
import type { Executor } from '../connection/executor.ts';

export interface WatchedAccountFixture {
  name?: string;
  nip?: string;
  agency?: string;
  position?: string;
  regionCode?: string;
  ppk?: string | null;
  platform?: Platform;
  handle: string;
  profileUrl?: string;
}

const ORIGIN: Record<Platform, string> = {
  facebook: 'https://www.facebook.com/',
  instagram: 'https://www.instagram.com/',
  tiktok: 'https://www.tiktok.com/@',
  x: 'https://x.com/',
  youtube: 'https://www.youtube.com/@',
  bluesky: 'https://bsky.app/profile/',
  mastodon: 'https://mastodon.social/@',
  telegram: 'https://t.me/',
};

let sequence = 0;

/** One watched person with one account, for tests that need a post's author to exist. */
export async function insertWatchedAccount(
  db: Executor,
  f: WatchedAccountFixture,
): Promise<{ personId: string; accountId: string }> {
  sequence += 1;
  const platform = f.platform ?? 'facebook';
  const person = await db
    .insertInto('people')
    .values({
      name: f.name ?? `ASN Uji ${sequence}`,
      nip: f.nip ?? `19850101201001${1000 + (sequence % 9000)}`.slice(0, 18),
      agency: f.agency ?? 'Instansi Uji',
      position: f.position ?? 'Staf',
      region_code: f.regionCode ?? '18.11',
      unit: null,
      ppk: f.ppk ?? null,
      notes: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      person_id: person.id,
      platform,
      handle: f.handle,
      profile_url: f.profileUrl ?? `${ORIGIN[platform]}${f.handle}`,
      platform_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personId: person.id, accountId: account.id };
}

/** Rows in a table, for tests that assert nothing was written twice. */
export async function countRows(
  db: Executor,
  table: 'posts' | 'classifications' | 'review_items' | 'review_decisions',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
