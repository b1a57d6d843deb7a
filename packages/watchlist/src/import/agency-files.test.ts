import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx, sheetXml } from '../table/build-xlsx.ts';
import { readCsv } from '../table/read-csv.ts';
import { writeCsv } from '../table/read-table.ts';
import { applyWatchlistImport, planWatchlistImport, rejectedRowsFile } from './plan-import.ts';

const actor = { actorId: null, actorUsername: 'test:admin' };

/** A wide-layout agency file as Excel saves it in an Indonesian locale: `;`, one column per platform. */
const HEADER = [
  'No',
  'Nama',
  'NIP',
  'Instansi',
  'Jabatan',
  'Wilayah',
  'Akun Instagram',
  'Akun FB',
  'TikTok',
  'Twitter/X',
  'Kanal YouTube',
  'Bluesky',
  'Mastodon',
  'Telegram',
  'Sosmed Lain',
];
const ROWS = [
  [
    '1',
    'Budi Santoso',
    "'197606132001061334",
    'Dinas Pendidikan',
    'Guru',
    '18.71',
    '@budi.guru, https://www.instagram.com/budi.kedua/?hl=id',
    'facebook.com/budi.santoso',
    'https://www.tiktok.com/@budi_tt',
    '@budi_x',
    'youtube.com/@budikanal',
    'budi.bsky.social',
    '@budi@mastodon.social',
    't.me/budi_tg',
    '@budi_lain',
  ],
  // Person fine, two bad accounts (a display name, a TikTok link in the Facebook column), one good one.
  [
    '2',
    'Siti Aminah',
    '198\u00a0903 182014032001',
    'RSUD',
    'Perawat',
    'Kota Bandar Lampung',
    'siti aminah',
    'https://www.tiktok.com/@siti',
    '@siti_tt',
    '-',
    '',
    '',
    '',
    '',
    '',
  ],
  ['3', 'Excel Angka', '1,97606E+17', 'Dinas', 'Staf', '18.71', '@excel.angka', '', '', '', '', '', '', '', ''],
  ['4', 'TMT Depan', '199001012030011001', 'Dinas', 'Staf', '18.71', '', '', '', '', '', '', '', '', ''],
  ['5', '', '12345', 'Dinas', 'Staf', '99.99', '', '', '', '', '', '', '', '', ''],
  [
    '6',
    'Titik Ribuan',
    '197.805.122.005.011.003',
    'Dinas',
    'Staf',
    '1871',
    'tidak ada',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
];

describe('agency files: wide layout, per-cell problems, mapping, rejected rows', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('reads every platform column, several handles per cell, URLs, and rejects problems by cell', async () => {
    const file = writeCsv([HEADER, ...ROWS], ';');
    const plan = await planWatchlistImport(database.db, file, 'opd.csv');
    expect(plan.rowsRead).toBe(6);
    expect(plan.people.create).toBe(3);
    const budi = plan.rows.find((r) => r.name === 'Budi Santoso');
    expect(budi?.nip).toBe('197606132001061334');
    expect(budi?.accounts.map((a) => `${a.platform}:${a.handle}`).sort()).toEqual(
      [
        'instagram:budi.guru',
        'instagram:budi.kedua',
        'facebook:budi.santoso',
        'tiktok:budi_tt',
        'x:budi_x',
        'youtube:budikanal',
        'bluesky:budi.bsky.social',
        'mastodon:budi@mastodon.social',
        'telegram:budi_tg',
      ].sort(),
    );
    const siti = plan.rows.find((r) => r.name === 'Siti Aminah');
    expect(siti?.nip).toBe('198903182014032001');
    expect(siti?.accounts).toEqual([{ platform: 'tiktok', handle: 'siti_tt', action: 'create' }]);
    expect(plan.accounts.create).toBe(10);
    expect(plan.rowsRejected).toBe(3);
    expect(plan.accountsRejected).toBe(2);

    const byRow = (row: number) => plan.rejected.filter((r) => r.row === row);
    expect(byRow(3)).toEqual([
      expect.objectContaining({
        column: 'Akun Instagram',
        value: 'siti aminah',
        code: 'ACCOUNT_HANDLE_HAS_SPACE',
        scope: 'account',
      }),
      expect.objectContaining({ column: 'Akun FB', code: 'ACCOUNT_PLATFORM_MISMATCH', scope: 'account' }),
    ]);
    const excel = byRow(4);
    expect(excel).toEqual([expect.objectContaining({ column: 'NIP', value: '1,97606E+17', code: 'NIP_EXCEL_NUMBER' })]);
    expect(excel[0]?.message).toMatch(/Excel.*angka.*Teks/s);
    const tmt = byRow(5);
    expect(tmt).toEqual([expect.objectContaining({ column: 'NIP', code: 'NIP_INVALID_APPOINTMENT' })]);
    expect(tmt[0]?.message).toContain('203001');
    expect(tmt[0]?.message).toContain('masa depan');
    // All three problems of the row at once.
    expect(byRow(6).map((r) => [r.column, r.code])).toEqual([
      ['Nama', 'IMPORT_REQUIRED'],
      ['NIP', 'NIP_INVALID_LENGTH'],
      ['Wilayah', 'REGION_UNKNOWN'],
    ]);
    // The unrecognised column holding handles is warned about, never dropped silently.
    expect(plan.warnings).toEqual([
      expect.objectContaining({ code: 'IMPORT_UNMAPPED_ACCOUNT_COLUMN', column: 'Sosmed Lain' }),
    ]);
    expect(plan.columns.find((c) => c.header === 'Sosmed Lain')).toMatchObject({
      target: null,
      looksLikeAccounts: true,
    });
  });

  it('dry run, apply and audit log give the same counts; a mapping is remembered for the same file shape', async () => {
    const file = writeCsv([HEADER, ...ROWS], ';');
    const mapping = { 'Sosmed Lain': 'account:x' as const };
    const dry = await planWatchlistImport(database.db, file, 'opd.csv', { mapping });
    expect(dry.warnings).toEqual([]);
    expect(dry.accounts.create).toBe(11);
    const applied = await applyWatchlistImport(database.db, file, actor, {
      filename: 'opd.csv',
      mapping,
      expectedFingerprint: dry.fingerprint,
    });
    for (const key of ['people', 'accounts', 'rowsRead', 'rowsAccepted', 'rowsRejected', 'accountsRejected'] as const) {
      expect(applied[key]).toEqual(dry[key]);
    }
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'watchlist.import')
      .executeTakeFirstOrThrow();
    expect(entry.after).toMatchObject({
      rowsRead: 6,
      rowsAccepted: 3,
      rowsRejected: 3,
      accountsRejected: 2,
      problems: dry.rejected.length,
      people: dry.people,
      accounts: dry.accounts,
    });
    // The next file of the same shape uses the remembered mapping without being told.
    const next = await planWatchlistImport(database.db, file, 'opd-lagi.csv');
    expect(next.columns.find((c) => c.header === 'Sosmed Lain')).toMatchObject({
      target: 'account:x',
      source: 'mapping',
    });
    expect(next.accounts).toEqual({ create: 0, update: 0, unchanged: 11 });
  });

  it('downloads the rejected rows in the uploaded format with Alasan; fixed, they re-import cleanly', async () => {
    const file = writeCsv([HEADER, ...ROWS], ';');
    const rejected = await rejectedRowsFile(database.db, file, 'opd.csv');
    expect(rejected.format).toBe('csv');
    const table = readCsv(rejected.content.toString('utf8'));
    expect(table.delimiter).toBe(';');
    expect(table.rows[0]).toEqual([...HEADER, 'Alasan']);
    expect(table.rows.slice(1).map((r) => r[0])).toEqual(['2', '3', '4', '5']);
    expect(table.rows[4]?.[HEADER.length]).toMatch(/Nama.*NIP.*Wilayah/s);

    const col = (name: string) => HEADER.indexOf(name);
    const fixed = table.rows.map((r) => [...r]);
    fixed[1]![col('Akun Instagram')] = 'siti.aminah';
    fixed[1]![col('Akun FB')] = 'https://m.facebook.com/siti.aminah.rsud';
    fixed[2]![col('NIP')] = "'197606132001061336";
    fixed[3]![col('NIP')] = '199001012015011001';
    fixed[4]![col('Nama')] = 'Andi';
    fixed[4]![col('NIP')] = '198001012005011002';
    fixed[4]![col('Wilayah')] = '18.71';
    const again = await applyWatchlistImport(database.db, writeCsv(fixed, ';'), actor, { filename: 'opd-ditolak.csv' });
    expect(again.rejected).toEqual([]);
    expect(again.warnings).toEqual([]);
    expect(again.people).toEqual({ create: 3, update: 0, unchanged: 1 });
    expect(again.accounts).toEqual({ create: 3, update: 0, unchanged: 1 });
  });

  it('XLSX: a NIP stored as a number is explained, an apostrophe NIP kept; rejected rows come back as XLSX', async () => {
    const rows = [
      ['Nama', 'NIP', 'OPD', 'Jabatan', 'Kode Wilayah', 'IG', 'Facebook'],
      ['Angka', 197606132001061340, 'Dinas', 'Staf', '18', '@angka', ''],
      [
        'Teks',
        "'199203042019032005",
        'Dinas',
        'Staf',
        18,
        'instagram.com/teks.ok',
        'www.facebook.com/profile.php?id=100012345678',
      ],
    ];
    const file = buildXlsx(sheetXml(rows));
    const plan = await planWatchlistImport(database.db, file, 'opd.xlsx');
    expect(plan.rejected).toEqual([expect.objectContaining({ row: 2, column: 'NIP', code: 'NIP_EXCEL_NUMBER' })]);
    expect(plan.rows).toEqual([
      expect.objectContaining({
        nip: '199203042019032005',
        accounts: [
          { platform: 'instagram', handle: 'teks.ok', action: 'create' },
          { platform: 'facebook', handle: '100012345678', action: 'create' },
        ],
      }),
    ]);
    const rejected = await rejectedRowsFile(database.db, file, 'opd.xlsx');
    expect(rejected.format).toBe('xlsx');
    expect(rejected.rows).toBe(1);
  });
});
