import { toCsv } from '@netra/core';
import {
  analystThroughput,
  type Executor,
  listContestNames,
  type OverviewDimension,
  type OverviewRow,
  openItemsByAge,
  overviewCounts,
} from '@netra/db';
import { regionName } from '@netra/watchlist';

export const OVERVIEW_DIMENSIONS: readonly OverviewDimension[] = [
  'contest',
  'region',
  'agency',
  'platform',
  'candidate',
  'week',
];

export const AGE_BUCKETS = ['< 1 hari', '1–3 hari', '3–7 hari', '7–14 hari', '≥ 14 hari'] as const;

export interface OverviewSeries {
  key: string;
  label: string;
  open: number;
  confirmed: number;
  dismissed: number;
  other: number;
}

/** Most rows a chart shows; the table and CSV keep them all. */
export const CHART_ROWS = 12;

/**
 * The supervisors' overview: open/confirmed/dismissed by contest, region, agency, platform, candidate and
 * week; open items by age; decisions per analyst per week. Labels are resolved here (region names, contest
 * names) so the view only draws.
 */
export async function loadOverview(db: Executor) {
  const [rows, age, throughput, contests] = await Promise.all([
    overviewCounts(db),
    openItemsByAge(db),
    analystThroughput(db),
    listContestNames(db),
  ]);
  const contestName = new Map(contests.map((c) => [c.id, c.region_name]));
  const label = (dimension: OverviewDimension, key: string | null): string => {
    if (key === null) return '(tidak diketahui)';
    if (dimension === 'contest') return contestName.get(key) ?? key;
    if (dimension === 'region') return regionName(key) ?? key;
    if (dimension === 'candidate') {
      const [contest, number] = key.split('#');
      return `No. ${number} · ${contestName.get(contest ?? '') ?? contest}`;
    }
    return key;
  };
  const byDimension = Object.fromEntries(
    OVERVIEW_DIMENSIONS.map((dimension) => {
      const series = rows
        .filter((r: OverviewRow) => r.dimension === dimension)
        .map((r) => ({ ...r, key: r.key ?? '', label: label(dimension, r.key) }));
      if (dimension === 'week') series.sort((a, b) => a.key.localeCompare(b.key));
      else series.sort((a, b) => total(b) - total(a) || a.label.localeCompare(b.label));
      return [dimension, series];
    }),
  ) as unknown as Record<OverviewDimension, OverviewSeries[]>;
  const ageCounts = AGE_BUCKETS.map((bucket, i) => ({ bucket, n: age.find((a) => a.bucket === i)?.n ?? 0 }));
  return { byDimension, age: ageCounts, throughput };
}

export type Overview = Awaited<ReturnType<typeof loadOverview>>;

/** How stale the overview may be: it aggregates every review item, too much work for each page view. */
export const OVERVIEW_MAX_AGE_MS = 60_000;

const cache = new WeakMap<object, { at: Date; value: Promise<Overview> }>();

/**
 * The overview computed at most once per `maxAgeMs` per database (concurrent viewers share one computation),
 * with the time it was computed so the page can say so. A failed computation is not kept.
 */
export async function loadOverviewCached(
  db: Executor,
  now: Date = new Date(),
  maxAgeMs = OVERVIEW_MAX_AGE_MS,
): Promise<{ overview: Overview; computedAt: Date }> {
  const hit = cache.get(db);
  if (hit && now.getTime() - hit.at.getTime() < maxAgeMs) return { overview: await hit.value, computedAt: hit.at };
  const entry = { at: now, value: loadOverview(db) };
  cache.set(db, entry);
  entry.value.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return { overview: await entry.value, computedAt: entry.at };
}

export const total = (s: Pick<OverviewSeries, 'open' | 'confirmed' | 'dismissed' | 'other'>) =>
  s.open + s.confirmed + s.dismissed + s.other;

export type OverviewChart = OverviewDimension | 'age' | 'throughput';
export const OVERVIEW_CHARTS: readonly OverviewChart[] = [...OVERVIEW_DIMENSIONS, 'age', 'throughput'];

/** The numbers behind one chart as CSV (the shared writer: formula-neutralised, BOM for Excel). */
export function overviewCsv(overview: Overview, chart: OverviewChart): string {
  if (chart === 'age') return toCsv([['umur', 'terbuka'], ...overview.age.map((a) => [a.bucket, a.n])]);
  if (chart === 'throughput') {
    return toCsv([['minggu', 'analis', 'keputusan'], ...overview.throughput.map((t) => [t.week, t.username, t.n])]);
  }
  return toCsv([
    [chart, 'label', 'terbuka', 'pelanggaran', 'bukan_pelanggaran', 'lainnya'],
    ...overview.byDimension[chart].map((s) => [s.key, s.label, s.open, s.confirmed, s.dismissed, s.other]),
  ]);
}
