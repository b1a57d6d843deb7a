import { toCsv } from '@netra/core';
import { type Executor, listAllAccounts, listAllPeople } from '@netra/db';
import { writeXlsx } from '../table/read-table.ts';
import { COLUMNS, EXPORT_FIELDS, EXPORT_ONLY_COLUMNS, LINK_METHOD_LABEL, STATUS_LABEL } from './columns.ts';

/** The watchlist as rows in the import format: one row per account, person columns repeated. */
export async function watchlistRows(db: Executor): Promise<string[][]> {
  const people = await listAllPeople(db);
  const accounts = await listAllAccounts(db);
  const byPerson = new Map<string, typeof accounts>();
  for (const a of accounts) {
    const list = byPerson.get(a.person_id) ?? [];
    list.push(a);
    byPerson.set(a.person_id, list);
  }
  const header = [...EXPORT_FIELDS.map((f) => COLUMNS[f][0]), ...EXPORT_ONLY_COLUMNS];
  const rows: string[][] = [header];
  for (const p of people) {
    const personCells = [
      p.name,
      p.nip,
      p.agency,
      p.unit ?? '',
      p.position,
      p.region_code,
      p.ppk ?? '',
      STATUS_LABEL[p.status],
      p.notes ?? '',
    ];
    const list = byPerson.get(p.id) ?? [];
    if (list.length === 0) rows.push([...personCells, '', '', '', '', '', '', '']);
    for (const a of list) {
      rows.push([
        ...personCells,
        a.platform,
        a.handle,
        a.profile_url,
        a.platform_id ?? '',
        LINK_METHOD_LABEL[a.link_method],
        a.status,
        a.last_crawled_at ? new Date(a.last_crawled_at).toISOString() : '',
      ]);
    }
  }
  return rows;
}

/** Exports the whole watchlist as CSV (UTF-8 with BOM, `,`) or XLSX (text cells), re-importable unchanged. */
export async function exportWatchlist(db: Executor, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const rows = await watchlistRows(db);
  // CSV through the shared formula-neutralising writer: names and notes come from agencies' files.
  return format === 'csv' ? Buffer.from(toCsv(rows), 'utf8') : writeXlsx(rows, 'Daftar pantau');
}
