import { toCsv } from '@netra/core';
import ExcelJS from 'exceljs';

export { decodeText, readCsv } from './read-csv.ts';
export { detectFormat, readTableUnbounded } from './read-table-unbounded.ts';
export type { Table, TableFormat } from './table.ts';

/**
 * CSV with a UTF-8 BOM (so Excel opens it as UTF-8) and CRLF line ends, through the one formula-neutralising
 * writer every export uses: names and notes come from agencies' files.
 */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: ',' | ';' | '\t' = ','): Buffer {
  return Buffer.from(toCsv(rows, delimiter), 'utf8');
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
