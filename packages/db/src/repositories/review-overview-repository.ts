import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';

export type OverviewDimension = 'contest' | 'region' | 'agency' | 'platform' | 'candidate' | 'week';

export interface OverviewRow {
  dimension: OverviewDimension;
  key: string | null;
  open: number;
  confirmed: number;
  dismissed: number;
  other: number;
}

/**
 * Open/confirmed/dismissed counts along every overview dimension in one pass over review_items (GROUPING
 * SETS), joined to people for region (province) and agency.
 */
export async function overviewCounts(db: Executor, filter: { since?: Date | undefined } = {}): Promise<OverviewRow[]> {
  const since = filter.since ?? new Date(0);
  const result = await sql<{
    g_contest: number;
    g_region: number;
    g_agency: number;
    g_platform: number;
    g_candidate: number;
    contest: string | null;
    region: string | null;
    agency: string | null;
    platform: string | null;
    candidate: string | null;
    week: Date | null;
    open: string;
    confirmed: string;
    dismissed: string;
    other: string;
  }>`
    SELECT grouping(ri.contest_id) AS g_contest, grouping(split_part(pe.region_code, '.', 1)) AS g_region,
           grouping(pe.agency) AS g_agency, grouping(ri.platform) AS g_platform, grouping(ri.candidate) AS g_candidate,
           ri.contest_id AS contest, split_part(pe.region_code, '.', 1) AS region, pe.agency, ri.platform,
           ri.candidate, date_trunc('week', ri.posted_at) AS week,
           count(*) FILTER (WHERE ri.status = 'open') AS open,
           count(*) FILTER (WHERE ri.status = 'confirmed') AS confirmed,
           count(*) FILTER (WHERE ri.status = 'dismissed') AS dismissed,
           count(*) FILTER (WHERE ri.status NOT IN ('open', 'confirmed', 'dismissed')) AS other
      FROM review_items ri LEFT JOIN people pe ON pe.id = ri.person_id
     WHERE ri.created_at >= ${since}
     GROUP BY GROUPING SETS ((ri.contest_id), (split_part(pe.region_code, '.', 1)), (pe.agency), (ri.platform),
       (ri.candidate), (date_trunc('week', ri.posted_at)))`.execute(db);
  return result.rows.map((r) => {
    const dimension: OverviewDimension = !r.g_contest
      ? 'contest'
      : !r.g_region
        ? 'region'
        : !r.g_agency
          ? 'agency'
          : !r.g_platform
            ? 'platform'
            : !r.g_candidate
              ? 'candidate'
              : 'week';
    const key = {
      contest: r.contest,
      region: r.region,
      agency: r.agency,
      platform: r.platform,
      candidate: r.candidate,
      week: r.week ? r.week.toISOString().slice(0, 10) : null,
    }[dimension];
    return {
      dimension,
      key: key === '' ? null : key,
      open: Number(r.open),
      confirmed: Number(r.confirmed),
      dismissed: Number(r.dismissed),
      other: Number(r.other),
    };
  });
}

/** Open items by how long they have waited, in day buckets. */
export async function openItemsByAge(db: Executor) {
  const result = await sql<{ bucket: number; n: string }>`
    SELECT CASE WHEN age < interval '1 day' THEN 0 WHEN age < interval '3 days' THEN 1
                WHEN age < interval '7 days' THEN 2 WHEN age < interval '14 days' THEN 3 ELSE 4 END AS bucket,
           count(*) AS n
      FROM (SELECT now() - created_at AS age FROM review_items WHERE status = 'open') open_items
     GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows.map((r) => ({ bucket: Number(r.bucket), n: Number(r.n) }));
}

/** Decisions per analyst per week over the last `weeks` weeks. */
export async function analystThroughput(db: Executor, weeks = 8) {
  const result = await sql<{ username: string; display_name: string; week: Date; n: string }>`
    SELECT u.username, u.display_name, date_trunc('week', d.created_at) AS week, count(*) AS n
      FROM review_decisions d JOIN users u ON u.id = d.decided_by
     WHERE d.created_at >= date_trunc('week', now()) - make_interval(weeks => ${weeks - 1})
     GROUP BY u.username, u.display_name, 3 ORDER BY 3, 1`.execute(db);
  return result.rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    week: r.week.toISOString().slice(0, 10),
    n: Number(r.n),
  }));
}

/** Region codes → names of the contests, and contest ids → names, for the overview's labels. */
export async function listContestNames(db: Executor) {
  return db.selectFrom('contests').select(['id', 'region_code', 'region_name']).orderBy('region_name').execute();
}
