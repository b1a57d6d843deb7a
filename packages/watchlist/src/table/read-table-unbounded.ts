import { decodeText, readCsv } from './read-csv.ts';
import { readXlsxBounded } from './read-xlsx.ts';
import type { Table, TableFormat } from './table.ts';
import { DEFAULT_TABLE_LIMITS, type TableLimits } from './table-limits.ts';

/** XLSX files are ZIP archives; anything else is read as delimited text. */
export function detectFormat(bytes: Uint8Array, filename?: string): TableFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (filename && /\.xlsx?$/i.test(filename)) return 'xlsx';
  return 'csv';
}

/**
 * Parses on the calling thread, within `limits` for rows/columns/cells/inflated size but with no deadline:
 * call it only from the worker (read-table-bounded.ts `readTable`) or on trusted input.
 */
export function readTableUnbounded(
  bytes: Buffer,
  filename?: string,
  limits: TableLimits = DEFAULT_TABLE_LIMITS,
): Table {
  const table =
    detectFormat(bytes, filename) === 'xlsx' ? readXlsxBounded(bytes, limits) : readCsv(decodeText(bytes), limits);
  for (const row of table.rows) {
    for (let i = 0; i < row.length; i++) row[i] = storableText(row[i]!);
  }
  return table;
}

/**
 * A cell as PostgreSQL can store it. A CSV can carry NUL bytes and an XLSX can spell NUL or half a surrogate
 * pair (`&#0;`, `_x0000_`, `&#xD800;`); `text` columns refuse NUL and `jsonb` (the audit log) refuses both,
 * so such a cell used to fail the whole import with a 500. Both become U+FFFD, as a browser shows undecodable
 * bytes: still visible to the admin, and refused by the NIP and handle checks like any other stray character.
 */
export function storableText(cell: string): string {
  if (!cell.includes('\u0000') && cell.isWellFormed()) return cell;
  return cell.replace(/\u0000/g, '\ufffd').toWellFormed();
}
