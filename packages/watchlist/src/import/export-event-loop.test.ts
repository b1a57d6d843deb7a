import { boundedWorkerStats, resetBoundedWorkerPeak } from '@netra/core';
import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../table/read-table-bounded.ts';
import { exportWatchlist } from './export-watchlist.ts';

const PEOPLE = 10_000;

/**
 * Fifth attack (docs/security.md): the whole-watchlist XLSX, which any viewer may download, was built by exceljs
 * on the API's event loop — 50,000 rows took 20 s with the loop blocked up to 14 s at a stretch. Built in a
 * bounded worker thread now; the 1 ms timers that complete meanwhile are logged.
 */
describe('watchlist XLSX export off the event loop', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await sql`
      INSERT INTO people (name, nip, agency, position, region_code)
      SELECT 'Pegawai Ke ' || i, '1987031220110' || lpad(i::text, 5, '0'), 'Dinas Pendidikan', 'Guru', '18.11'
      FROM generate_series(1, ${PEOPLE}) AS i`.execute(database.db);
    await sql`
      INSERT INTO accounts (person_id, platform, handle, profile_url)
      SELECT id, 'instagram', 'akun.' || nip, 'https://www.instagram.com/akun.' || nip || '/' FROM people`.execute(
      database.db,
    );
  }, 60_000);
  afterAll(async () => database?.drop());

  it('keeps the event loop turning while a large watchlist XLSX is built, and the file reads back whole', async () => {
    let turns = 0;
    let exporting = true;
    const ticker = (async () => {
      while (exporting) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        turns += 1;
      }
    })();
    resetBoundedWorkerPeak();
    const started = turns;
    const file = await exportWatchlist(database.db, 'xlsx');
    const during = turns - started;
    const threads = boundedWorkerStats().peak;
    exporting = false;
    console.log(`timer turns during the export: ${during}`);
    await ticker;
    const table = await readTable(file, 'daftar.xlsx');
    expect(table.rows.length).toBe(PEOPLE + 1); // with the header row
    // Built in a bounded thread (one of the two the uploads share), not on this thread. The timer count is
    // reported, not asserted: exceljs yields between its phases, so the loop turned ~500 times before too,
    // while its row-building phase blocked it for seconds at a stretch (figures in docs/security.md).
    expect(threads).toBe(1);
    expect(during).toBeGreaterThan(0);
  }, 120_000);
});
