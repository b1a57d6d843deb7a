import type { Table } from '../table/table.ts';
import { headerText, knownTarget } from './columns.ts';

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
      const target = knownTarget(headerText(cell));
      if (target && target !== 'ignore') targets.add(target);
    }
    if (targets.size >= 2 && (targets.has('name') || targets.has('nip'))) {
      at = i;
      break;
    }
  }
  const header = table.rows[at] ?? [];
  const below = table.rows[at + 1];
  // A two-line header: a group label ("Akun Media Sosial", merged over three columns) with the platforms
  // under it, or a line of column numbers (1, 2, 3 …) as government forms print them.
  let headerRows = 1;
  let merged: string[] | null = null;
  if (below && isSubHeader(below)) {
    merged = header.map((cell, i) => combineHeader(cell, below[i] ?? ''));
    for (let i = header.length; i < below.length; i++) merged.push(below[i] ?? '');
    headerRows = 2;
  } else if (below && isColumnNumbers(below)) {
    headerRows = 2;
  }
  if (at === 0 && headerRows === 1) return { table, titleRows: [] };
  const titleRows: TitleRow[] = table.rows.slice(0, at).map((cells, i) => ({
    row: table.rowNumbers[i] ?? i + 1,
    text: cells.map(headerText).filter(Boolean).join(' · ').slice(0, 120),
  }));
  const rows = [merged ?? header, ...table.rows.slice(at + headerRows)];
  const rowNumbers = [table.rowNumbers[at] ?? at + 1, ...table.rowNumbers.slice(at + headerRows)];
  if (headerRows === 2 && !merged) {
    titleRows.push({ row: table.rowNumbers[at + 1] ?? at + 2, text: '(nomor kolom)' });
  }
  return { table: { ...table, rows, rowNumbers }, titleRows };
}

/** A second header line: only header words (known columns or platforms), no NIP, no name. */
function isSubHeader(cells: readonly string[]): boolean {
  const filled = cells.map(headerText).filter(Boolean);
  if (filled.length === 0) return false;
  return filled.every((c) => {
    const target = knownTarget(c);
    return target !== undefined && target !== 'ignore';
  });
}

/** A line of column numbers under the header: 1, 2, 3 … (or (1), (2) …), in order. */
function isColumnNumbers(cells: readonly string[]): boolean {
  const numbers = cells
    .map(headerText)
    .filter(Boolean)
    .map((c) => c.replace(/^\((\d+)\)$/, '$1'));
  if (numbers.length < 3 || !numbers.every((n) => /^\d{1,2}$/.test(n))) return false;
  return numbers.every((n, i) => i === 0 || Number(n) === Number(numbers[i - 1]) + 1);
}

/** Header over sub-header: the sub-header when it names a column by itself, else both words together. */
function combineHeader(top: string, sub: string): string {
  const t = headerText(top);
  const s = headerText(sub);
  if (!s) return t;
  if (!t) return s;
  const target = knownTarget(s);
  return target !== undefined && target !== 'ignore' ? s : `${t} ${s}`;
}
