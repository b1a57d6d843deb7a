import { describe, expect, it } from 'vitest';
import { readCsv, readTable, writeCsv, writeXlsx } from './read-table.ts';

describe('readCsv', () => {
  it('drops the BOM, sniffs `;`, keeps quoted delimiters, quotes and line breaks', () => {
    const t = readCsv(
      '\ufeffNama;NIP;Catatan\r\n"Budi; S.Pd";197805122005011003;"kata ""aman""\r\nbaris dua"\r\n\r\nSiti;198903182014032001;\r\n',
    );
    expect(t.delimiter).toBe(';');
    expect(t.rows).toEqual([
      ['Nama', 'NIP', 'Catatan'],
      ['Budi; S.Pd', '197805122005011003', 'kata "aman"\r\nbaris dua'],
      ['Siti', '198903182014032001', ''],
    ]);
    expect(t.rowNumbers).toEqual([1, 2, 5]);
  });

  it('reads comma files and a last line without a newline', () => {
    expect(readCsv('a,b\n1,2').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('round-trips through writeCsv and writeXlsx', async () => {
    const rows = [
      ['Nama', 'NIP'],
      ['Budi, "B"', '197805122005011003'],
    ];
    expect((await readTable(writeCsv(rows))).rows).toEqual(rows);
    const xlsx = await readTable(await writeXlsx(rows, 'x'));
    expect(xlsx.format).toBe('xlsx');
    expect(xlsx.rows).toEqual(rows);
  });
});
