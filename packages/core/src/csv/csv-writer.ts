/**
 * The one CSV writer every Netra export uses. Exports are opened in Excel or LibreOffice by analysts, and
 * their cells hold text written by strangers (post text, names, notes): a cell a spreadsheet would run as a
 * formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage return, also after leading spaces or
 * invisible characters — is prefixed with `'`, so it shows as text and never executes.
 */
const FORMULA_START = /^[\s\u0000-\u001f\u00a0\u200b-\u200f\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

export function csvCell(value: unknown, delimiter = ','): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  const needsQuotes = /["\r\n;]/.test(text) || text.includes(delimiter) || /^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

type Delimiter = ',' | ';' | '\t';
const csvLine = (row: readonly unknown[], delimiter: Delimiter) =>
  row.map((c) => csvCell(c, delimiter)).join(delimiter);

/** Rows as CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF line ends, every cell neutralised. */
export function toCsv(rows: readonly (readonly unknown[])[], delimiter: Delimiter = ','): string {
  return `\uFEFF${rows.map((r) => csvLine(r, delimiter)).join('\r\n')}\r\n`;
}

/**
 * The bytes of `toCsv([header, ...rows.map(cells)])`, as one chunk per batch of rows: an export too large to hold
 * (every decision) is written while its rows are still being read, its memory bounded by one batch. `cells`
 * turns a row as read into its cells (by default the rows are cells already).
 */
export async function* toCsvChunks<R = readonly unknown[]>(
  header: readonly unknown[],
  batches: AsyncIterable<readonly R[]>,
  delimiter: Delimiter = ',',
  cells: (row: R) => readonly unknown[] = (row) => row as readonly unknown[],
): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(header, delimiter)}\r\n`;
  for await (const rows of batches) {
    if (rows.length > 0) yield rows.map((r) => `${csvLine(cells(r), delimiter)}\r\n`).join('');
  }
}
