import { formatInZone, type IndonesianZone, zoneForRegion } from '@netra/review';
import type { Messages } from '../../i18n/messages.ts';
import { html, type SafeHtml } from '../html.ts';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const statusLabel = (t: Messages, s: string): string =>
  s === 'reopened' ? t.decisionReopened : ((t[`status${cap(s)}` as keyof Messages] as string | undefined) ?? s);
export const categoryLabel = (t: Messages, c: string | null): string =>
  c ? ((t[`category${cap(c)}` as keyof Messages] as string | undefined) ?? c) : t.none;
export const reasonLabel = (t: Messages, r: string | null): string =>
  r ? ((t[`reason${cap(r)}` as keyof Messages] as string | undefined) ?? r) : t.none;
export const stanceLabel = (t: Messages, s: string | null): string =>
  s === 'pro' ? t.stancePro : s === 'contra' ? t.stanceContra : t.none;
export const labelLabel = (t: Messages, l: string): string => (l === 'endorse' ? t.labelEndorse : t.labelNeutral);

/** A calibrated probability is never certainty: 0.9996 reads as "> 99.9%", not "100%". */
export const percent = (p: number) => (p > 0.999 ? '> 99.9%' : p < 0.001 ? '< 0.1%' : `${(p * 100).toFixed(1)}%`);

/** A time in the given zone, inside <time> with the exact instant for machines. */
export function when(d: Date | null | undefined, zone: IndonesianZone, lang: 'id' | 'en'): SafeHtml {
  if (!d) return html`—`;
  return html`<time datetime="${d.toISOString()}">${formatInZone(d, zone, lang)}</time>`;
}

/** The zone of a row: its contest's region, else the person's region. */
export const rowZone = (r: { contest_region_code?: string | null; region_code?: string | null }) =>
  zoneForRegion(r.contest_region_code ?? r.region_code ?? null);

export function option(value: string, label: string, selected: string | null | undefined): SafeHtml {
  return html`<option value="${value}" ${selected === value ? html`selected` : ''}>${label}</option>`;
}
