import { PLATFORMS } from '@netra/core';
import { type Executor, listAllAccounts, listAllPeople } from '@netra/db';
import { PLATFORM_LABEL } from '../accounts/platform-names.ts';
import { writeCsv } from '../table/read-table.ts';
import { writeXlsxBounded } from '../table/write-xlsx-bounded.ts';
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

/**
 * The agencies' own layout: one row per person, one column per platform (`Akun Instagram`, …) holding every
 * handle of that platform separated by `, ` — what they send, and what the import reads back.
 */
export async function watchlistWideRows(db: Executor): Promise<string[][]> {
  const people = await listAllPeople(db);
  const accounts = await listAllAccounts(db);
  const byPerson = new Map<string, typeof accounts>();
  for (const a of accounts) {
    const list = byPerson.get(a.person_id) ?? [];
    list.push(a);
    byPerson.set(a.person_id, list);
  }
  const personFields = EXPORT_FIELDS.slice(0, EXPORT_FIELDS.indexOf('platform'));
  const header = [...personFields.map((f) => COLUMNS[f][0]), ...PLATFORMS.map((p) => `Akun ${PLATFORM_LABEL[p]}`)];
  const rows: string[][] = [header];
  for (const p of people) {
    const list = byPerson.get(p.id) ?? [];
    rows.push([
      p.name,
      p.nip,
      p.agency,
      p.unit ?? '',
      p.position,
      p.region_code,
      p.ppk ?? '',
      STATUS_LABEL[p.status],
      p.notes ?? '',
      ...PLATFORMS.map((platform) =>
        list
          .filter((a) => a.platform === platform)
          .map((a) => a.handle)
          .join(', '),
      ),
    ]);
  }
  return rows;
}

export interface ExportOptions {
  /** CSV delimiter: `;` for Excel in Indonesian locale (its list separator). */
  delimiter?: ',' | ';';
  /** `long` (default): one row per account, every field; `wide`: one row per person, a column per platform. */
  layout?: 'long' | 'wide';
}

/** Exports the whole watchlist as CSV (UTF-8 with BOM) or XLSX (text cells), re-importable unchanged. */
export async function exportWatchlist(
  db: Executor,
  format: 'csv' | 'xlsx',
  delimiterOrOptions: ',' | ';' | ExportOptions = {},
): Promise<Buffer> {
  const options = typeof delimiterOrOptions === 'string' ? { delimiter: delimiterOrOptions } : delimiterOrOptions;
  const rows = options.layout === 'wide' ? await watchlistWideRows(db) : await watchlistRows(db);
  return format === 'csv' ? writeCsv(rows, options.delimiter ?? ',') : writeXlsxBounded(rows, 'Daftar pantau');
}
