import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseCsv, DEFAULT_CASE_SETTINGS } from '@netra/cases';
import { upsertPost } from '@netra/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_CONTEST,
  type SeededPost,
  seedCaseContest,
  seedCasePerson,
  seedFlaggedCasePost,
  signInExtraUser,
} from '../testing/case-fixtures.ts';
import { createTestServer, type SignedIn, type TestServer } from '../testing/test-server.ts';
import { eachCaseExportBatch } from './case-export.ts';

const NIP = '198501032010012001';

describe('from flag to case', () => {
  let server: TestServer;
  let evidenceDir: string;
  let before: SeededPost;
  let after: SeededPost;
  let personId: string;
  let caseId: string;
  let analyst: SignedIn;
  let analyst2: SignedIn;
  let supervisor: SignedIn;
  let viewer: SignedIn;

  const api = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    server.app.inject({ method, url, headers: who.headers, payload: payload as never });

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-case-'));
    server = await createTestServer({ evidenceDir, cases: { ...DEFAULT_CASE_SETTINGS, blindShare: 1 } });
    await seedCaseContest(server);
    const person = await seedCasePerson(server, 'siti.aminah', NIP);
    personId = person.personId;
    before = await seedFlaggedCasePost(server, person, {
      externalId: '101',
      text: 'Dukung bakal calon kita, ayo ramaikan deklarasi!',
      postedAt: '2024-09-10T08:00:00+07:00',
    });
    after = await seedFlaggedCasePost(server, person, {
      externalId: '102',
      text: 'Coblos nomor 2 ya, Mesuji bersinar!',
      postedAt: '2024-10-01T08:00:00+07:00',
    });
    analyst = await server.signIn('analyst');
    supervisor = await server.signIn('supervisor');
    viewer = await server.signIn('viewer');
    analyst2 = await signInExtraUser(server, 'analis2', 'analyst');
  });
  afterAll(async () => {
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it('refuses a case for an item that is not confirmed, naming the item', async () => {
    const response = await api(analyst, 'POST', '/api/cases', { itemIds: [after.reviewItemId] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('CASE_ITEMS_INVALID');
    expect(response.json().error.details.issues[0].field).toBe(`itemIds.${after.reviewItemId}`);
  });

  it('shows the stage at the post date, the target status and the SKB track suggestion on the item page', async () => {
    const page = (id: string) =>
      server.app.inject({ method: 'GET', url: `/review/${id}`, headers: { cookie: viewer.cookie } });
    const early = await page(before.reviewItemId);
    expect(early.body).toContain('Tahapan saat unggah: <strong>Pendaftaran dan verifikasi bakal calon</strong>');
    expect(early.body).toContain('sasaran: <strong>bakal calon</strong>');
    expect(early.body).toContain('Kode etik — sanksi moral');
    const late = await page(after.reviewItemId);
    expect(late.body).toContain('Tahapan saat unggah: <strong>Masa kampanye</strong>');
    expect(late.body).toContain('sasaran: <strong>calon</strong>');
    expect(late.body).toContain('Disiplin berat (PP 94/2021)');
  });

  it('groups two confirmed posts of one person and contest into one case, stamped with the stage at each post', async () => {
    for (const item of [before, after]) {
      const decided = await api(analyst, 'POST', `/api/review/items/${item.reviewItemId}/decisions`, {
        decision: 'confirmed',
        label: 'endorse',
        candidate: `${CASE_CONTEST}#2`,
        stance: 'pro',
        category: 'online_campaigning',
      });
      expect(decided.statusCode).toBe(201);
    }
    const response = await api(analyst, 'POST', '/api/cases', { itemIds: [before.reviewItemId, after.reviewItemId] });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    caseId = created.id;
    expect(created.case_number).toMatch(/^001\/TM\/PM\.01\.02\/18\.11\/[IVX]+\/\d{4}$/);
    expect(created).toMatchObject({
      regime: 'pilkada',
      office_level: 'kabupaten_kota',
      office_name: 'Bawaslu Kabupaten Mesuji',
    });
    const flagged = await server.database.db
      .selectFrom('review_items')
      .select('created_at')
      .where('id', '=', before.reviewItemId)
      .executeTakeFirstOrThrow();
    expect(new Date(created.found_at).getTime()).toBe(new Date(flagged.created_at).getTime());

    const view = (await api(analyst, 'GET', `/api/cases/${caseId}`)).json();
    const byItem = Object.fromEntries(view.items.map((i: { review_item_id: string }) => [i.review_item_id, i]));
    expect(byItem[before.reviewItemId]).toMatchObject({ stage_at_act: 'pendaftaran', target_status: 'bakal_calon' });
    expect(byItem[after.reviewItemId]).toMatchObject({ stage_at_act: 'kampanye', target_status: 'calon' });
    // Earliest post was before penetapan: the SKB kode-etik row is suggested, discipline only "also consider".
    expect(view.suggestion.track).toBe('kode_etik');
    expect(view.suggestion.alsoConsider).toContain('disiplin_berat');
    expect(view.clock.deadlines[0].basis).toContain('Pasal 134 ayat (4)');
    expect(view.clock.deadlines[0].dueLabel).toMatch(/ WIB$/);

    // The queue shows each item's case and the legal clock's time left beside it.
    const queue = await server.app.inject({
      method: 'GET',
      url: '/review?status=confirmed',
      headers: { cookie: analyst.cookie },
    });
    const row = queue.body.slice(queue.body.indexOf(`data-item="${before.reviewItemId}"`));
    const cell = row.slice(row.indexOf('class="deadline"'), row.indexOf('</tr>'));
    expect(cell).toContain(created.case_number);
    expect(cell).toMatch(/Sisa waktu|Mendekati batas waktu|Lewat batas waktu/);

    const again = await api(analyst, 'POST', '/api/cases', { itemIds: [after.reviewItemId] });
    expect(again.json().error.details.issues[0].message).toContain('sudah termasuk dalam kasus lain');
  });

  it('cannot move on while required fields are missing, and names each one', async () => {
    const response = await api(analyst, 'POST', `/api/cases/${caseId}/submit`, {});
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('CASE_FIELDS_MISSING');
    const fields = error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'person.rank_grade',
        `items.${before.reviewItemId}.evidence_verified`,
        'articles',
        'violation_type',
        'track',
        'officers.0.position',
        'officers.0.assignment_letter_no',
        'chronology',
        'analysis',
      ]),
    );
    expect(error.message).toContain('Pangkat/golongan ASN wajib diisi');
    const page = await server.app.inject({
      method: 'GET',
      url: `/cases/${caseId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(page.body).toContain('data-field="person.rank_grade"');
    const itemPage = await server.app.inject({
      method: 'GET',
      url: `/review/${before.reviewItemId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(itemPage.body).toContain(`href="/cases/${caseId}"`);
  });

  it('changes the date found only with a reason, and audits it', async () => {
    const refused = await api(analyst, 'POST', `/api/cases/${caseId}/found-at`, {
      foundAt: '2024-10-02T09:00:00+07:00',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues[0].field).toBe('body.reason');
    const ok = await api(analyst, 'POST', `/api/cases/${caseId}/found-at`, {
      foundAt: '2024-10-02T09:00:00+07:00',
      reason: 'Pertama dibuka analis pada patroli pagi',
    });
    expect(ok.statusCode).toBe(201);
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'case.found_at')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ reason: 'Pertama dibuka analis pada patroli pagi' });
    const view = (await api(analyst, 'GET', `/api/cases/${caseId}`)).json();
    expect(view.clock.deadlines[0].dueDate).toBe('2024-10-09');
  });

  it('runs a blind second review, sends a disagreement to adjudication, and computes kappa', async () => {
    const admin = await server.signIn('admin');
    const second = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'analis2')
      .executeTakeFirstOrThrow();
    const profile = await api(admin, 'PUT', `/api/users/${second.id}/officer-profile`, {
      position: 'Analis',
      assignmentLetterNo: '',
    });
    expect(profile.json().error.details.issues[0].field).toBe('body.assignmentLetterNo');
    const set = await api(admin, 'PUT', `/api/users/${second.id}/officer-profile`, {
      position: 'Analis Pengawasan',
      assignmentLetterNo: 'ST-13/2024',
    });
    expect(set.json()).toMatchObject({ position: 'Analis Pengawasan', assignment_letter_no: 'ST-13/2024' });
    expect(
      (
        await api(analyst, 'PUT', '/api/me/officer-profile', {
          position: 'Staf Pengawasan',
          assignmentLetterNo: 'ST-12/2024',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await api(analyst, 'POST', `/api/cases/people/${personId}/rank-grade`, { rankGrade: 'Penata, III/c' }))
        .statusCode,
    ).toBe(200);
    const patched = await api(analyst, 'PATCH', `/api/cases/${caseId}`, {
      chronology: 'ASN mengunggah ajakan memilih.',
      facts: 'Akun milik ASN (terdaftar).',
      analysis: 'Memenuhi unsur kampanye media sosial.',
      articles: ['pp94-2021-p5n', 'uu20-2023-p9-2'],
      skbBehaviour: 'kampanye_medsos',
      violationType: 'peraturan_lainnya',
      track: 'kode_etik',
    });
    expect(patched.statusCode).toBe(200);
    for (const item of [before, after]) {
      expect(
        (await api(analyst, 'POST', `/api/cases/${caseId}/items/${item.reviewItemId}/verify`, {})).statusCode,
      ).toBe(201);
    }
    const submitted = await api(analyst, 'POST', `/api/cases/${caseId}/submit`, {});
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({ status: 'second_review', second_review_mode: 'blind' });

    const self = await api(analyst, 'POST', `/api/cases/${caseId}/second-review`, {
      verdict: 'pelanggaran',
      skbBehaviour: 'kampanye_medsos',
    });
    expect(self.json().error.code).toBe('CASE_REVIEWER_NOT_ALLOWED');

    const blindView = (await api(analyst2, 'GET', `/api/cases/${caseId}`)).json();
    expect(blindView.blind).toBe(true);
    expect(blindView.case.analysis).toBeNull();
    expect(blindView.case.skb_behaviour).toBeNull();
    expect(blindView.reviews).toEqual([]);
    const blindPage = await server.app.inject({
      method: 'GET',
      url: `/cases/${caseId}`,
      headers: { cookie: analyst2.cookie },
    });
    expect(blindPage.body).not.toContain('Memenuhi unsur kampanye');

    const secondReview = await api(analyst2, 'POST', `/api/cases/${caseId}/second-review`, {
      verdict: 'pelanggaran',
      skbBehaviour: 'interaksi_medsos',
    });
    expect(secondReview.statusCode).toBe(201);
    expect(secondReview.json().status).toBe('adjudication');

    const early = await api(supervisor, 'POST', `/api/cases/${caseId}/referrals`, {
      letterNumber: '001/PM.01.02/K.LA-11/X/2024',
      letterDate: '2024-10-05',
      recipient: 'BKN',
      channel: 'sbt',
    });
    expect(early.json().error.code).toBe('CASE_STATE_CONFLICT');

    const adjudicated = await api(supervisor, 'POST', `/api/cases/${caseId}/adjudication`, {
      verdict: 'pelanggaran',
      skbBehaviour: 'kampanye_medsos',
      note: 'Ajakan memilih eksplisit.',
    });
    expect(adjudicated.statusCode).toBe(201);
    expect(adjudicated.json().status).toBe('ready');

    const list = (await api(viewer, 'GET', '/api/cases')).json();
    expect(list.agreement.byPair).toEqual([expect.objectContaining({ key: 'analis2 × analyst', n: 1, agreement: 0 })]);
    expect(list.agreement.byCategory.map((r: { key: string }) => r.key)).toEqual([
      'interaksi_medsos',
      'kampanye_medsos',
    ]);
  });

  it('records the referral and the outcome and shows them on the person page', async () => {
    const unknownRecipient = await api(supervisor, 'POST', `/api/cases/${caseId}/referrals`, {
      letterNumber: 'X',
      letterDate: '2024-10-05',
      recipient: 'Lembaga Fiktif',
      channel: 'sbt',
    });
    expect(unknownRecipient.json().error.details.issues[0].field).toBe('recipient');
    // Dates no calendar (or PostgreSQL, or the follow-up date) holds: each was a 500 (fifth attack, docs/security.md).
    for (const letterDate of ['2024-02-30', '2024-13-45', '0000-01-01', '9999-12-31', '2999-01-01']) {
      const refused = await api(supervisor, 'POST', `/api/cases/${caseId}/referrals`, {
        letterNumber: `U-${letterDate}`,
        letterDate,
        recipient: 'BKN',
        channel: 'sbt',
      });
      expect(refused.statusCode, `${letterDate}: ${refused.body}`).toBe(400);
      expect(refused.json().error.details.issues[0].field).toBe('body.letterDate');
    }
    // Sent twice at once (a double submit): one letter is one referral (fourth attack, docs/security.md).
    const letter = {
      letterNumber: '001/PM.01.02/K.LA-11/X/2024',
      letterDate: '2024-10-05',
      recipient: 'BKN',
      channel: 'sbt',
      externalNumber: 'SBT-2024-000123',
    };
    const sent = await Promise.all([0, 1].map(() => api(supervisor, 'POST', `/api/cases/${caseId}/referrals`, letter)));
    expect(sent.map((r) => r.statusCode).sort(), sent.map((r) => r.body).join('\n')).toEqual([200, 201]);
    const referral = sent.find((r) => r.statusCode === 201)!;
    expect(sent.map((r) => r.json().id)).toEqual([referral.json().id, referral.json().id]);
    expect(referral.json().follow_up_on).toBe('2024-10-19');
    const reminders = (await api(viewer, 'GET', '/api/cases')).json().reminders;
    expect(reminders.map((r: { case_id: string }) => r.case_id)).toContain(caseId);

    const withoutSk = await api(supervisor, 'POST', `/api/cases/${caseId}/outcomes`, { outcome: 'disiplin_sedang' });
    expect(withoutSk.statusCode).toBe(400);
    expect(withoutSk.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'body.skNumber',
      'body.skDate',
    ]);
    const badSk = await api(supervisor, 'POST', `/api/cases/${caseId}/outcomes`, {
      outcome: 'disiplin_sedang',
      skNumber: '800/123/SK/2024',
      skDate: '2024-02-30',
    });
    expect(badSk.statusCode, badSk.body).toBe(400);
    expect(badSk.json().error.details.issues[0].field).toBe('body.skDate');
    const sk = { outcome: 'disiplin_sedang', skNumber: '800/123/SK/2024', skDate: '2024-11-20' };
    const outcomes = await Promise.all([0, 1].map(() => api(supervisor, 'POST', `/api/cases/${caseId}/outcomes`, sk)));
    expect(outcomes.map((r) => r.statusCode).sort(), outcomes.map((r) => r.body).join('\n')).toEqual([200, 201]);
    const document = await api(supervisor, 'POST', `/api/cases/${caseId}/documents`, {
      name: 'SK hukuman disiplin',
      mediaType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4 SK').toString('base64'),
    });
    expect(document.statusCode).toBe(201);
    expect(document.json().sha256).toMatch(/^[a-f0-9]{64}$/);
    // A referral that is not this case's is named (it used to fail the foreign key with a 500), and the same
    // letter uploaded twice at once is stored for both (they used to share one temporary file).
    const strayReferral = await api(supervisor, 'POST', `/api/cases/${caseId}/documents`, {
      name: 'Surat',
      contentBase64: Buffer.from('%PDF-1.4 surat').toString('base64'),
      referralId: '00000000-0000-4000-8000-000000000000',
    });
    expect(strayReferral.statusCode, strayReferral.body).toBe(404);
    expect(strayReferral.json().error.code).toBe('CASE_REFERRAL_NOT_FOUND');
    expect(strayReferral.json().error.details.issues[0].field).toBe('referralId');
    const same = Buffer.alloc(2 * 1024 * 1024, 'SK ').toString('base64');
    const twice = await Promise.all(
      [1, 2, 3].map(() =>
        api(supervisor, 'POST', `/api/cases/${caseId}/documents`, { name: 'SK salinan', contentBase64: same }),
      ),
    );
    expect(twice.map((r) => r.statusCode)).toEqual([201, 201, 201]);

    const page = await server.app.inject({
      method: 'GET',
      url: `/people/${personId}/outcomes`,
      headers: { cookie: viewer.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hukuman disiplin sedang');
    expect(page.body).toContain('800/123/SK/2024');
    expect(page.body).toContain('BKN 001/PM.01.02/K.LA-11/X/2024');
    const counts = (await api(viewer, 'GET', '/api/cases')).json().counts;
    expect(counts).toEqual({ byStatus: { closed: 1 }, byOutcome: { disiplin_sedang: 1 } });
  });

  it('masks the NIP for a viewer and shows it to an analyst', async () => {
    const masked = '19*************001';
    expect((await api(viewer, 'GET', `/api/cases/${caseId}`)).json().person.nip).toBe(masked);
    expect((await api(viewer, 'GET', `/api/review/items/${after.reviewItemId}`)).json().nip).toBe(masked);
    expect((await api(viewer, 'GET', `/api/watchlist/people/${personId}`)).json().person.nip).toBe(masked);
    const list = (await api(viewer, 'GET', '/api/watchlist/people?q=Siti')).json();
    expect(list.rows.map((r: { nip: string }) => r.nip)).toContain(masked);
    expect(JSON.stringify(list)).not.toContain(NIP);
    const listPage = await server.app.inject({
      method: 'GET',
      url: '/watchlist?q=Siti',
      headers: { cookie: viewer.cookie },
    });
    expect(listPage.body).toContain(masked);
    expect(listPage.body).not.toContain(NIP);
    const page = await server.app.inject({
      method: 'GET',
      url: `/watchlist/people/${personId}`,
      headers: { cookie: viewer.cookie },
    });
    expect(page.body).toContain(masked);
    expect(page.body).not.toContain(NIP);
    expect((await api(analyst, 'GET', `/api/cases/${caseId}`)).json().person.nip).toBe(NIP);
  });

  it('logs reads of item, case, person and evidence downloads', async () => {
    const sha = [...after.artefacts.keys()][0]!;
    const download = await server.app.inject({
      method: 'GET',
      url: `/evidence/${sha}`,
      headers: { cookie: viewer.cookie },
    });
    expect(download.statusCode).toBe(200);
    await server.app.inject({
      method: 'GET',
      url: `/review/${after.reviewItemId}`,
      headers: { cookie: viewer.cookie },
    });
    const reads = await server.database.db
      .selectFrom('access_log')
      .select(['actor_username', 'action', 'entity_type', 'entity_id'])
      .where('actor_username', '=', 'viewer')
      .execute();
    const seen = new Set(reads.map((r) => `${r.action}:${r.entity_type}:${r.entity_id}`));
    expect(seen).toContain(`read:case:${caseId}`);
    expect(seen).toContain(`read:review_item:${after.reviewItemId}`);
    expect(seen).toContain(`read:person:${personId}`);
    expect(seen).toContain(`download:evidence:${sha}`);
  });

  it('answers HEAD on the dossier with 405 and Allow: GET, without rendering it or logging a download', async () => {
    const downloads = () =>
      server.database.db
        .selectFrom('access_log')
        .select('id')
        .where('entity_type', '=', 'dossier')
        .where('entity_id', '=', caseId)
        .execute();
    const head = await server.app.inject({
      method: 'HEAD',
      url: `/cases/${caseId}/dossier.pdf`,
      headers: { cookie: analyst.cookie },
    });
    expect(head.statusCode).toBe(405);
    expect(head.headers.allow).toBe('GET');
    expect(head.headers['content-type'] ?? '').not.toContain('application/pdf');
    expect(await downloads()).toEqual([]);
  });

  it('exports the cases as an Indonesian CSV with every decision and the evidence hashes', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/case-export.csv',
      headers: { cookie: supervisor.cookie },
    });
    expect(response.statusCode).toBe(200);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('nomor_kasus,jenis_kasus,status_kasus');
    // 2 posts × (1 review decision + first, second and adjudication reviews).
    expect(lines).toHaveLength(1 + 2 * 4);
    for (const sha of [...before.artefacts.keys(), ...after.artefacts.keys()]) expect(response.body).toContain(sha);
    expect(response.body).toContain('ajudikasi');
    expect(response.body).toContain(NIP);
  });

  it('streams the case CSV byte for byte as the in-memory writer builds it from the same rows', async () => {
    const response = await api(supervisor, 'GET', '/api/case-export.csv');
    expect(response.statusCode).toBe(200);
    const { id } = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    const user = {
      id,
      username: 'supervisor',
      displayName: '',
      role: 'supervisor' as const,
      csrfToken: '',
      sessionIdHash: '',
    };
    const settings = server.config.cases ?? DEFAULT_CASE_SETTINGS;
    const rows = [];
    for await (const batch of eachCaseExportBatch(server.database.db, settings, user, new Date())) rows.push(...batch);
    expect(response.body).toBe(caseCsv(rows));
    // Audited when the stream ended, with the rows it sent.
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'case.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ rows: rows.length, complete: true });
  });

  it('exports everything held about one person for an access request', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/people/${personId}/export`,
      headers: { cookie: (await server.signIn('admin')).cookie },
    });
    expect(response.statusCode).toBe(200);
    const data = response.json();
    expect(data.person.nip).toBe(NIP);
    expect(data.posts).toHaveLength(2);
    expect(data.cases).toHaveLength(1);
    expect(data.outcomes).toHaveLength(1);
    expect(data.processing.reads.length).toBeGreaterThan(0);
  });

  it('records a candidate stage history that decides the target status of later cases', async () => {
    const admin = await server.signIn('admin');
    const bad = await api(admin, 'POST', `/api/contests/${CASE_CONTEST}/candidates/2/stages`, {
      stage: 'calon',
      fromDate: '22-09-2024',
    });
    expect(bad.json().error.details.issues[0].field).toBe('body.fromDate');
    // Year 0 reached PostgreSQL (a 500 before the fifth attack); year 9999 was stored.
    for (const fromDate of ['0000-01-01', '9999-12-31']) {
      const refused = await api(admin, 'POST', `/api/contests/${CASE_CONTEST}/candidates/2/stages`, {
        stage: 'calon',
        fromDate,
      });
      expect(refused.statusCode, `${fromDate}: ${refused.body}`).toBe(400);
      expect(refused.json().error.details.issues[0].field).toBe('body.fromDate');
    }
    const saved = await api(admin, 'POST', `/api/contests/${CASE_CONTEST}/candidates/2/stages`, {
      stage: 'calon',
      fromDate: '2024-10-05',
      note: 'Ditetapkan setelah putusan sengketa',
    });
    expect(saved.statusCode).toBe(201);
    const person = await seedCasePerson(server, 'budi.history', '199001012015031002');
    const late = await seedFlaggedCasePost(server, person, {
      externalId: '201',
      text: 'Pilih nomor 2',
      postedAt: '2024-10-01T08:00:00+07:00',
    });
    await api(analyst, 'POST', `/api/review/items/${late.reviewItemId}/decisions`, {
      decision: 'confirmed',
      label: 'endorse',
      candidate: `${CASE_CONTEST}#2`,
      stance: 'pro',
      category: 'online_campaigning',
    });
    const created = (await api(analyst, 'POST', '/api/cases', { itemIds: [late.reviewItemId] })).json();
    expect(created.case_number).toMatch(/^002\//);
    const view = (await api(analyst, 'GET', `/api/cases/${created.id}`)).json();
    // Campaign had started, but this candidate was determined only on 5 October: still a bakal calon.
    expect(view.items[0]).toMatchObject({ stage_at_act: 'kampanye', target_status: 'bakal_calon' });
    expect(view.suggestion.track).toBe('kode_etik');
    // Found (per the officer's correction) in 2024: past its deadline, counted on the queue and shown with
    // time left on the item page.
    const moved = await api(analyst, 'POST', `/api/cases/${created.id}/found-at`, {
      foundAt: '2024-10-02T09:00:00+07:00',
      reason: 'Ditemukan saat patroli Oktober 2024',
    });
    expect(moved.statusCode).toBe(201);
    const queue = await server.app.inject({ method: 'GET', url: '/review', headers: { cookie: viewer.cookie } });
    expect(queue.body).toContain('class="card case-deadlines"');
    expect(queue.body).toContain('Lewat batas waktu: 1');
    const itemPage = await server.app.inject({
      method: 'GET',
      url: `/review/${late.reviewItemId}`,
      headers: { cookie: viewer.cookie },
    });
    expect(itemPage.body).toContain(created.case_number);
    expect(itemPage.body).toMatch(/class="deadline-overdue"[^>]*>Lewat batas waktu: lewat \d+ hari/);
  });

  it('purges never-flagged posts after the retention period and leaves case records whole', async () => {
    const db = server.database.db;
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'handle'])
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    const old = await upsertPost(db, {
      platform: 'facebook',
      externalId: 'old-unflagged',
      url: 'https://www.facebook.com/x/posts/old',
      kind: 'post',
      accountId: account.id,
      authorHandle: account.handle,
      text: 'Selamat pagi semua',
      postedAt: '2024-01-01T08:00:00+07:00',
      fetchedAt: '2024-01-02T00:00:00Z',
      mediaDescriptions: [],
      evidence: [],
      raw: {},
      crawlRunId: null,
    });
    const recent = await upsertPost(db, {
      platform: 'facebook',
      externalId: 'recent-unflagged',
      url: 'https://www.facebook.com/x/posts/recent',
      kind: 'post',
      accountId: account.id,
      authorHandle: account.handle,
      text: 'Rapat dinas hari ini',
      postedAt: null,
      fetchedAt: new Date().toISOString(),
      mediaDescriptions: [],
      evidence: [],
      raw: {},
      crawlRunId: null,
    });
    const casePostsBefore = await db.selectFrom('case_items').selectAll().execute();
    const admin = await server.signIn('admin');
    const run = await api(admin, 'POST', '/api/admin/retention/run', {});
    expect(run.statusCode).toBe(200);
    expect(run.json().posts).toBe(1);
    const remaining = (await db.selectFrom('posts').select('id').execute()).map((p) => p.id);
    expect(remaining).not.toContain(old.id);
    expect(remaining).toContain(recent.id);
    expect(remaining).toEqual(expect.arrayContaining([before.postId, after.postId]));
    expect(await db.selectFrom('case_items').selectAll().execute()).toEqual(casePostsBefore);
    const artefactRows = await db.selectFrom('evidence_artefacts').select(['path']).execute();
    expect(artefactRows).toHaveLength(6);
    for (const a of artefactRows) await expect(stat(join(evidenceDir, a.path))).resolves.toBeTruthy();
    const view = (await api(analyst, 'GET', `/api/cases/${caseId}`)).json();
    expect(view.items).toHaveLength(2);
    expect(view.outcomes).toHaveLength(1);
  });
});
