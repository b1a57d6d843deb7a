import { storableText } from '@netra/core';
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
