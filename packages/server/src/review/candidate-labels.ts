import type { Executor } from '@netra/db';

/** `<contest>#<n>` → "No. n · Name – Name (contest)", for showing references the way analysts speak of them. */
export async function candidateLabels(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('candidates as c')
    .innerJoin('contests as k', 'k.id', 'c.contest_id')
    .select(['c.contest_id', 'c.number', 'c.names', 'k.region_name'])
    .execute();
  return new Map(
    rows.map((r) => [`${r.contest_id}#${r.number}`, `No. ${r.number} · ${r.names.join(' – ')} (${r.region_name})`]),
  );
}
