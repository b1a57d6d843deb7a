import type { DemoAccount, DemoItem } from '../content/index.ts';

export function esc(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface PageSlice {
  items: DemoItem[];
  /** Index in the account's item list of the first item on this page. */
  offset: number;
  next: number | null;
}

export function slice(account: DemoAccount, cursor: string | null, pageSize: number): PageSlice {
  const offset = Math.max(0, Number.parseInt(cursor ?? '0', 10) || 0);
  const items = account.items.slice(offset, offset + pageSize);
  const next = offset + pageSize < account.items.length ? offset + pageSize : null;
  return { items, offset, next };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const MONTHS_LONG = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** The wall-clock parts of `iso` in Western Indonesia Time. */
export function wib(iso: string): { y: number; m: number; d: number; hh: string; mm: string; dow: number } {
  const t = new Date(Date.parse(iso) + 7 * 3600_000);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth(),
    d: t.getUTCDate(),
    hh: String(t.getUTCHours()).padStart(2, '0'),
    mm: String(t.getUTCMinutes()).padStart(2, '0'),
    dow: t.getUTCDay(),
  };
}

/** "2 Okt pukul 19.30" (Facebook's short form). */
export function shortDate(iso: string): string {
  const w = wib(iso);
  return `${w.d} ${MONTHS[w.m]} pukul ${w.hh}.${w.mm}`;
}

/** "Rabu, 2 Oktober 2024 pukul 19.30". */
export function longDate(iso: string): string {
  const w = wib(iso);
  return `${DAYS[w.dow]}, ${w.d} ${MONTHS_LONG[w.m]} ${w.y} pukul ${w.hh}.${w.mm}`;
}

export function dayMonth(iso: string): string {
  const w = wib(iso);
  return `${w.d} ${MONTHS_LONG[w.m]}`;
}

/** TikTok's date label: "2024-10-2". */
export function tiktokDate(iso: string): string {
  const w = wib(iso);
  return `${w.y}-${w.m + 1}-${w.d}`;
}

/** YouTube-style relative time in Indonesian, measured from `now`. */
export function relativeId(iso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  const units: [number, string][] = [
    [365 * 86400, 'tahun'],
    [30 * 86400, 'bulan'],
    [7 * 86400, 'minggu'],
    [86400, 'hari'],
    [3600, 'jam'],
    [60, 'menit'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size) return `${Math.floor(seconds / size)} ${name} yang lalu`;
  }
  return 'baru saja';
}

export function doc(opts: { title: string; lang?: string; head?: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="${opts.lang ?? 'id'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(opts.title)}</title>
${opts.head ?? ''}
</head>
<body>
<!-- Netra demo platform: a local test fixture imitating public profile pages. Not a real site. -->
${opts.body}
</body>
</html>`;
}

/** A grey placeholder image so screenshots have something to show. */
export const PHOTO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#c9d3df"/><circle cx="110" cy="80" r="28" fill="#8a9bb0"/><rect x="60" y="118" width="200" height="40" rx="8" fill="#8a9bb0"/></svg>`;

export function images(alts: string[] | undefined, cls: string): string {
  if (!alts?.length) return '';
  return alts
    .map((alt) => `<img class="${cls}" src="/static/photo.svg" width="320" height="180" alt="${esc(alt)}">`)
    .join('');
}
