import type { Regime } from '../clock/legal-clock.ts';

/** A contest's milestones (local dates `YYYY-MM-DD`), from the contest registry: they change every cycle. */
export interface ContestMilestones {
  regime: Regime;
  registrationFrom?: string | null | undefined;
  registrationTo?: string | null | undefined;
  /** Penetapan: KPU determines the candidates; before it they are bakal calon. */
  determinedOn?: string | null | undefined;
  campaignFrom: string;
  campaignTo: string;
  quietFrom?: string | null | undefined;
  quietTo?: string | null | undefined;
  votingOn: string;
  recapTo?: string | null | undefined;
}

export type ElectionStage =
  | 'sebelum_pendaftaran'
  | 'pendaftaran'
  | 'penetapan'
  | 'kampanye'
  | 'masa_tenang'
  | 'pemungutan'
  | 'rekapitulasi'
  | 'pasca';

export const STAGE_LABELS: Record<ElectionStage, string> = {
  sebelum_pendaftaran: 'Sebelum pendaftaran calon',
  pendaftaran: 'Pendaftaran dan verifikasi bakal calon',
  penetapan: 'Setelah penetapan calon, sebelum kampanye',
  kampanye: 'Masa kampanye',
  masa_tenang: 'Masa tenang',
  pemungutan: 'Pemungutan dan penghitungan suara',
  rekapitulasi: 'Rekapitulasi hasil',
  pasca: 'Setelah rekapitulasi',
};

/** The election stage on a local date. */
export function stageOn(m: ContestMilestones, date: string): ElectionStage {
  if (m.recapTo && date > m.recapTo) return 'pasca';
  if (date > m.votingOn) return 'rekapitulasi';
  if (date === m.votingOn) return 'pemungutan';
  if (m.quietFrom && m.quietTo && date >= m.quietFrom && date <= m.quietTo) return 'masa_tenang';
  // Without explicit quiet dates, the days between the campaign's end and voting are the quiet period.
  if (date > m.campaignTo) return 'masa_tenang';
  if (date >= m.campaignFrom) return 'kampanye';
  if (m.determinedOn && date >= m.determinedOn) return 'penetapan';
  if (m.registrationFrom && date >= m.registrationFrom) return 'pendaftaran';
  if (!m.registrationFrom && !m.determinedOn) return 'pendaftaran';
  return 'sebelum_pendaftaran';
}

export type TargetStatus = 'bakal_calon' | 'calon';

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  bakal_calon: 'bakal calon',
  calon: 'calon',
};

export interface StageHistoryEntry {
  stage: TargetStatus;
  /** Local date from which the candidate held this status. */
  from: string;
}

/**
 * The target's status on a date: the candidate's own stage history when recorded (a candidate determined
 * late, after a dispute), else the contest's penetapan date, else the campaign start (candidates are
 * determined before campaigning).
 */
export function targetStatusOn(
  m: ContestMilestones,
  history: readonly StageHistoryEntry[],
  date: string,
): TargetStatus {
  const known = [...history].filter((h) => h.from <= date).sort((a, b) => a.from.localeCompare(b.from));
  const last = known.at(-1);
  if (last) return last.stage;
  if (history.length > 0) return 'bakal_calon';
  const determined = m.determinedOn ?? m.campaignFrom;
  return date >= determined ? 'calon' : 'bakal_calon';
}
