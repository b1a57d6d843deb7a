/**
 * Indonesia's three time zones by province (the first two digits of a Kemendagri region code): WIT for Maluku,
 * Maluku Utara and the Papua provinces, WITA for Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara and
 * Sulawesi; WIB elsewhere (Sumatra, Java, Kalimantan Barat/Tengah). Times shown to analysts carry their zone.
 */
export type IndonesianZone = 'WIB' | 'WITA' | 'WIT';

const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);

export const ZONE_TIMEZONE: Record<IndonesianZone, string> = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
};

export function zoneOfRegion(regionCode: string | null | undefined): IndonesianZone {
  const province = (regionCode ?? '').slice(0, 2);
  if (WIT.has(province)) return 'WIT';
  if (WITA.has(province)) return 'WITA';
  return 'WIB';
}

/** Hours east of UTC; none of the three zones observes daylight saving, so a fixed offset is exact. */
export const ZONE_OFFSET_HOURS: Record<IndonesianZone, number> = { WIB: 7, WITA: 8, WIT: 9 };

/**
 * The calendar date (`YYYY-MM-DD`) of an instant where the region is: election calendars are local dates, and a
 * post at 23:30 WIT is already the next day in Papua although still the same day in UTC.
 */
export function localDateInRegion(at: Date, regionCode: string | null | undefined): string {
  return new Date(at.getTime() + ZONE_OFFSET_HOURS[zoneOfRegion(regionCode)] * 3_600_000).toISOString().slice(0, 10);
}

/** `29 Nov 2026, 07.00 WITA`: the time in the region's zone, with the zone named. */
export function formatZoned(date: Date, regionCode: string | null | undefined, lang: 'id' | 'en' | string): string {
  const zone = zoneOfRegion(regionCode);
  const text = date.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: ZONE_TIMEZONE[zone],
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `${text} ${zone}`;
}
