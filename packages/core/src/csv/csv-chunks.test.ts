import { describe, expect, it } from 'vitest';
import { toCsv, toCsvChunks } from './csv-writer.ts';

async function* batches(...rows: unknown[][][]) {
  for (const batch of rows) yield batch;
}

async function joined(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe('toCsvChunks', () => {
  const header = ['nama', 'teks', 'catatan'];
  const rows = [
    ['Siti', '=HYPERLINK("x")', 'baris\nbaru'],
    ['  +62 812', 'koma, dan "kutip"', null],
    ['@akun', '\t-1', undefined],
    ['Budi', 'biasa', 'titik;koma'],
  ];

  it('writes the same bytes as toCsv, whatever the batches (formula cells neutralised, BOM, CRLF)', async () => {
    const whole = toCsv([header, ...rows]);
    expect(await joined(toCsvChunks(header, batches(rows)))).toBe(whole);
    expect(await joined(toCsvChunks(header, batches(rows.slice(0, 1), [], rows.slice(1, 3), rows.slice(3))))).toBe(
      whole,
    );
    expect(await joined(toCsvChunks(header, batches(...rows.map((r) => [r]))))).toBe(whole);
  });

  it('writes the header alone for no rows, as toCsv does', async () => {
    expect(await joined(toCsvChunks(header, batches()))).toBe(toCsv([header]));
  });

  it('keeps the delimiter of toCsv', async () => {
    expect(await joined(toCsvChunks(header, batches(rows), ';'))).toBe(toCsv([header, ...rows], ';'));
  });
});
