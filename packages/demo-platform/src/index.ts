export type { DemoAccount, DemoItem, DemoParent } from './content/index.ts';
export { demoAccounts, demoEdgeCaseAccounts, findDemoAccount } from './content/index.ts';
export { officialAccounts } from './content/parents.ts';
export { type DemoPlatform, type DemoPlatformOptions, startDemoPlatform } from './server.ts';
export { allDemoWatchedAccounts, type DemoPerson, type DemoWatchedAccount, demoWatchlist } from './watchlist.ts';

import { officialAccounts } from './content/parents.ts';

/**
 * Candidate official accounts on the demo platform: `<platform>:<handle>` → `<contest id>#<ballot number>`.
 * Pass it to collectors as `candidateAccounts` so replies to these accounts carry `parentCandidate`.
 */
export const demoCandidateAccounts: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(officialAccounts).flatMap(([platform, accounts]) =>
    Object.values(accounts).map((a) => [`${platform}:${a.handle.toLowerCase()}`, a.candidate]),
  ),
);

/** Handles of the deliberately broken demo pages, for collector tests. */
export const demoEdgeCases = {
  privateAccount: {
    platform: 'instagram',
    handle: 'bidan_nurhayati',
    profileUrl: 'https://www.instagram.com/bidan_nurhayati/',
  },
  loginWall: { platform: 'facebook', handle: 'akun.terkunci', profileUrl: 'https://www.facebook.com/akun.terkunci' },
  loginWallX: { platform: 'x', handle: 'akun_wajib_login', profileUrl: 'https://x.com/akun_wajib_login' },
  notFound: { platform: 'x', handle: 'akun_sudah_dihapus', profileUrl: 'https://x.com/akun_sudah_dihapus' },
  malformed: { platform: 'facebook', handle: 'halaman.rusak', profileUrl: 'https://www.facebook.com/halaman.rusak' },
} as const;
