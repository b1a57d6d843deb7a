import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, resolveChromiumPath } from '@netra/collectors';
import { createTestServer, TEST_PASSWORD, type TestServer } from '@netra/server/testing';
import { readTableUnbounded, writeXlsx } from '@netra/watchlist';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HEADER = '\ufeffNama;NIP;Instansi/OPD;Unit Kerja;Jabatan;Kode Wilayah;Platform;Akun;Keterangan';
const GOOD =
  'Suryadi, S.Pd.;197805122005011003;Pemerintah Kabupaten Mesuji;SMPN 1;Guru Ahli Muda;18.11;facebook;suryadi.guru;-';
// Appointment month 13: rejected, then fixed to 03.
const BAD_NIP = '198903182014132001';
const FIXED_NIP = '198903182014032001';
const rina = (nip: string) => `Rina Marlina;${nip};RSUD Ragab Begawe Caram;IGD;Perawat;18.11;instagram;rina.nurse;`;

/**
 * Clicks a submit button and waits for the next document to load at `url`. Waiting on the URL alone is not
 * enough here: every form posts back to the page it is on, so `waitForURL` resolved at once against the old
 * document and the test read the previous page's counts (an intermittent failure under load).
 */
async function submitAndLoad(page: Page, selector: string, url: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()), page.click(selector)]);
  await page.waitForURL(url, { waitUntil: 'load' });
}

