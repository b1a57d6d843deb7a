import type { Contest } from './registry-schema.ts';

/**
 * The contests a person working in `region` votes in: the contest of their regency/city, their province's,
 * and any national one. `18.11.01` (a district of Mesuji) yields Mesuji's bupati race and Lampung's
 * governor race.
 */
export function contestsForRegion(contests: readonly Contest[], region: string | null | undefined): Contest[] {
  if (!region) return [...contests];
  return contests.filter((c) => {
    const code = c.region.code;
    return code === '00' || region === code || region.startsWith(`${code}.`);
  });
}
