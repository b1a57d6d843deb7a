import { describe, expect, it } from 'vitest';
import { decodeText, readCsv, writeCsv, writeXlsx } from './read-table.ts';
import { readTable } from './read-table-bounded.ts';

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

  it('reads Windows-1252 and UTF-16 files and tab-separated text', () => {
    const latin = Uint8Array.from([...Buffer.from('Nama,Catatan\nAndr'), 0xe9, ...Buffer.from(',ok\n')]);
    expect(decodeText(latin)).toBe('Nama,Catatan\nAndré,ok\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nama\tNIP\nA\t1\n', 'utf16le')]);
    const t = readCsv(decodeText(utf16));
    expect(t.delimiter).toBe('\t');
    expect(t.rows[1]).toEqual(['A', '1']);
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

  it('neutralises formulas when writing CSV and reads the same values back', async () => {
    const rows = [
      ['Nama', 'Catatan', 'Akun X'],
      ['=HYPERLINK("http://evil.example","klik")', '+62 812', '-'],
      ['@budi', "'197805122005011003", ' =1+1'],
    ];
    const csv = writeCsv(rows, ';').toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(csv).toContain("'+62 812;'-");
    expect((await readTable(Buffer.from(csv, 'utf8'))).rows).toEqual(rows);
  });
});
