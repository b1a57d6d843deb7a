import type { Table } from './table.ts';
import { DEFAULT_TABLE_LIMITS, TableLimitError, type TableLimits } from './table-limits.ts';

/** UTF-8 (with or without BOM), UTF-16 with BOM; Windows-1252 when the bytes are not valid UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

/**
 * RFC 4180 CSV as spreadsheets write it: `,` or `;` (Excel in Indonesian locale) or tab, sniffed from the
 * header line; quoted fields with `""` and line breaks; CRLF or LF; a leading BOM is dropped. Blank lines are
 * skipped but counted, so row numbers match what the admin sees in a text editor for simple files.
 */
/**
 * Netra's exports (and careful spreadsheet users) write a cell that would start a formula with a leading `'`
 * so Excel shows it as text (packages/core csv-writer). Reading it back, that apostrophe is not part of the
 * value: `'-` is `-`, `'=SUM(…)` is the text `=SUM(…)` (stored as text, never evaluated).
 */
function unneutralise(field: string): string {
  return /^'[\s\u00a0\u200b-\u200f\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(field) ? field.slice(1) : field;
}

export function readCsv(input: string, limits: TableLimits = DEFAULT_TABLE_LIMITS): Table {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = sniffDelimiter(text);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  let ignoredCells = 0;
  let cells = 0;
  const pushField = () => {
    // Fields right of the column cap are counted, not stored (a row of 100,000 commas costs nothing).
    if (row.length >= limits.maxColumns) {
      if (field.trim() !== '') ignoredCells++;
    } else {
      if (field !== '' && ++cells > limits.maxCells) {
        throw new TableLimitError(
          'maxCells',
          `berkas berisi lebih dari ${limits.maxCells} sel terisi; pecah berkas menjadi beberapa bagian`,
        );
      }
      row.push(unneutralise(field));
    }
    field = '';
  };
  const endRow = () => {
    pushField();
    if (row.some((c) => c.trim() !== '')) {
      if (rows.length > limits.maxRows) {
        throw new TableLimitError(
          'maxRows',
          `berkas berisi lebih dari ${limits.maxRows} baris data; pecah berkas menjadi beberapa bagian`,
        );
      }
      rows.push(row);
      rowNumbers.push(rowStart);
    }
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === delimiter) {
      pushField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return { format: 'csv', rows, rowNumbers, delimiter, ignoredCells };
}
