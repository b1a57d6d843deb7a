import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtefactStore, htmlToText } from '@netra/collectors';
import { ValidationError } from '@netra/core';
import { insertUser, readStoredRegistry } from '@netra/db';
import { createTestDatabase, insertWatchedAccount, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryClassifier } from '../registry-classifier.ts';
import { savedPageText } from './saved-page-text.ts';
import { submitTip } from './submit-tip.ts';

/** A page of `count` empty elements after one sentence: ~0.8 s per MiB to read. */
const heavyPage = (sentence: string, count: number) =>
  Buffer.from(`<html><body><p>${sentence}</p>${'<div class="b"><i></i></div>'.repeat(count)}</body></html>`);

/** A saved page's text is read in a bounded worker thread (real PostgreSQL and artefact store). */
describe('tips: a saved page read off the event loop', () => {
  let database: TestDatabase;
  let dir: string;
  let analystId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-tip-page-'));
    analystId = (
      await insertUser(database.db, { username: 'analis', displayName: 'Analis', passwordHash: 'x', role: 'analyst' })
    ).id;
    await insertWatchedAccount(database.db, { platform: 'x', handle: 'lurah_rajin', regionCode: '18.11' });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const files = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => f.name);
  const tip = (savedPage: Uint8Array, limits?: { timeoutMs: number; maxMemoryMb: number }) =>
    submitTip(
      {
        db: database.db,
        store: new ArtefactStore(dir),
        classifier: registryClassifier(),
        registry: () => readStoredRegistry(database.db),
        savedPageLimits: limits,
      },
      { url: 'https://x.com/lurah_rajin/status/77', savedPage },
      { userId: analystId, username: 'analis' },
    );

  it('gives a small page the same text as before, and a big head does not cost the body its text', async () => {
    const small = '<html><head><title>Judul</title></head><body><p>Satu&nbsp;baris<br>dua</p><p>tiga</p></body></html>';
    expect(await savedPageText(Buffer.from(small))).toBe(htmlToText(small).slice(0, 20_000));
    const head = `<head>${'<meta name="a" content="isi kepala">'.repeat(50_000)}</head>`;
    expect(
      await savedPageText(Buffer.from(`<html>${head}<body><p>Badan halaman tetap terbaca.</p></body></html>`)),
    ).toBe('Badan halaman tetap terbaca.');
  });

  it('refuses a page past its time or memory limit as TIP_PAGE_TOO_COMPLEX on savedPage, storing nothing', async () => {
    const page = heavyPage('Kalimat yang tidak sempat terbaca.', 100_000);
    for (const limits of [
      { timeoutMs: 200, maxMemoryMb: 512 },
      { timeoutMs: 20_000, maxMemoryMb: 16 },
    ]) {
      const error = await tip(page, limits).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      const refused = error as ValidationError;
      expect(refused.code).toBe('TIP_PAGE_TOO_COMPLEX');
      expect(refused.issues[0]!.field).toBe('savedPage');
      expect(refused.issues[0]!.message).toMatch(limits.timeoutMs === 200 ? /terlalu rumit .* detik/ : /MiB memori/);
    }
    expect(files()).toEqual([]);
    expect(await database.db.selectFrom('tips').select('id').execute()).toEqual([]);
    expect(await database.db.selectFrom('posts').select('id').execute()).toEqual([]);
    // Within the default limits the same page is read and stored.
    const taken = await tip(page);
    const stored = await database.db
      .selectFrom('posts')
      .select('text')
      .where('id', '=', taken.postId)
      .executeTakeFirstOrThrow();
    expect(stored.text).toBe('Kalimat yang tidak sempat terbaca.');
    expect(files().length).toBeGreaterThan(0);
  }, 60_000);
});
