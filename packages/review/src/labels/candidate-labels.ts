import { type Executor, listCandidateLabelRows } from '@netra/db';

/** `<contest>#<n>` → "No. n · Name – Name (region)", the way analysts speak of candidates. */
export async function candidateLabels(db: Executor): Promise<Map<string, string>> {
  const rows = await listCandidateLabelRows(db);
  return new Map(
    rows.map((r) => [`${r.contest_id}#${r.number}`, `No. ${r.number} · ${r.names.join(' – ')} (${r.region_name})`]),
  );
}
