import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../table/read-table.ts';
import { locateHeader } from './locate-header.ts';
import { applyWatchlistImport, planWatchlistImport } from './plan-import.ts';

const actor = { actorId: null, actorUsername: 'test:admin' };
const BLANK = ['', '', '', '', '', '', ''];

describe('sheets as agencies lay them out: title block, merged person cells, signature lines', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('finds the header under a title block and says which rows it skipped', async () => {
    const file = writeCsv(
      [
        ['DAFTAR PEGAWAI BADAN KEPEGAWAIAN DAERAH', '', '', '', '', '', ''],
        ['KABUPATEN WAY KANAN TAHUN 2024', '', '', '', '', '', ''],
        BLANK,
        ['No', 'Nama Pegawai', 'NIP Baru', 'OPD', 'Jabatan', 'Kode Wilayah', 'IG'],
        ['1', 'Rudi Hartono', "'198204102009011004", 'BKD', 'Analis', '18.08', '@rudi.h'],
      ],
      ';',
    );
    const plan = await planWatchlistImport(database.db, file, 'bkd.csv');
    expect(plan.rejected).toEqual([]);
    expect(plan.rowsRead).toBe(1);
    expect(plan.people.create).toBe(1);
    expect(plan.accounts.create).toBe(1);
    const warning = plan.warnings.find((w) => w.code === 'IMPORT_TITLE_ROWS_SKIPPED');
    expect(warning?.message).toContain('judul kolom dibaca dari baris 4');
    expect(warning?.message).toContain('baris 1 "DAFTAR PEGAWAI BADAN KEPEGAWAIAN DAERAH"');
    expect(warning?.message).toContain('baris 2 "KABUPATEN WAY KANAN TAHUN 2024"');
  });

  it('reads a two-line header (platforms under a merged "Akun Media Sosial") and skips a line of column numbers', async () => {
    const twoLines = writeCsv(
      [
        ['No', 'Nama', 'NIP', 'Instansi', 'Jabatan', 'Kode Wilayah', 'Akun Media Sosial', '', ''],
        ['', '', '', '', '', '', 'Instagram', 'Facebook', 'TikTok'],
        ['1', 'Maya Sari', '198707072011012008', 'Disdik', 'Guru', '18.08', 'maya.sari', 'maya.sari.87', '@mayasari'],
      ],
      ';',
    );
    const plan = await planWatchlistImport(database.db, twoLines, 'dua-baris.csv');
    expect(plan.rejected).toEqual([]);
    expect(plan.accounts.create).toBe(3);
    expect(plan.columns.filter((c) => c.target?.startsWith('account:')).map((c) => c.target)).toEqual([
      'account:instagram',
      'account:facebook',
      'account:tiktok',
    ]);

    const numbered = writeCsv(
      [
        ['No', 'Nama', 'NIP', 'Instansi', 'Jabatan', 'Kode Wilayah', 'Akun Instagram'],
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
        ['1', 'Andi Wijaya', '198808082012011009', 'Disdik', 'Guru', '18.08', 'andi.w'],
      ],
      ';',
    );
    const second = await planWatchlistImport(database.db, numbered, 'bernomor.csv');
    expect(second.rejected).toEqual([]);
    expect(second.rowsRead).toBe(1);
    expect(second.warnings.find((w) => w.code === 'IMPORT_TITLE_ROWS_SKIPPED')?.message).toContain('nomor kolom');
  });

  it('keeps the first row as the header when no row names the name or NIP column', () => {
    const table = {
      format: 'csv' as const,
      rows: [
        ['Judul', 'Lain'],
        ['a', 'b'],
      ],
      rowNumbers: [1, 2],
    };
    expect(locateHeader(table)).toEqual({ table, titleRows: [] });
  });

  it('reads accounts on the rows under a person with merged cells as that person’s, in dry run and apply alike', async () => {
    const file = writeCsv(
      [
        ['Nama', 'NIP', 'Instansi', 'Jabatan', 'Kode Wilayah', 'Platform', 'Akun'],
        ['Wati Lestari', '198511202010012015', 'Dinas Sosial', 'Penyuluh', '18.08', 'Instagram', 'wati.lestari'],
        ['', '', '', '', '', 'Facebook', 'facebook.com/wati.lestari.85'],
        ['', '', '', '', '', 'TikTok', '@watilestari'],
        ['Joko Susilo', '197912052006041007', 'Dinas Sosial', 'Kepala Seksi', '18.08', 'X', '@jokosus'],
        BLANK,
        ['', '', '', '', '', '', ''],
      ],
      ';',
    );
    const dry = await planWatchlistImport(database.db, file, 'dinsos.csv');
    expect(dry.rejected).toEqual([]);
    expect(dry.people.create).toBe(2);
    expect(dry.accounts.create).toBe(4);
    expect(dry.warnings.map((w) => w.code)).toContain('IMPORT_ROWS_FILLED_DOWN');
    const applied = await applyWatchlistImport(database.db, file, actor, {
      filename: 'dinsos.csv',
      expectedFingerprint: dry.fingerprint,
    });
    expect(applied.people).toEqual(dry.people);
    expect(applied.accounts).toEqual(dry.accounts);
    const wati = await database.db
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .select(['accounts.platform', 'accounts.handle'])
      .where('people.nip', '=', '198511202010012015')
      .orderBy('accounts.platform')
      .execute();
    expect(wati.map((a) => a.platform)).toEqual(['facebook', 'instagram', 'tiktok']);
  });

  it('a row with only an account under a REJECTED person is rejected with it, not given to anyone else', async () => {
    const file = writeCsv(
      [
        ['Nama', 'NIP', 'Instansi', 'Jabatan', 'Kode Wilayah', 'Akun Instagram'],
        ['Salah NIP', '12345', 'Dinas', 'Staf', '18.08', 'salah.nip'],
        ['', '', '', '', '', 'salah.nip.dua'],
      ],
      ';',
    );
    const plan = await planWatchlistImport(database.db, file, 'salah.csv');
    expect(plan.people.create).toBe(0);
    expect(new Set(plan.rejected.map((r) => r.row))).toEqual(new Set([2, 3]));
    expect(plan.rejected.filter((r) => r.row === 3).map((r) => r.column)).toContain('NIP');
  });

  it('skips lines with no name, NIP or account (a signature block) and reports them', async () => {
    const file = writeCsv(
      [
        ['Nama', 'NIP', 'Instansi', 'Jabatan', 'Kode Wilayah', 'Akun Instagram'],
        ['Dewi Anggraini', '199002142015032004', 'Dinas', 'Staf', '18.08', 'dewi.ang'],
        ['', '', '', 'Kepala Dinas,', '', ''],
        ['', '', '', '', '', ''],
      ],
      ';',
    );
    const plan = await planWatchlistImport(database.db, file, 'ttd.csv');
    expect(plan.rejected).toEqual([]);
    expect(plan.rowsRead).toBe(1);
    const warning = plan.warnings.find((w) => w.code === 'IMPORT_ROWS_NOT_DATA');
    expect(warning?.message).toContain('baris 3');
  });
});
