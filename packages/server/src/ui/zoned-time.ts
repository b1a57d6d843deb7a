import { formatInZone, type IndonesianZone, zoneForRegion } from '@netra/review';
import { html, type SafeHtml } from './html.ts';

/**
 * A time shown the same way on every page: date, 24-hour time and the zone, inside <time> with the exact
 * instant. Times that belong to no region (sign-ins, crawl runs, failed jobs) are shown in WIB.
 */
export function zonedTime(
  value: Date | string | number | null | undefined,
  lang: 'id' | 'en',
  zone: IndonesianZone = zoneForRegion(null),
): SafeHtml {
  if (value === null || value === undefined || value === '') return html`—`;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return html`—`;
  return html`<time datetime="${date.toISOString()}">${formatInZone(date, zone, lang)}</time>`;
}
