import { zoneOfRegion } from '../time/indonesian-zone.ts';
import type { ContestTiming } from './classification.ts';

/** Where the post's day falls against the contest's running window, in the words the case file uses. */
export const CONTEST_PHASE_LABELS: Record<ContestTiming['phase'], string> = {
  before: 'sebelum masa berjalan pemilihan (pendaftaran calon belum dibuka)',
  during: 'dalam masa berjalan pemilihan',
  after: 'setelah masa berjalan pemilihan (pemungutan dan sengketa hasil sudah lewat)',
};

export const CONTEST_TIMING_DECIDED_LABEL =
  'tanggal inilah yang memilih pemilihan ini: nama atau nomor yang sama juga ada di pemilihan lain';

/**
 * A dated post's `contestTiming` as display strings, each date with its zone. `postedOn` and the window are
 * local dates in the zone of the contest's region (national contests: WIB, `localDateInRegion`), so the zone
 * comes from `contestRegionCode` — the region of `timing.contest`, not of the person or the review item.
 */
export function contestTimingParts(timing: ContestTiming, contestRegionCode: string | null | undefined) {
  const zone = zoneOfRegion(contestRegionCode);
  return {
    zone,
    contest: timing.contest,
    postedOn: `${timing.postedOn} ${zone}`,
    window: `${timing.window.from} s.d. ${timing.window.to} ${zone}`,
    phase: CONTEST_PHASE_LABELS[timing.phase],
    decided: timing.decided ? 'ya' : 'tidak',
  };
}

/**
 * One line for the case file: `tanggal unggah 2024-10-05 WIB; pemilihan pilbup-x-2024: dalam masa berjalan
 * pemilihan (2024-08-27 s.d. 2025-03-25 WIB); tanggal inilah yang memilih …`. Empty for an undated post.
 */
export function contestTimingLine(
  timing: ContestTiming | null | undefined,
  contestRegionCode: string | null | undefined,
): string {
  if (!timing) return '';
  const p = contestTimingParts(timing, contestRegionCode);
  return `tanggal unggah ${p.postedOn}; pemilihan ${p.contest}: ${p.phase} (${p.window})${timing.decided ? `; ${CONTEST_TIMING_DECIDED_LABEL}` : ''}`;
}
