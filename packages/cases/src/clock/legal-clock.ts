import { addDays, type DayMode } from './day-count.ts';
import type { HolidayCalendar } from './holidays.ts';
import { formatInZone, instantOf, localDate, type Zone } from './zones.ts';

export type Regime = 'pemilu' | 'pilkada';
export type CaseType = 'temuan' | 'laporan';

/** Day counting per period; configurable because the Pilkada day type is not settled (docs/review.md). */
export interface ClockRules {
  pemiluTemuan: DayMode;
  pemiluLaporan: DayMode;
  pemiluFollowUp: DayMode;
  pilkada: DayMode;
  /** A deadline this close (hours) is highlighted as near. */
  nearHours: number;
}

export const DEFAULT_CLOCK_RULES: ClockRules = {
  pemiluTemuan: 'calendar',
  pemiluLaporan: 'working',
  pemiluFollowUp: 'calendar',
  pilkada: 'calendar',
  nearHours: 48,
};

export interface ClockInput {
  regime: Regime;
  caseType: CaseType;
  /** Date found (temuan) or known (laporan): starts the clock. Never the post's date. */
  foundAt: Date;
  /** When the temuan/laporan was registered (Pilkada: received); starts the follow-up period. */
  registeredAt?: Date | null | undefined;
  /** Pilkada: Bawaslu asked the reporter for more information (adds 2 days, UU 1/2015 Ps 134(6)). */
  infoRequestedAt?: Date | null | undefined;
  /** Pemilu: follow-up extended by 14 working days for more information (UU 7/2017 Ps 454(8)). */
  extended?: boolean | undefined;
  zone: Zone;
  rules?: ClockRules | undefined;
  holidays: HolidayCalendar;
}

export type DeadlineKey = 'penetapan' | 'tindak_lanjut';

export interface Deadline {
  key: DeadlineKey;
  /** Indonesian label shown on the case page and in the dossier. */
  label: string;
  days: number;
  mode: DayMode;
  /** Local date of the last day (the deadline ends at 23:59:59 local time that day). */
  dueDate: string;
  dueAt: Date;
  /** `2024-10-08 23:59 WIB` */
  dueLabel: string;
  /** Article the period comes from. */
  basis: string;
  /** Counted from an assumed start (registration not yet recorded: counted from the latest allowed day). */
  provisional: boolean;
}

const END_OF_DAY = '23:59:59';

function deadline(
  key: DeadlineKey,
  label: string,
  startDate: string,
  days: number,
  mode: DayMode,
  basis: string,
  input: ClockInput,
  provisional = false,
): Deadline {
  const dueDate = addDays(startDate, days, mode, input.holidays);
  const dueAt = instantOf(dueDate, END_OF_DAY, input.zone);
  return { key, label, days, mode, dueDate, dueAt, dueLabel: formatInZone(dueAt, input.zone), basis, provisional };
}

/**
 * The legal deadlines of a case, from the date found/known, as pure data:
 * - Pemilu temuan: fixed within 7 days of discovery (UU 7/2017 Ps 454(5)); laporan within 7 working days of
 *   knowing (Ps 454(6)); follow-up within 7 days of registration, +14 working days when more information is
 *   needed (Ps 454(7)-(8)).
 * - Pilkada: within 7 days of being known/found (UU 1/2015 jo. UU 10/2016 Ps 134(4)); follow-up within 3 days
 *   of receipt (Ps 134(5)), 2 more days when information is asked of the reporter (Ps 134(6)).
 */
export function legalDeadlines(input: ClockInput): Deadline[] {
  const rules = input.rules ?? DEFAULT_CLOCK_RULES;
  const found = localDate(input.foundAt, input.zone);
  if (input.regime === 'pemilu') {
    const temuan = input.caseType === 'temuan';
    const first = deadline(
      'penetapan',
      temuan ? 'Penetapan temuan' : 'Penyampaian laporan',
      found,
      7,
      temuan ? rules.pemiluTemuan : rules.pemiluLaporan,
      temuan ? 'UU 7/2017 Pasal 454 ayat (5)' : 'UU 7/2017 Pasal 454 ayat (6)',
      input,
    );
    const start = input.registeredAt ? localDate(input.registeredAt, input.zone) : first.dueDate;
    const followUp = deadline(
      'tindak_lanjut',
      'Tindak lanjut setelah registrasi',
      start,
      7,
      rules.pemiluFollowUp,
      'UU 7/2017 Pasal 454 ayat (7)',
      input,
      !input.registeredAt,
    );
    if (!input.extended) return [first, followUp];
    const extendedDate = addDays(followUp.dueDate, 14, 'working', input.holidays);
    const dueAt = instantOf(extendedDate, END_OF_DAY, input.zone);
    return [
      first,
      {
        ...followUp,
        label: 'Tindak lanjut (diperpanjang 14 hari kerja)',
        days: 7 + 14,
        dueDate: extendedDate,
        dueAt,
        dueLabel: formatInZone(dueAt, input.zone),
        basis: 'UU 7/2017 Pasal 454 ayat (7)-(8)',
      },
    ];
  }
  const first = deadline(
    'penetapan',
    input.caseType === 'temuan' ? 'Penetapan temuan' : 'Penyampaian laporan',
    found,
    7,
    rules.pilkada,
    'UU 1/2015 jo. UU 10/2016 Pasal 134 ayat (4)',
    input,
  );
  const start = input.registeredAt ? localDate(input.registeredAt, input.zone) : first.dueDate;
  const extra = input.infoRequestedAt ? 2 : 0;
  const followUp = deadline(
    'tindak_lanjut',
    extra ? 'Tindak lanjut (3 hari + 2 hari keterangan tambahan)' : 'Tindak lanjut (3 hari)',
    start,
    3 + extra,
    rules.pilkada,
    extra ? 'UU 1/2015 jo. UU 10/2016 Pasal 134 ayat (5)-(6)' : 'UU 1/2015 jo. UU 10/2016 Pasal 134 ayat (5)',
    input,
    !input.registeredAt,
  );
  return [first, followUp];
}

export type Urgency = 'overdue' | 'near' | 'ok';

export interface ClockState {
  deadlines: Deadline[];
  /** The deadline that matters now: the first period not yet passed by its act (registration). */
  current: Deadline;
  msLeft: number;
  urgency: Urgency;
  /** `3 hari 4 jam lagi` / `lewat 1 hari 2 jam` */
  timeLeftLabel: string;
}

export function timeLeftLabel(ms: number): string {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const text =
    days > 0 ? `${days} hari ${hours} jam` : hours > 0 ? `${hours} jam ${minutes} menit` : `${minutes} menit`;
  return ms >= 0 ? `${text} lagi` : `lewat ${text}`;
}

/** Deadlines plus what is left of the one that matters now, for badges and sorting. */
export function clockState(input: ClockInput, now: Date): ClockState {
  const deadlines = legalDeadlines(input);
  const current = (input.registeredAt ? deadlines[1] : deadlines[0]) ?? deadlines[0]!;
  const msLeft = current.dueAt.getTime() - now.getTime();
  const near = (input.rules ?? DEFAULT_CLOCK_RULES).nearHours * 3_600_000;
  const urgency: Urgency = msLeft < 0 ? 'overdue' : msLeft <= near ? 'near' : 'ok';
  return { deadlines, current, msLeft, urgency, timeLeftLabel: timeLeftLabel(msLeft) };
}
