/** Indonesia's three time zones; none observes daylight saving, so a fixed offset is exact. */
export type Zone = 'WIB' | 'WITA' | 'WIT';

export const ZONE_OFFSET_HOURS: Record<Zone, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** Province codes (Kemendagri, the first two digits of a region code) east of WIB. */
const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);

/** The zone of a region code such as `18.11` or `64`; national (`RI`, empty) is WIB, where Bawaslu RI sits. */
export function zoneOfRegion(regionCode: string | null | undefined): Zone {
  const province = (regionCode ?? '').slice(0, 2);
  if (WIT.has(province)) return 'WIT';
  if (WITA.has(province)) return 'WITA';
  return 'WIB';
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(at: Date, zone: Zone): string {
  return new Date(at.getTime() + ZONE_OFFSET_HOURS[zone] * 3_600_000).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time (`YYYY-MM-DD`, `HH:MM:SS`) in a zone. */
export function instantOf(date: string, time: string, zone: Zone): Date {
  const offset = ZONE_OFFSET_HOURS[zone];
  return new Date(`${date}T${time}+0${offset}:00`);
}

/** `2024-10-01 15:00 WIB`: every time shown to a user carries its zone. */
export function formatInZone(at: Date, zone: Zone): string {
  const shifted = new Date(at.getTime() + ZONE_OFFSET_HOURS[zone] * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)} ${zone}`;
}
