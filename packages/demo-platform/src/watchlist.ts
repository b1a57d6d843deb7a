import type { Platform as CorePlatform } from '@netra/core';

type Platform = Exclude<CorePlatform, 'bluesky' | 'mastodon' | 'telegram'>;

import seed from './watchlist.json' with { type: 'json' };

export interface DemoWatchedAccount {
  /** UUID, used as `accountId` on collected posts. */
  id: string;
  platform: Platform;
  handle: string;
  /** The REAL platform URL; collectors reach the demo through their `platformOrigins` mapping. */
  profileUrl: string;
}

export interface DemoPerson {
  id: string;
  name: string;
  /** 18 digits: birth date yyyymmdd, appointment yyyymm, gender 1/2, sequence. */
  nip: string;
  /** Instansi. */
  agency: string;
  unit: string;
  /** Jabatan. */
  position: string;
  /** Kemendagri code of the contest region the person works in (see data/corpus/elections.json). */
  region: string;
  accounts: DemoWatchedAccount[];
}

/** The demo watchlist seed: fictional ASN whose accounts the demo platform serves. */
export const demoWatchlist: readonly DemoPerson[] = seed.people as DemoPerson[];

export function allDemoWatchedAccounts(): DemoWatchedAccount[] {
  return demoWatchlist.flatMap((person) => person.accounts);
}
