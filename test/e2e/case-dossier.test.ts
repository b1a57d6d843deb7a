import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_CASE_SETTINGS } from '@netra/cases';
import { CHROMIUM_ARGS, resolveChromiumPath } from '@netra/collectors';
import {
  createTestServer,
  type SeededPost,
  seedCaseContest,
  seedCasePerson,
  seedFlaggedCasePost,
  TEST_PASSWORD,
  type TestServer,
} from '@netra/server/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const NIP = '198703152012122002';
const POST_TEXT = 'Ayo dukung nomor 2, Mesuji bersinar! Jangan lupa coblos tanggal 27.';

/**
 * One flagged post through the whole case path in a real browser: confirmed, made a case, completed,
 * second-reviewed by a supervisor, and printed as a Form A PDF whose text (read back with pdftotext) carries
 * the person, NIP, article, deadline, post text and every evidence hash — each matching the stored artefact.
 */
describe('from flag to Form A PDF in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let evidenceDir: string;
  let post: SeededPost;

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-dossier-'));
    // Every case to a supervisor: the second reviewer in this test is the supervisor.
    server = await createTestServer({ evidenceDir });
    server.config.cases = { ...DEFAULT_CASE_SETTINGS, blindShare: 0 };
    await seedCaseContest(server);
    const person = await seedCasePerson(server, 'siti.dossier', NIP);
    post = await seedFlaggedCasePost(server, person, {
      externalId: '9001',
      text: POST_TEXT,
      postedAt: '2024-10-03T10:00:00+07:00',
    });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  async function signIn(role: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/review`);
    await page.fill('input[name=username]', role);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForURL(`${base}/review`);
    return page;
  }

  it('confirms, opens a case, completes it, passes second review and prints the dossier', {
    timeout: 120_000,
  }, async () => {
    const analyst = await signIn('analyst');
    await analyst.goto(`${base}/cases/profile`);
    await analyst.fill('input[name=position]', 'Staf Pengawasan Siber');
    await analyst.fill('input[name=assignmentLetterNo]', 'ST-045/PM.01.02/K.LA-11/09/2024');
    await analyst.click('form[action="/cases/profile"] button[type=submit]');
    await analyst.waitForURL(`${base}/cases/profile`);

    await analyst.goto(`${base}/review/${post.reviewItemId}`);
    await analyst.selectOption('select[name=decision]', 'confirmed');
    await analyst.selectOption('select[name=label]', 'endorse');
    await analyst.fill('form[action$="/decide"] textarea[name=note]', 'Ajakan memilih nomor 2.');
    await analyst.click('form[action$="/decide"] button[type=submit]');
    await analyst.waitForURL(`${base}/review/${post.reviewItemId}?saved=1`);

    await analyst.click('button.create-case');
    await analyst.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = analyst.url().split('/').at(-1)!;
    expect(await analyst.locator('.missing').textContent()).toContain('Pangkat/golongan ASN wajib diisi');

    await analyst.fill('input[name=rankGrade]', 'Penata Muda Tingkat I, III/b');
    await analyst.click('form[action*="/rank-grade"] button[type=submit]');
    await analyst.waitForURL(`${base}/cases/${caseId}?saved=1`);
    await analyst.fill(
      'textarea[name=chronology]',
      'Pada patroli siber ditemukan unggahan ASN berisi ajakan memilih pasangan calon nomor 2.',
    );
    await analyst.fill('textarea[name=facts]', 'Akun terdaftar milik ASN di daftar pantau.');
    await analyst.fill('textarea[name=analysis]', 'Unggahan memenuhi unsur kampanye media sosial oleh ASN.');
    await analyst.check('input[name=articles][value="pp94-2021-p5n"]');
    await analyst.selectOption('select[name=skbBehaviour]', 'kampanye_medsos');
    await analyst.selectOption('select[name=violationType]', 'peraturan_lainnya');
    await analyst.selectOption('form.case-edit select[name=track]', 'disiplin_berat');
    await analyst.click('form.case-edit button[type=submit]');
    await analyst.waitForURL(`${base}/cases/${caseId}?saved=1`);
    await analyst.click(`form[action$="/verify"] button[type=submit]`);
    await analyst.waitForURL(`${base}/cases/${caseId}?saved=1`);
    expect(await analyst.locator('.missing').count()).toBe(0);
    await analyst.click(`form[action="/cases/${caseId}/submit"] button[type=submit]`);
    await analyst.waitForURL(`${base}/cases/${caseId}?saved=1`);
    expect((await analyst.locator('.case-status').textContent())?.trim()).toBe('Menunggu telaah kedua');

    const supervisor = await signIn('supervisor');
    await supervisor.goto(`${base}/cases/${caseId}`);
    await supervisor.selectOption('form.judgement select[name=verdict]', 'pelanggaran');
    await supervisor.selectOption('form.judgement select[name=skbBehaviour]', 'kampanye_medsos');
    await supervisor.click('form.judgement button[type=submit]');
    await supervisor.waitForURL(`${base}/cases/${caseId}?saved=1`);
    expect((await supervisor.locator('.case-status').textContent())?.trim()).toBe('Siap diteruskan');
    const deadline = (
      (await supervisor.locator('.clock tbody tr').first().locator('td').nth(1).textContent()) ?? ''
    ).trim();
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2} 23:59 WIB$/);

    const response = await supervisor.context().request.get(`${base}/cases/${caseId}/dossier.pdf`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const dir = await mkdtemp(join(tmpdir(), 'netra-pdf-'));
    const pdfPath = join(dir, 'dossier.pdf');
    await writeFile(pdfPath, await response.body());
    const { stdout: info } = await run('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);
    await rm(dir, { recursive: true, force: true });
    const flat = text.replace(/\s+/g, ' ');

    expect(flat).toContain('FORMULIR MODEL A');
    expect(flat).toContain('Siti Aminah');
    expect(flat).toContain(NIP);
    expect(flat).toContain('PP 94/2021 tentang Disiplin PNS Pasal 5 huruf n');
    expect(flat).toContain(deadline);
    expect(flat).toContain(POST_TEXT);
    expect(flat).toContain('Penata Muda Tingkat I, III/b');
    const artefacts = await server.database.db
      .selectFrom('evidence_artefacts')
      .select(['sha256', 'path'])
      .where('post_id', '=', post.postId)
      .execute();
    expect(artefacts).toHaveLength(2);
    for (const a of artefacts) {
      const stored = await readFile(join(evidenceDir, a.path));
      expect(createHash('sha256').update(stored).digest('hex')).toBe(a.sha256);
      expect(text).toContain(a.sha256);
    }
    const manifest = flat.match(/SHA-256 manifes: ([a-f0-9]{64})/);
    expect(manifest).not.toBeNull();

    const reads = await server.database.db
      .selectFrom('access_log')
      .select(['action', 'entity_type'])
      .where('entity_id', '=', caseId)
      .execute();
    expect(reads).toContainEqual({ action: 'download', entity_type: 'dossier' });
  });
});
