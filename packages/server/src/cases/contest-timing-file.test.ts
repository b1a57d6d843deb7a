import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CASE_SETTINGS, dossierHtml } from '@netra/cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_CONTEST,
  type SeededPost,
  seedCaseContest,
  seedCasePerson,
  seedFlaggedCasePost,
} from '../testing/case-fixtures.ts';
import { createTestServer, type SignedIn, type TestServer } from '../testing/test-server.ts';
import { dossierData, loadCaseView } from './case-view.ts';

/** RFC 4180 rows (quoted cells with doubled quotes, CRLF row ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const PAPUA = 'pilgub-papua-2024';

/**
 * `contest_timing` (which contest was running on a dated post's day) where the analyst and the case file need it:
 * the queue list, the decisions CSV, the case CSV and the dossier — each date with the zone of the timing's
 * contest (a Papua contest's days are WIT days, whatever the person's or the item's region).
 */
describe('contest timing in the queue, the exports and the case file', () => {
  let server: TestServer;
  let evidenceDir: string;
  let mesuji: SeededPost;
  let papua: SeededPost;
  let undated: SeededPost;
  let analyst: SignedIn;
  let supervisor: SignedIn;

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-timing-'));
    server = await createTestServer({ evidenceDir });
    await seedCaseContest(server);
    const db = server.database.db;
    await db
      .insertInto('contests')
      .values({
        id: PAPUA,
        kind: 'gubernur',
        region_code: '91',
        region_name: 'Provinsi Papua',
        election_date: '2024-11-27',
        campaign_from: '2024-09-25',
        campaign_to: '2024-11-23',
        quiet_from: null,
        quiet_to: null,
      })
      .execute();
    await db
      .insertInto('candidates')
      .values({
        contest_id: PAPUA,
        number: 1,
        names: JSON.stringify(['Yakobus Wenda', 'Maria Kogoya']),
        aliases: '[]',
        jargon: '[]',
        hashtags: '[]',
        slogans: '[]',
        parties: '[]',
        official_accounts: '[]',
      })
      .execute();
    const person = await seedCasePerson(server, 'siti.aminah', '198501032010012001');
    mesuji = await seedFlaggedCasePost(server, person, {
      externalId: '201',
      text: '=HYPERLINK("http://contoh.invalid") Ayo pilih nomor 2, Mesuji maju!',
      postedAt: '2024-09-30T18:30:00Z',
      contestTiming: {
        contest: CASE_CONTEST,
        postedOn: '2024-10-01',
        window: { from: '2024-08-27', to: '2025-03-22' },
        phase: 'during',
        decided: true,
      },
    });
    papua = await seedFlaggedCasePost(server, person, {
      externalId: '202',
      text: 'Nomor satu tetap di hati, walau sudah lewat.',
      postedAt: '2025-06-01T01:00:00Z',
      candidate: `${PAPUA}#1`,
      contestTiming: {
        contest: PAPUA,
        postedOn: '2025-06-01',
        window: { from: '2024-09-25', to: '2025-02-25' },
        phase: 'after',
        decided: false,
      },
    });
    undated = await seedFlaggedCasePost(server, person, {
      externalId: '203',
      text: 'Coblos nomor 2, jangan lupa.',
      postedAt: '2024-10-03T08:00:00+07:00',
    });
    analyst = await server.signIn('analyst');
    supervisor = await server.signIn('supervisor');
  });
  afterAll(async () => {
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it('shows the day, its zone, the phase and a deciding date in the queue list', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/review', headers: { cookie: analyst.cookie } });
    expect(page.statusCode).toBe(200);
    const rowOf = (id: string) => page.body.slice(page.body.indexOf(`data-item="${id}"`)).split('</tr>')[0]!;
    expect(rowOf(mesuji.reviewItemId)).toContain(
      `<small class="contest-timing" title="Masa berjalan pemilihan ${CASE_CONTEST}: 2024-08-27 s.d. 2025-03-22 WIB">Unggah 2024-10-01 WIB: dalam masa pemilihan · <strong>tanggal menentukan pemilihan</strong></small>`,
    );
    // The zone is the timing contest's (Papua: WIT), not the person's region (Lampung, WIB).
    expect(rowOf(papua.reviewItemId)).toContain('Unggah 2025-06-01 WIT: setelah masa pemilihan</small>');
    expect(rowOf(papua.reviewItemId)).not.toContain('tanggal menentukan pemilihan');
    expect(rowOf(undated.reviewItemId)).not.toContain('contest-timing');
    // The item page names the zone too.
    const item = await server.app.inject({
      method: 'GET',
      url: `/review/${papua.reviewItemId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(item.body).toContain(
      `2025-06-01 WIT · <code>${PAPUA}</code>: setelah masa berjalan pemilihan (pemungutan dan sengketa hasil sudah lewat) (2024-09-25 – 2025-02-25 WIT)`,
    );
  });

  it('exports the timing in the decisions CSV, through the formula-neutralising writer', async () => {
    for (const [item, candidate] of [
      [mesuji, `${CASE_CONTEST}#2`],
      [papua, `${PAPUA}#1`],
      [undated, `${CASE_CONTEST}#2`],
    ] as const) {
      const decided = await server.app.inject({
        method: 'POST',
        url: `/api/review/items/${item.reviewItemId}/decisions`,
        headers: analyst.headers,
        payload: { decision: 'confirmed', label: 'endorse', candidate, stance: 'pro', category: 'online_campaigning' },
      });
      expect(decided.statusCode).toBe(201);
    }
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/review/export?format=csv',
      headers: supervisor.headers,
    });
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(response.body);
    const col = (name: string) => {
      const i = header!.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return i;
    };
    const byId = new Map(rows.map((r) => [r[col('review_item_id')], r]));
    const timing = (id: string) =>
      [
        'pemilihan_menurut_tanggal',
        'tanggal_unggah_lokal',
        'masa_berjalan_pemilihan',
        'fase_saat_unggah',
        'tanggal_menentukan_pemilihan',
      ].map((name) => byId.get(id)![col(name)]);
    expect(timing(mesuji.reviewItemId)).toEqual([
      CASE_CONTEST,
      '2024-10-01 WIB',
      '2024-08-27 s.d. 2025-03-22 WIB',
      'dalam masa berjalan pemilihan',
      'ya',
    ]);
    expect(timing(papua.reviewItemId)).toEqual([
      PAPUA,
      '2025-06-01 WIT',
      '2024-09-25 s.d. 2025-02-25 WIT',
      'setelah masa berjalan pemilihan (pemungutan dan sengketa hasil sudah lewat)',
      'tidak',
    ]);
    expect(timing(undated.reviewItemId)).toEqual(['', '', '', '', '']);
    // Still the one writer: the post text that starts with a formula is neutralised in the same export.
    expect(byId.get(mesuji.reviewItemId)![col('text')]).toMatch(/^'=HYPERLINK/);
  });

  it('puts the timing in the case CSV and in the dossier annex', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: analyst.headers,
      payload: { itemIds: [mesuji.reviewItemId, undated.reviewItemId] },
    });
    expect(created.statusCode).toBe(201);
    const caseId = created.json().id as string;
    const line = `tanggal unggah 2024-10-01 WIB; pemilihan ${CASE_CONTEST}: dalam masa berjalan pemilihan (2024-08-27 s.d. 2025-03-22 WIB); tanggal inilah yang memilih pemilihan ini: nama atau nomor yang sama juga ada di pemilihan lain`;

    const csv = await server.app.inject({
      method: 'GET',
      url: '/api/case-export.csv',
      headers: { cookie: supervisor.cookie },
    });
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(csv.body);
    const col = header!.indexOf('tanggal_unggah_dan_pemilihan');
    expect(col).toBe(header!.indexOf('waktu_unggah') + 1);
    const byUrl = new Map(rows.map((r) => [r[header!.indexOf('url_unggahan')], r[col]]));
    expect(byUrl.get(`https://www.facebook.com/siti.aminah/posts/201`)).toBe(line);
    expect(byUrl.get(`https://www.facebook.com/siti.aminah/posts/203`)).toBe('');

    const user = { id: 'x', username: 'supervisor', role: 'supervisor' } as never;
    const view = await loadCaseView(
      server.database.db,
      server.config.cases ?? DEFAULT_CASE_SETTINGS,
      user,
      caseId,
      new Date(),
    );
    const html = dossierHtml(await dossierData(view, evidenceDir, new Date()));
    expect(html).toContain(`<tr><th>Tanggal unggah dan pemilihan</th><td>${line}</td></tr>`);
    expect(html).toContain(
      '<tr><th>Tanggal unggah dan pemilihan</th><td>tidak diketahui (unggahan tanpa tanggal)</td></tr>',
    );
  });
});
