/** Seconds per unit for Indonesian (and English) relative time labels. */
const UNITS: [RegExp, number][] = [
  [/^(detik|dtk|d|s|sec|second|seconds)$/, 1],
  [/^(menit|mnt|m|min|minute|minutes)$/, 60],
  [/^(jam|j|h|hr|hour|hours)$/, 3600],
  [/^(hari|hr|day|days)$/, 86400],
  [/^(minggu|mgg|mg|w|week|weeks)$/, 7 * 86400],
  [/^(bulan|bln|mo|month|months)$/, 30 * 86400],
  [/^(tahun|thn|th|y|yr|year|years)$/, 365 * 86400],
];

/**
 * Parses "3 hari yang lalu", "2 mgg", "1 tahun lalu", "5j", "kemarin", "baru saja" relative to `now`.
 * Returns null when the label is not a relative time. Precision is the label's unit, so keep the label too.
 */
export function parseRelativeTime(label: string, now: Date): Date | null {
  const text = label.trim().toLowerCase();
  if (/^(baru saja|just now|sekarang)$/.test(text)) return new Date(now);
  if (/^(kemarin|yesterday)$/.test(text)) return new Date(now.getTime() - 86400_000);
  const m = text.match(/^(\d+|se)\s*([a-z]+)(\s+(yang\s+)?lalu|\s+ago)?$/);
  if (!m) return null;
  const amount = m[1] === 'se' ? 1 : Number(m[1]);
  const unit = UNITS.find(([pattern]) => pattern.test(m[2]!));
  if (!unit) return null;
  return new Date(now.getTime() - amount * unit[1] * 1000);
}

/** "2024-10-2" (TikTok's label) as midnight Western Indonesia Time. */
export function parseDayLabel(label: string): Date | null {
  const m = label.trim().match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}T00:00:00+07:00`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}
