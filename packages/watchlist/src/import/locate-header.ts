import type { Table } from '../table/table.ts';
import { knownTarget } from './columns.ts';

/** Rows above the column headers: an agency's title block ("DAFTAR ASN DINAS …", "Tahun 2024"). */
export interface TitleRow {
  row: number;
  text: string;
}

/** How far down a header row is looked for; title blocks are a few lines. */
const HEADER_SCAN_ROWS = 20;

/**
 * Finds the header row. Agencies' sheets often open with a title block (name of the office, year, an empty
 * line) above the real column headers; reading the first line as the header lost every column. The header is
 * the first row that names at least two known columns, one of them the name or the NIP. When no row does,
 * the first row stays the header (and the preview asks for a mapping). The rows above are returned so the
 * preview can say they were skipped.
 *
 * @example
 * locateHeader({ format: 'csv', rows: [['DAFTAR ASN'], ['Nama', 'NIP'], ['Budi', '1976…']], rowNumbers: [1, 2, 3] })
 * // → table rows from ['Nama', 'NIP'] on; titleRows [{ row: 1, text: 'DAFTAR ASN' }]
 */
export function locateHeader(table: Table): { table: Table; titleRows: TitleRow[] } {
  const limit = Math.min(table.rows.length, HEADER_SCAN_ROWS);
  let at = 0;
  for (let i = 0; i < limit; i++) {
    const targets = new Set<string>();
    for (const cell of table.rows[i]!) {
      const target = knownTarget(cell.replace(/^\ufeff/, '').trim());
      if (target && target !== 'ignore') targets.add(target);
    }
    if (targets.size >= 2 && (targets.has('name') || targets.has('nip'))) {
      at = i;
      break;
    }
  }
  if (at === 0) return { table, titleRows: [] };
  const titleRows = table.rows.slice(0, at).map((cells, i) => ({
    row: table.rowNumbers[i] ?? i + 1,
    text: cells
      .map((c) => c.replace(/^\ufeff/, '').trim())
      .filter(Boolean)
      .join(' · ')
      .slice(0, 120),
  }));
  return {
    table: { ...table, rows: table.rows.slice(at), rowNumbers: table.rowNumbers.slice(at) },
    titleRows,
  };
}