describe('admin pages in Chromium: import, fix a rejected row, re-import, audit', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'netra-admin-e2e-'));

  beforeAll(async () => {
    server = await createTestServer();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: resolveChromiumPath(),
      args: CHROMIUM_ARGS,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('drives the watchlist import as an admin', async () => {
    const page = await browser.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) scriptErrors.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) scriptErrors.push(m.text());
    });

    await page.goto(`${base}/login?next=/watchlist/import`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await submitAndLoad(page, 'form.login button[type=submit]', `${base}/watchlist/import`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Impor daftar pantau');

    // 1. Upload a file with one bad row: preview shows it rejected with row, column and reason.
    const first = join(dir, 'opd-mesuji.csv');
    writeFileSync(first, [HEADER, GOOD, rina(BAD_NIP)].join('\r\n'));
    await page.setInputFiles('#import-file', first);
    await submitAndLoad(page, '#import-form button[type=submit]', `${base}/watchlist/import`);
    await expect(page.locator('[data-count=people-create]').textContent()).resolves.toBe('1');
    const rejected = page.locator('#rejected tbody tr');
    await expect(rejected.count()).resolves.toBe(1);
    const cells = await rejected.first().locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('NIP');
    expect(cells[3]).toContain('TMT pengangkatan');
    expect(await page.locator('h2').first().textContent()).toContain('opd-mesuji.csv');

    // Nothing is written before the admin confirms.
    expect(await server.database.db.selectFrom('people').selectAll().execute()).toEqual([]);
    await submitAndLoad(page, '#confirm-form button[type=submit]', `${base}/watchlist/import`);
    await expect(page.locator('.flash').textContent()).resolves.toContain('Impor selesai');
    expect((await server.database.db.selectFrom('people').select('nip').execute()).map((p) => p.nip)).toEqual([
      '197805122005011003',
    ]);

    // 2. Fix the row in the file and import it again: the good row is unchanged, the fixed one is created.
    const fixed = join(dir, 'opd-mesuji-perbaikan.csv');
    writeFileSync(fixed, [HEADER, GOOD, rina(FIXED_NIP)].join('\r\n'));
    await page.setInputFiles('#import-file', fixed);
    await submitAndLoad(page, '#import-form button[type=submit]', `${base}/watchlist/import`);
    await expect(page.locator('[data-count=people-create]').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-count=people-unchanged]').textContent()).resolves.toBe('1');
    await expect(page.locator('#rejected').count()).resolves.toBe(0);
    await submitAndLoad(page, '#confirm-form button[type=submit]', `${base}/watchlist/import`);
    await expect(page.locator('.flash').textContent()).resolves.toContain('Impor selesai');

    // 3. The person shows up in the list and the detail page; the audit log holds who did what.
    await page.goto(`${base}/watchlist?q=rina`);
    await expect(page.locator('#total').textContent()).resolves.toBe('1');
    await page.click('#people a');
    await expect(page.locator('h1').textContent()).resolves.toBe('Rina Marlina');
    await expect(page.locator('table').first().textContent()).resolves.toContain('rina.nurse');

    const person = await server.database.db
      .selectFrom('people')
      .selectAll()
      .where('nip', '=', FIXED_NIP)
      .executeTakeFirstOrThrow();
    const audit = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', person.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ action: 'person.create', actor_username: 'admin', ip: '127.0.0.1' }),
    ]);
    expect(audit[0]?.after).toMatchObject({ nip: FIXED_NIP, unit: 'IGD', region_code: '18.11' });
    const imports = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'watchlist.import')
      .orderBy('id')
      .execute();
    expect(imports.map((i) => (i.after as { filename: string }).filename)).toEqual([
      'opd-mesuji.csv',
      'opd-mesuji-perbaikan.csv',
    ]);
    expect(scriptErrors).toEqual([]);
    await page.close();
  });

  it('imports a wide-layout XLSX: maps an unknown column, shows per-cell account errors, applies, downloads rejected rows', async () => {
    const page = await browser.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    await page.goto(`${base}/login?next=/watchlist/import`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await submitAndLoad(page, 'form.login button[type=submit]', `${base}/watchlist/import`);

    const file = join(dir, 'opd-lebar.xlsx');
    writeFileSync(
      file,
      await writeXlsx(
        [
          [
            'Nama',
            'NIP',
            'OPD',
            'Jabatan',
            'Wilayah',
            'Akun Instagram',
            'Akun Facebook',
            'Akun TikTok',
            'Medsos Lainnya',
          ],
          [
            'Dewi Lestari',
            "'199204152019032007",
            'Dinas Sosial',
            'Penyuluh',
            '18.71',
            '@dewi.les, dewi.kedua',
            'https://www.facebook.com/dewi.lestari.ds',
            '',
            '@dewi_x',
          ],
          [
            'Bayu Putra',
            '199511202020121003',
            'Dinas Sosial',
            'Staf',
            '18.71',
            'Bayu Putra Official',
            '',
            'https://www.tiktok.com/@bayu.putra',
            '',
          ],
        ],
        'Sheet1',
      ),
    );
    await page.setInputFiles('#import-file', file);
    await submitAndLoad(page, '#import-form button[type=submit]', `${base}/watchlist/import`);
    // The account-looking column is warned about before anything is saved.
    await expect(page.locator('#import-warnings').textContent()).resolves.toContain('Medsos Lainnya');
    await page.selectOption('select[name="map:medsos lainnya"]', 'account:x');
    await submitAndLoad(page, '#mapping-form button[type=submit]', `${base}/watchlist/import`);
    await expect(page.locator('#import-warnings').count()).resolves.toBe(0);
    await expect(page.locator('[data-count=people-create]').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-count=accounts-create]').textContent()).resolves.toBe('5');
    await expect(page.locator('[data-count=accounts-rejected]').textContent()).resolves.toBe('1');
    const problem = page.locator('#rejected tbody tr');
    await expect(problem.count()).resolves.toBe(1);
    const cells = await problem.first().locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['3', 'Akun Instagram', 'Bayu Putra Official']);
    expect(cells[3]).toContain('spasi');

    await submitAndLoad(page, '#confirm-form button[type=submit]', `${base}/watchlist/import`);
    await expect(page.locator('.flash').textContent()).resolves.toContain('Impor selesai');
    const handles = await server.database.db.selectFrom('accounts').select(['platform', 'handle']).execute();
    expect(handles.map((a) => `${a.platform}:${a.handle}`)).toEqual(
      expect.arrayContaining([
        'instagram:dewi.les',
        'instagram:dewi.kedua',
        'facebook:dewi.lestari.ds',
        'x:dewi_x',
        'tiktok:bayu.putra',
      ]),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#rejected-form button[type=submit]'),
    ]);
    expect(download.suggestedFilename()).toBe('opd-lebar-ditolak.xlsx');
    const saved = join(dir, 'ditolak.xlsx');
    await download.saveAs(saved);
    const table = readTableUnbounded(readFileSync(saved), 'ditolak.xlsx');
    expect(table.rows[0]?.at(-1)).toBe('Alasan');
    expect(table.rows.length).toBe(2);
    expect(table.rows[1]?.[0]).toBe('Bayu Putra');
    expect(table.rows[1]?.at(-1)).toContain('Akun Instagram');
    expect(scriptErrors).toEqual([]);
    await page.close();
  });
});
