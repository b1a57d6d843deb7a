import { NetraError } from '@netra/core';
import ExcelJS from 'exceljs';

/** A sheet as rows of cell strings; row 0 is the header. `rowNumbers[i]` is the 1-based line/row in the file. */
export interface Table {
  format: 'csv' | 'xlsx';
  rows: string[][];
  rowNumbers: number[];
  delimiter?: ',' | ';' | '\t';
}

export type TableFormat = 'csv' | 'xlsx';

/** XLSX files are ZIP archives; anything else is read as delimited text. */
export function detectFormat(bytes: Uint8Array, filename?: string): TableFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (filename && /\.xlsx?$/i.test(filename)) return 'xlsx';
  return 'csv';
}

export async function readTable(bytes: Uint8Array, filename?: string): Promise<Table> {
  return detectFormat(bytes, filename) === 'xlsx' ? readXlsx(bytes) : readCsv(decodeText(bytes));
}

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
export function readCsv(input: string): Table {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = sniffDelimiter(text);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.some((c) => c.trim() !== '')) {
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
      row.push(field);
      field = '';
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
  return { format: 'csv', rows, rowNumbers, delimiter };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // An 18-digit NIP typed as a number has already lost its last digits in Excel; show it in full so the
    // NIP check reports it rather than silently accepting a rounded value.
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('text' in value && value.text && typeof value.text === 'object' && 'richText' in value.text) {
      return (value.text as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
    }
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** The first worksheet with data; row numbers are the sheet's own row numbers. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new NetraError('IMPORT_FILE_UNREADABLE', `berkas XLSX tidak dapat dibaca: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0) ?? workbook.worksheets[0];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const count = row.cellCount;
    for (let c = 1; c <= count; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((c) => c.trim() !== '')) {
      rows.push(cells);
      rowNumbers.push(rowNumber);
    }
  });
  return { format: 'xlsx', rows, rowNumbers };
}

function csvField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) || /^\s|\s$/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/** CSV with a UTF-8 BOM (so Excel opens it as UTF-8) and CRLF line ends. */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: ',' | ';' = ','): Buffer {
  const body = rows.map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter)).join('\r\n');
  return Buffer.from(`\ufeff${body}\r\n`, 'utf8');
}

/** One worksheet; every cell is text, so NIPs keep all 18 digits when the file is opened and saved again. */
export async function writeXlsx(rows: readonly (readonly string[])[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Netra';
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => {
    column.numFmt = '@';
    column.width = 22;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
