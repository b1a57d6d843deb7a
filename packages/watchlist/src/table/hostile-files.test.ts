import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildXlsx, sheetXml } from './build-xlsx.ts';
import { readTable } from './read-table-bounded.ts';

/** Rejects with the NetraError's code and limit, for compact assertions. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; limit: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; details: { limit?: unknown }; message: string };
    return { code: e.code, limit: e.details?.limit, message: e.message };
  }
  throw new Error('expected the read to fail');
}

describe('hostile spreadsheets are read within bounds, off the event loop', () => {
  it('a sparse sheet (one cell at column XFD on every row) costs nothing: far cells are skipped and counted', async () => {
    const rows = Array.from({ length: 3000 }, (_, r) => {
      const row: (string | null)[] = [`nama ${r}`, '197805122005011003'];
      return row;
    });
    // Each row also carries a cell at XFD (column 16,384): insert it into the XML by hand.
    const xml = sheetXml(rows).replace(
      /<\/row>/g,
      (_, i) => `<c r="XFD${i}" t="inlineStr"><is><t>x</t></is></c></row>`,
    );
    const file = buildXlsx(xml);
    expect(file.length).toBeLessThan(200_000);
    const table = await readTable(file, 'sparse.xlsx');
    expect(table.rows.length).toBe(3000);
    expect(Math.max(...table.rows.map((r) => r.length))).toBe(2);
    expect(table.ignoredCells).toBe(3000);
  });

  it('NUL and half surrogate pairs in cells come out as U+FFFD, never as text PostgreSQL refuses', async () => {
    const csv = await readTable(Buffer.from('nama,nip\nBu\u0000di,198501032010012001\n'), 'nul.csv');
    // An XLSX spells them as OOXML escapes or XML character references; sheetXml would escape the `&`.
    const xml = sheetXml([
      ['nama', 'nip'],
      ['A', '1'],
    ]).replace('<t>A</t>', '<t>Bu_x0000_di &#0; &#xD800; _xDC00_</t>');
    const xlsx = await readTable(buildXlsx(xml), 'nul.xlsx');
    expect(csv.rows[1]![0]).toBe('Bu\ufffddi');
    expect(xlsx.rows[1]![0]).toBe('Bu\ufffddi \ufffd \ufffd \ufffd');
    for (const cell of [...csv.rows, ...xlsx.rows].flat()) {
      expect(cell.includes('\u0000')).toBe(false);
      expect(cell.isWellFormed()).toBe(true);
    }
  });

  it('a zip bomb (100 KiB inflating to 100 MiB) is refused from the central directory, before inflating', async () => {
    const bomb = buildXlsx(Buffer.alloc(100 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const result = await failure(readTable(bomb, 'bomb.xlsx'));
    expect(result.code).toBe('IMPORT_FILE_TOO_LARGE');
    expect(['maxUncompressedBytes', 'maxCompressionRatio']).toContain(result.limit);
    expect(result.message).toMatch(/MiB|:1/);
  });

  it('a highly compressed entry under the size limit is refused by its ratio; a lying header by the real size', async () => {
    const ratio = await failure(readTable(buildXlsx(Buffer.alloc(20 * 1024 * 1024, 0x20)), 'ratio.xlsx'));
    expect(ratio).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', limit: 'maxCompressionRatio' });
    const lying = await failure(readTable(buildXlsx(Buffer.alloc(5 * 1024 * 1024, 0x41), 1000), 'lying.xlsx'));
    expect(lying).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', limit: 'maxUncompressedBytes' });
  });

  it('caps rows and columns in CSV too, naming the limit', async () => {
    const csv = Buffer.from(`Nama,NIP\n${'a,1\n'.repeat(60_000)}`);
    expect(await failure(readTable(csv, 'banyak.csv'))).toMatchObject({
      code: 'IMPORT_FILE_TOO_LARGE',
      limit: 'maxRows',
    });
    const wide = Buffer.from(`Nama${',x'.repeat(100_000)}\nBudi${',y'.repeat(100_000)}\n`);
    const table = await readTable(wide, 'lebar.csv');
    expect(table.rows[0]!.length).toBe(100);
    expect(table.ignoredCells).toBe(2 * (100_001 - 100));
  });

  it('a file beyond the time limit is stopped and named; garbage is unreadable (400), not a crash', async () => {
    const rows = Array.from({ length: 20_000 }, (_, r) => [`nama ${r}`, 'x', 'y', 'z']);
    const slow = await failure(readTable(buildXlsx(sheetXml(rows)), 'lambat.xlsx', { timeoutMs: 1 }));
    expect(slow).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', limit: 'timeoutMs' });
    const hungry = await failure(
      readTable(buildXlsx(sheetXml(rows)), 'rakus.xlsx', { maxMemoryMb: 4, timeoutMs: 60_000 }),
    );
    expect(hungry).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', limit: 'maxMemoryMb' });
    const broken = await failure(readTable(Buffer.from('PK\u0003\u0004 bukan zip'), 'rusak.xlsx'));
    expect(broken.code).toBe('IMPORT_FILE_UNREADABLE');
  });

  it('other HTTP requests keep being answered while a large sheet is parsed', async () => {
    const server = createServer((_, res) => res.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const rows = Array.from({ length: 30_000 }, (_, r) => [
        `nama ${r}`,
        '197805122005011003',
        'Dinas',
        'Staf',
        '18.71',
        `@akun_${r}`,
      ]);
      let done = false;
      const reading = readTable(buildXlsx(sheetXml(rows)), 'besar.xlsx').finally(() => {
        done = true;
      });
      let answeredDuringParse = 0;
      while (!done) {
        const body = await (await fetch(url)).text();
        if (body === 'ok' && !done) answeredDuringParse++;
      }
      const table = await reading;
      expect(table.rows.length).toBe(30_000);
      // The parse ran in its worker thread: this thread answered requests the whole time.
      expect(answeredDuringParse).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });
});
