import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { insertWatchedAccount } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

// A 1×1 PNG: real magic bytes, so the type check reads it as an image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A PNG whose header declares `width` × `height` gray pixels, with one tiny deflated row (a few hundred bytes),
 * or with every row when `whole` (black: deflated to a few KB, and it decodes completely).
 */
function declaredPng(width: number, height: number, whole = false): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth; colour type 0 (gray), compression, filter and interlace 0
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(whole ? (1 + width) * height : 1 + Math.min(width, 1000)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Tips over the API and the form, with real PostgreSQL and a real artefact store. */
describe('tips', () => {
  let server: TestServer;
  let dir: string;
  let personNip: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netra-tips-'));
    server = await createTestServer({ evidenceDir: dir });
    await insertWatchedAccount(server.database.db, {
      platform: 'instagram',
      handle: 'budi.camat',
      regionCode: '73.71',
    });
    const other = await insertWatchedAccount(server.database.db, { platform: 'facebook', handle: 'someone.else' });
    personNip = (
      await server.database.db
        .selectFrom('people')
        .select('nip')
        .where('id', '=', other.personId)
        .executeTakeFirstOrThrow()
    ).nip;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const post = async (payload: Record<string, unknown>, role: 'analyst' | 'viewer' = 'analyst') => {
    const session = await server.signIn(role);
    return server.app.inject({ method: 'POST', url: '/api/tips', headers: session.headers, payload });
  };

  it('links a tip to the watched account its URL names and opens a review item whatever the score', async () => {
    const response = await post({
      url: 'https://www.instagram.com/budi.camat/p/Cxyz123/?igsh=abc',
      text: 'Selamat pagi semua',
      screenshot: PNG.toString('base64'),
      note: 'dilaporkan warga',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ created: true, platform: 'instagram', flagged: false, ocr: 'queued' });
    // The screenshot waits on the ocr queue like a collected post's images.
    const ocrJobs = await server.queues.ocr.getJobs(['waiting', 'prioritized', 'delayed']);
    const ocrJob = ocrJobs.find((j) => j.data.tip === true && j.data.url.includes('Cxyz123'));
    expect(ocrJob?.data.evidence.map((e) => e.kind)).toEqual(['image']);
    expect(body.accountId).toMatch(/^[0-9a-f-]{36}$/);
    const db = server.database.db;
    const item = await db
      .selectFrom('review_items')
      .selectAll()
      .where('id', '=', body.reviewItemId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('open');
    const artefacts = await db
      .selectFrom('evidence_artefacts')
      .selectAll()
      .where('post_id', '=', body.postId)
      .execute();
    expect(artefacts.map((a) => [a.kind, a.media_type]).sort()).toEqual([
      ['json', 'application/vnd.netra.evidence-manifest+json'],
      ['screenshot', 'image/png'],
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, artefacts.find((a) => a.kind === 'json')!.path), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'tip', pastedText: 'Selamat pagi semua', submittedBy: 'analyst' });
    expect(manifest.artefacts[0].sha256).toBe(artefacts.find((a) => a.kind === 'screenshot')!.sha256);
    const audit = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', body.tipId).execute();
    expect(audit.map((a) => a.action)).toEqual(['tip.submit']);
    // The review page shows it as a tip, with the screenshot.
    const session = await server.signIn('analyst');
    const page = await server.app.inject({
      method: 'GET',
      url: `/review/${body.reviewItemId}`,
      headers: session.headers,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('badge tip');
    expect(page.body).toContain('dilaporkan warga');
    expect(page.body).toContain(`/evidence/${artefacts.find((a) => a.kind === 'screenshot')!.sha256}`);
  });

  it('a second tip of the same URL adds its evidence to the same post, its new text as a scored version', async () => {
    const response = await post({
      url: 'https://www.instagram.com/budi.camat/p/Cxyz123/',
      text: 'teks lain',
      note: 'catatan kedua',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ created: false, textVersion: 2, rescore: 'moved' });
    // The first tip's note stays: said in the answer (and the audit entry), not dropped without a word.
    expect(body.ignored.map((i: { field: string }) => i.field)).toEqual(['note']);
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', body.tipId)
      .where('action', '=', 'tip.add_evidence')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ textVersion: 2, rescore: 'moved', ignored: ['note'] });
    const session = await server.signIn('analyst');
    const page = await server.app.inject({
      method: 'GET',
      url: `/review/${body.reviewItemId}`,
      headers: session.headers,
    });
    // Both texts are listed, each with its score.
    expect(page.body).toContain('Selamat pagi semua');
    expect(page.body).toContain('teks lain');
    expect(page.body.match(/class="version-score"/g)).toHaveLength(2);
  });

  it('needs a person when the URL matches no watched account, and takes one by NIP', async () => {
    const url = 'https://www.facebook.com/permalink.php?story_fbid=1&id=100';
    const missing = await post({ url, text: 'Ayo coblos nomor 2' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('TIP_PERSON_REQUIRED');
    expect(missing.json().error.message).toContain('person');
    const ok = await post({ url, text: 'Ayo coblos nomor 2', person: personNip });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ platform: 'facebook', accountId: null });
    const tip = await server.database.db
      .selectFrom('tips')
      .selectAll()
      .where('id', '=', ok.json().tipId)
      .executeTakeFirstOrThrow();
    expect(tip.person_id).toBe(ok.json().personId);
  });

  it('refuses a screenshot that is not an image, an empty capture and an unknown site, naming the field', async () => {
    const fake = await post({
      url: 'https://x.com/budi/status/1',
      screenshot: Buffer.from('<svg onload=alert(1)>').toString('base64'),
      person: personNip,
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error).toMatchObject({ code: 'TIP_IMAGE_TYPE' });
    expect(fake.json().error.message).toContain('screenshot');
    const empty = await post({ url: 'https://x.com/budi/status/1', person: personNip });
    expect(empty.json().error.code).toBe('TIP_CAPTURE_MISSING');
    const unknown = await post({ url: 'https://contoh.example/post/1', text: 'x', person: personNip });
    expect(unknown.json().error.code).toBe('TIP_URL_PLATFORM_UNKNOWN');
    const tooBig = await post({
      url: 'https://x.com/budi/status/2',
      person: personNip,
      screenshot: Buffer.concat([PNG, Buffer.alloc(8 * 1024 * 1024)]).toString('base64'),
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.code).toBe('TIP_UPLOAD_TOO_LARGE');
  });

  it('refuses a decompression bomb and a truncated screenshot by their header, naming the field and the limit', async () => {
    const bomb = declaredPng(100_000, 100_000);
    expect(bomb.length).toBeLessThan(2_000);
    const refused = await post({
      url: 'https://x.com/budi/status/3',
      person: personNip,
      screenshot: bomb.toString('base64'),
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.code).toBe('TIP_IMAGE_TOO_LARGE');
    expect(refused.json().error.details.issues[0].field).toBe('screenshot');
    expect(refused.json().error.message).toContain('100 juta piksel');
    const truncated = await post({
      url: 'https://x.com/budi/status/4',
      person: personNip,
      screenshot: declaredPng(800, 600).subarray(0, 20).toString('base64'),
    });
    expect(truncated.statusCode, truncated.body).toBe(400);
    expect(truncated.json().error.code).toBe('TIP_IMAGE_CORRUPT');
    // A long full-page capture well inside the limit is still taken.
    const tall = await post({
      url: 'https://x.com/budi/status/5',
      person: personNip,
      screenshot: declaredPng(1_000, 20_000, true).toString('base64'),
    });
    expect(tall.statusCode, tall.body).toBe(201);
  });

  it('refuses a screenshot cut after its readable header, over the API and the form, storing nothing', async () => {
    // Rows missing (cut inside the image data), and only the end chunk missing: both were stored before.
    const whole = declaredPng(800, 600, true);
    const cuts = [whole.subarray(0, whole.length - 40), whole.subarray(0, whole.length - 12)];
    const before = await server.database.db.selectFrom('evidence_artefacts').select('id').execute();
    for (const [i, cut] of cuts.entries()) {
      const refused = await post({
        url: `https://x.com/budi/status/7${i}`,
        person: personNip,
        screenshot: cut.toString('base64'),
      });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.code).toBe('TIP_IMAGE_CORRUPT');
      expect(refused.json().error.details.issues[0].field).toBe('screenshot');
      expect(refused.json().error.message).toContain('terpotong');
    }
    const session = await server.signIn('analyst');
    const form = await server.app.inject({
      method: 'POST',
      url: '/tips',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(session.csrfToken)}&url=https%3A%2F%2Fx.com%2Fbudi%2Fstatus%2F72&person=${personNip}&screenshot=${encodeURIComponent(cuts[0]!.toString('base64'))}`,
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('terpotong');
    const after = await server.database.db.selectFrom('evidence_artefacts').select('id').execute();
    expect(after.length).toBe(before.length);
    const jobs = await server.queues.ocr.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.filter((j) => /status\/7[0-2]$/.test(j.data.url))).toEqual([]);
    const whole201 = await post({
      url: 'https://x.com/budi/status/73',
      person: personNip,
      screenshot: whole.toString('base64'),
    });
    expect(whole201.statusCode, whole201.body).toBe(201);
  });

  /** Runs `request` and counts a viewer's requests answered until it settles, one after another. */
  const answeredDuring = async <T>(request: () => Promise<T>): Promise<{ result: T; answered: number }> => {
    const viewer = await server.signIn('viewer');
    let done = false;
    const run = request().finally(() => {
      done = true;
    });
    let answered = 0;
    while (!done) {
      const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: viewer.headers });
      if (me.statusCode === 200 && !done) answered++;
    }
    return { result: await run, answered };
  };

  it('reads a large saved page off the event loop: other users keep being answered, the body after a big head kept', async () => {
    // ~7.5 MiB of HTML (the upload limit is 8 MiB): a head of metadata, then the body's one sentence and empty
    // markup. Read on the event loop (~0.8 s per MiB) it froze every other request for several seconds.
    const sentence = 'Kalimat penanda di badan halaman setelah kepala yang sangat besar.';
    const page = Buffer.from(
      `<html><head>${'<meta name="penanda" content="isi kepala halaman">'.repeat(60_000)}</head><body><p>${sentence}</p>${'<div class="b"><i></i></div>'.repeat(170_000)}</body></html>`,
    ).toString('base64');
    expect(page.length).toBeGreaterThan(((7 * 1024 * 1024) / 3) * 4);
    // The same upload with the text pasted (the page is stored, not read): the requests answered meanwhile are
    // those the tip's own storage and queries let through — all that got through before the fix.
    const pasted = await answeredDuring(() =>
      post({ url: 'https://x.com/budi/status/60', person: personNip, text: 'Teks tempelan', savedPage: page }),
    );
    expect(pasted.result.statusCode, pasted.result.body).toBe(201);
    const read = await answeredDuring(() =>
      post({ url: 'https://x.com/budi/status/61', person: personNip, savedPage: page }),
    );
    expect(read.result.statusCode, read.result.body).toBe(201);
    // Before the fix: 42 pasted, 8 read; after: 54 pasted, 2,678 read.
    expect(read.answered).toBeGreaterThan(3 * pasted.answered + 50);
    const stored = await server.database.db
      .selectFrom('posts')
      .select('text')
      .where('id', '=', read.result.json().postId)
      .executeTakeFirstOrThrow();
    expect(stored.text).toBe(sentence);
  }, 90_000);

  it('is refused to viewers and without the CSRF token', async () => {
    expect((await post({ url: 'https://x.com/a/status/1', text: 'x' }, 'viewer')).statusCode).toBe(403);
    const session = await server.signIn('analyst');
    const noToken = await server.app.inject({
      method: 'POST',
      url: '/tips',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'url=https%3A%2F%2Fx.com%2Fa%2Fstatus%2F1&text=x',
    });
    expect(noToken.statusCode).toBe(403);
  });

  it('the form re-renders with the field error, and redirects to the review item on success', async () => {
    const session = await server.signIn('analyst');
    const form = (payload: string) =>
      server.app.inject({
        method: 'POST',
        url: '/tips',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(session.csrfToken)}&${payload}`,
      });
    const bad = await form('url=https%3A%2F%2Fx.com%2Fbudi%2Fstatus%2F9&text=');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('value="https://x.com/budi/status/9"');
    const good = await form(`url=https%3A%2F%2Fx.com%2Fbudi%2Fstatus%2F9&text=Dukung+paslon&person=${personNip}`);
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toMatch(/^\/review\/[0-9a-f-]{36}\?saved=1$/);
    // The same post again with another text, another person and a posting time: the page it opens says so.
    const again = await form(
      `url=https%3A%2F%2Fx.com%2Fbudi%2Fstatus%2F9&text=Dukung+paslon+nomor+dua&postedAt=2026-11-01T08%3A00%3A00%2B07%3A00&person=${personNip}`,
    );
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toMatch(/\?saved=1&tipVersion=2&tipIgnored=postedAt$/);
    const page = await server.app.inject({
      method: 'GET',
      url: again.headers.location as string,
      headers: { cookie: session.cookie },
    });
    expect(page.body).toContain('disimpan sebagai versi 2 dan dinilai');
    expect(page.body).toContain('Tidak diterapkan dari tip ini: waktu unggah (waktu dari tangkapan pertama tetap)');
  });
});
