/**
 * Indonesia's three time zones. A contest's times are shown in the zone of its region, on every page, with
 * the zone written next to the time — a capture at 02.16 WITA is not 02.16 WIB.
 */
export type ZoneName = 'WIB' | 'WITA' | 'WIT';

export interface IndonesianZone {
  name: ZoneName;
  timeZone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
}

const WIB: IndonesianZone = { name: 'WIB', timeZone: 'Asia/Jakarta' };
const WITA: IndonesianZone = { name: 'WITA', timeZone: 'Asia/Makassar' };
const WIT: IndonesianZone = { name: 'WIT', timeZone: 'Asia/Jayapura' };

// Province codes (Kemendagri) by zone. Kalimantan Barat (61) and Tengah (62) are WIB; the rest of
// Kalimantan, Bali, Nusa Tenggara and Sulawesi are WITA; Maluku and Papua are WIT.
const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);

/** The zone of a region code (`18`, `18.11`, `18.11.02`); WIB when the code is unknown or missing. */
export function zoneForRegion(regionCode: string | null | undefined): IndonesianZone {
  const province = (regionCode ?? '').split('.')[0] ?? '';
  if (WIT_PROVINCES.has(province)) return WIT;
  if (WITA_PROVINCES.has(province)) return WITA;
  return WIB;
}

export function zoneByName(name: string | undefined): IndonesianZone | undefined {
  return name === 'WIB' ? WIB : name === 'WITA' ? WITA : name === 'WIT' ? WIT : undefined;
}

// Building an Intl.DateTimeFormat costs about half a millisecond; a queue page shows a hundred times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: IndonesianZone, lang: 'id' | 'en'): Intl.DateTimeFormat {
  const key = `${zone.timeZone}|${lang}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      timeZone: zone.timeZone,
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, found);
  }
  return found;
}

/** `01 Okt 2024 15.00 WIB` (or `01 Oct 2024 15:00 WIB`): date, 24-hour time and the zone, always together. */
export function formatInZone(date: Date | null | undefined, zone: IndonesianZone, lang: 'id' | 'en'): string {
  if (!date) return '—';
  return `${formatter(zone, lang).format(date).replace(/,/g, '')} ${zone.name}`;
}
