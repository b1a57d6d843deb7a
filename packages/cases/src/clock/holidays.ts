import data from '../../data/holidays-id.json' with { type: 'json' };

export interface Holiday {
  date: string;
  name: string;
  cutiBersama?: boolean;
}

/** Which dates are not working days besides weekends. A set of `YYYY-MM-DD`. */
export interface HolidayCalendar {
  isHoliday(date: string): boolean;
  nameOf(date: string): string | undefined;
}

export function holidayCalendar(holidays: readonly Holiday[], options: { countCutiBersama?: boolean } = {}) {
  const byDate = new Map<string, string>();
  for (const h of holidays) {
    // Cuti bersama are days off for civil servants, Bawaslu's staff included; an office may decide otherwise.
    if (h.cutiBersama && options.countCutiBersama === false) continue;
    byDate.set(h.date, h.name);
  }
  return {
    isHoliday: (date: string) => byDate.has(date),
    nameOf: (date: string) => byDate.get(date),
  } satisfies HolidayCalendar;
}

/** The national holidays checked in with Netra (`packages/cases/data/holidays-id.json`), updated each year. */
export const NATIONAL_HOLIDAYS: readonly Holiday[] = data.holidays;

export const nationalHolidayCalendar = holidayCalendar(NATIONAL_HOLIDAYS);
