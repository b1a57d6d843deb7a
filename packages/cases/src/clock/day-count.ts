import type { HolidayCalendar } from './holidays.ts';

/** Whether a legal period counts every calendar day or only working days (Monday–Friday, not a holiday). */
export type DayMode = 'calendar' | 'working';

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, holidays: HolidayCalendar): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.isHoliday(date);
}

/**
 * The last day of a period of `days` days starting the day after `start` (the start day itself is not counted,
 * as in "7 hari sejak ditemukan"). In working-day mode weekends and holidays are skipped; in calendar mode
 * every day counts.
 */
export function addDays(start: string, days: number, mode: DayMode, holidays: HolidayCalendar): string {
  let date = start;
  let counted = 0;
  while (counted < days) {
    date = shift(date, 1);
    if (mode === 'calendar' || isWorkingDay(date, holidays)) counted += 1;
  }
  return date;
}
