import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertWatchedAccount } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PDF_RENDERS, MAX_PDF_WAITING, pdfRenders } from '../cases/render-pdf.ts';
import { seedCaseContest, seedPersonWithCase } from '../testing/case-fixtures.ts';
import { createTestServer, type SignedIn, type TestServer } from '../testing/test-server.ts';

/**
 * The fifth outside-style attack (docs/security.md, "Fifth attack, 2026-11-29"): dates typed by users and
 * dossier downloads at once, through the real server on PostgreSQL, Redis and Chromium.
 */
describe('fifth attack: typed dates and dossier renders', () => {
  let server: TestServer;
  let evidenceDir: string;
  let analyst: SignedIn;
  let viewer: SignedIn;
  let caseId: string;
  const savedTz = process.env.TZ;

  beforeAll(async () => {
    // A server in a container runs in UTC; the old parsing read a zone-less time in this zone.
    process.env.TZ = 'UTC';
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-fifth-'));
    server = await createTestServer({ evidenceDir });
    await seedCaseContest(server);
    const seeded = await seedPersonWithCase(
      server,
      { handle: 'rini.handayani', nip: '198703122011012003' },
      { externalId: '5001', text: 'Ayo coblos nomor dua, kata pak camat', postedAt: '2024-10-01T08:00:00+07:00' },
    );
    caseId = seeded.case.id;
    analyst = await server.signIn('analyst');
    viewer = await server.signIn('viewer');
    await insertWatchedAccount(server.database.db, {
      platform: 'instagram',
      handle: 'andi.lurah',
      regionCode: '73.71',
    });
  }, 60_000);
  afterAll(async () => {
    process.env.TZ = savedTz;
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  const api = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    server.app.inject({ method, url, headers: who.headers, payload: payload as never });
  const foundAtOf = async () => (await api(analyst, 'GET', `/api/cases/${caseId}`)).json().case.found_at as string;

  it('refuses case dates no clock can hold, so one analyst cannot break every case list', async () => {
    const before = await foundAtOf();
    for (const foundAt of [
      '+275760-09-13T00:00:00.000Z', // the last instant a JS Date holds: deadlines after it were invalid dates
      '9999-12-31T23:59:59Z',
      '0224-10-02T09:00:00+07:00',
      '2024-02-30T09:00:00+07:00', // rolled over to 1 March before
      true, // read as 1 ms after 1970 before
      0,
    ]) {
      const moved = await api(analyst, 'POST', `/api/cases/${caseId}/found-at`, { foundAt, reason: 'uji tanggal' });
      expect(moved.statusCode, `${JSON.stringify(foundAt)}: ${moved.body}`).toBe(400);
      expect(moved.json().error.details.issues[0].field).toBe('body.foundAt');
    }
    const patched = await api(analyst, 'PATCH', `/api/cases/${caseId}`, { registeredAt: '275760-01-01T00:00:00Z' });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.details.issues[0].field).toBe('body.registeredAt');
    expect(await foundAtOf()).toBe(before);
    for (const url of ['/api/cases', `/api/cases/${caseId}`])
      expect((await api(viewer, 'GET', url)).statusCode).toBe(200);
    const list = await server.app.inject({ method: 'GET', url: '/cases', headers: { cookie: viewer.cookie } });
    expect(list.statusCode).toBe(200);
  });

  it('refuses a case time without its zone instead of reading it in the server process zone', async () => {
    const zoneless = await api(analyst, 'POST', `/api/cases/${caseId}/found-at`, {
      foundAt: '2024-10-02T09:00',
      reason: 'ditemukan pada patroli pagi',
    });
    expect(zoneless.statusCode).toBe(400);
    expect(zoneless.json().error.details.issues[0]).toMatchObject({
      field: 'body.foundAt',
      message: expect.stringContaining('sertakan zona waktu'),
    });
    const named = await api(analyst, 'POST', `/api/cases/${caseId}/found-at`, {
      foundAt: '2024-10-02 09:00 WITA',
      reason: 'ditemukan pada patroli pagi',
    });
    expect(named.statusCode, named.body).toBe(201);
    expect(await foundAtOf()).toBe('2024-10-02T01:00:00.000Z');
  });

  it("reads a tip form's posting time in the zone the analyst chose, never in the server's", async () => {
    const form = (fields: Record<string, string>) =>
      server.app.inject({
        method: 'POST',
        url: '/tips',
        headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: analyst.csrfToken, ...fields }).toString(),
      });
    const postedAtOf = async (shortcode: string) =>
      (
        await server.database.db
          .selectFrom('posts')
          .select('posted_at')
          .where('url', 'like', `%/p/${shortcode}%`)
          .executeTakeFirstOrThrow()
      ).posted_at;
    // A browser's datetime-local sends no zone: 08:00 as the analyst saw it in Makassar is 00:00 UTC.
    const wita = await form({
      url: 'https://www.instagram.com/andi.lurah/p/Wita0800/',
      text: 'Dukung paslon nomor dua',
      postedAt: '2026-11-01T08:00',
      postedAtZone: 'WITA',
    });
    expect(wita.statusCode, wita.body).toBe(303);
    expect((await postedAtOf('Wita0800'))?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    // No zone chosen (an API client): WIB, where Bawaslu RI sits, not the process zone.
    const wib = await api(analyst, 'POST', '/api/tips', {
      url: 'https://www.instagram.com/andi.lurah/p/Wib0800/',
      text: 'Dukung paslon nomor dua',
      postedAt: '2026-11-01T08:00',
    });
    expect(wib.statusCode, wib.body).toBe(201);
    expect((await postedAtOf('Wib0800'))?.toISOString()).toBe('2026-11-01T01:00:00.000Z');
    for (const [postedAt, code] of [
      ['2026-02-30T08:00', 'TIP_POSTED_AT_INVALID'],
      ['+200000-01-01T00:00:00Z', 'TIP_POSTED_AT_INVALID'],
      ['9999-01-01T00:00', 'TIP_POSTED_AT_OUT_OF_RANGE'],
    ] as const) {
      const refused = await api(analyst, 'POST', '/api/tips', {
        url: 'https://www.instagram.com/andi.lurah/p/Refused1/',
        text: 'Dukung paslon nomor dua',
        postedAt,
      });
      expect(refused.statusCode, postedAt).toBe(400);
      expect(refused.json().error, postedAt).toMatchObject({ code, details: { issues: [{ field: 'postedAt' }] } });
    }
  });

  it('prints at most MAX_PDF_RENDERS dossiers at once, each a whole Chromium', async () => {
    const browsers = () => {
      // Chromium's main processes are children of this test process (Playwright launches them directly).
      const out = execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)]).toString();
      return out.split('\n').filter((line) => /chrom/i.test(line) && !/--type=/.test(line)).length;
    };
    pdfRenders.resetPeak();
    let peakBrowsers = 0;
    const sampler = setInterval(() => {
      peakBrowsers = Math.max(peakBrowsers, browsers());
    }, 50);
    const downloads = await Promise.all(
      Array.from({ length: 6 }, () =>
        server.app.inject({ method: 'GET', url: `/cases/${caseId}/dossier.pdf`, headers: { cookie: analyst.cookie } }),
      ),
    );
    clearInterval(sampler);
    expect(downloads.map((d) => d.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(downloads.every((d) => d.rawPayload.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(pdfRenders.stats().peak).toBeLessThanOrEqual(MAX_PDF_RENDERS);
    expect(peakBrowsers).toBeLessThanOrEqual(MAX_PDF_RENDERS);
    expect(pdfRenders.stats()).toMatchObject({ running: 0, waiting: 0 });
  }, 120_000);

  it('refuses a dossier at once with 503 and Retry-After when the render queue is full', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = Array.from({ length: MAX_PDF_RENDERS + MAX_PDF_WAITING }, () => pdfRenders.run(() => gate));
    expect(pdfRenders.stats()).toMatchObject({ running: MAX_PDF_RENDERS, waiting: MAX_PDF_WAITING });
    const refused = await server.app.inject({
      method: 'GET',
      url: `/cases/${caseId}/dossier.pdf`,
      headers: { cookie: analyst.cookie },
    });
    release();
    await Promise.all(held);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.json().error).toMatchObject({
      code: 'PDF_RENDER_BUSY',
      message: expect.stringContaining('coba lagi'),
    });
  });
});
