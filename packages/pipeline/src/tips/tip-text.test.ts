import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtefactStore } from '@netra/collectors';
import {
  appendDecision,
  getReviewItem,
  insertUser,
  listClassificationsOfPost,
  readStoredRegistry,
  tipOcrInput,
  upsertCandidate,
  upsertContest,
} from '@netra/db';
import { createTestDatabase, insertWatchedAccount, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryClassifier } from '../registry-classifier.ts';
import { submitTip } from './submit-tip.ts';

const sha = (text: string) => createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');

const URL_OF_POST = 'https://x.com/kades_maju/status/501';
const FIRST = 'Rapat koordinasi pelayanan air bersih desa hari ini berjalan lancar.';
const SECOND = 'Ayo coblos nomor 2, pilih Surya Wibawa, sudah terbukti kerjanya untuk kita semua!';
const THIRD = 'Jangan lupa tanggal 9 Desember coblos nomor 2 Surya Wibawa ya, ajak keluarga.';

/**
 * A second tip about the same post with different text (real PostgreSQL): the new text is kept as a post version
 * and classified as its own row; an open item moves to it, a decided one keeps its decision and says the post was
 * scored again. Before the fix the second text's classification was skipped (same post, model and image text:
 * ON CONFLICT DO NOTHING) while the tip answered with that text's score.
 */
describe('tips: a later tip with another text is classified again', () => {
  let database: TestDatabase;
  let dir: string;
  let analystId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-tip-text-'));
    analystId = (
      await insertUser(database.db, { username: 'analis', displayName: 'Analis', passwordHash: 'x', role: 'analyst' })
    ).id;
    await insertWatchedAccount(database.db, { platform: 'x', handle: 'kades_maju', regionCode: '18.11' });
    await upsertContest(database.db, {
      id: 'pilbup-contoh-2026',
      kind: 'bupati',
      region_code: '18.11',
      region_name: 'Kabupaten Contoh',
      election_date: '2026-12-09',
      campaign_from: '2026-10-01',
      campaign_to: '2026-12-05',
      quiet_from: null,
      quiet_to: null,
    });
    for (const [number, name] of [
      [1, 'Bagus Hartono'],
      [2, 'Surya Wibawa'],
    ] as const) {
      await upsertCandidate(database.db, {
        contest_id: 'pilbup-contoh-2026',
        number,
        names: [name],
        aliases: [],
        jargon: [],
        hashtags: [],
        slogans: [],
        parties: [],
        official_accounts: [],
        stage: 'calon',
      });
    }
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const deps = () => ({
    db: database.db,
    store: new ArtefactStore(dir),
    classifier: registryClassifier(),
    registry: () => readStoredRegistry(database.db),
  });
  const tip = (text: string | undefined, extra: Record<string, unknown> = {}) =>
    submitTip(deps(), { url: URL_OF_POST, text, ...extra }, { userId: analystId, username: 'analis' });
  const versions = async (postId: string) =>
    database.db
      .selectFrom('post_versions')
      .select(['version', 'text', 'content_hash'])
      .where('post_id', '=', postId)
      .orderBy('version')
      .execute();

  it('keeps the new text as a version, classifies it, and moves the open item to its score', async () => {
    const first = await tip(FIRST);
    expect(first).toMatchObject({ created: true, textVersion: null });
    const second = await tip(SECOND);
    expect(second).toMatchObject({ created: false, postId: first.postId, textVersion: 2, rescore: 'moved' });
    expect(second.score).toBeGreaterThan(first.score);

    const rows = await listClassificationsOfPost(database.db, first.postId);
    expect(rows.map((r) => r.text_key)).toEqual(['', sha(SECOND)]);
    expect(rows[1]!.score).toBe(second.score);
    expect(rows[1]!.candidate).toBe('pilbup-contoh-2026#2');
    expect(await versions(first.postId)).toEqual([
      { version: 1, text: FIRST, content_hash: sha(FIRST) },
      { version: 2, text: SECOND, content_hash: sha(SECOND) },
    ]);
    const item = await getReviewItem(database.db, first.reviewItemId);
    // The posts row keeps the first capture; the item shows the new text's classification and score.
    expect(item?.text).toBe(FIRST);
    expect(item?.classification_id).toBe(rows[1]!.id);
    expect(item?.score).toBe(second.score);
    expect(item?.candidate).toBe('pilbup-contoh-2026#2');
  });

  it('stores nothing twice for the same text again, and reads the current text for a tip without text', async () => {
    const again = await tip(`  ${SECOND}  `);
    expect(again).toMatchObject({ textVersion: null });
    expect(again.rescore).toBeUndefined();
    const postId = again.postId;
    expect(await listClassificationsOfPost(database.db, postId)).toHaveLength(2);
    expect(await versions(postId)).toHaveLength(2);
    // A capture without text (a saved page that is not HTML here: MHTML) scores the post's current text.
    const mhtml = Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b--\r\n');
    const pageOnly = await tip(undefined, { savedPage: mhtml });
    expect(pageOnly.textVersion).toBeNull();
    expect(pageOnly.score).toBe(again.score);
    expect(await listClassificationsOfPost(database.db, postId)).toHaveLength(2);
    // The screenshot's OCR of this post reads the current text, under its key.
    expect(await tipOcrInput(database.db, postId)).toMatchObject({ text: SECOND, textKey: sha(SECOND) });
  });

  it('leaves a decided item on the classification it was decided on, and says the post was scored again', async () => {
    const before = await tip(SECOND);
    await appendDecision(database.db, {
      reviewItemId: before.reviewItemId,
      decidedBy: analystId,
      decision: 'confirmed',
      label: 'endorse',
      candidate: 'pilbup-contoh-2026#2',
      stance: 'pro',
      category: 'online_campaigning',
      note: null,
    });
    const decidedOn = (await getReviewItem(database.db, before.reviewItemId))!.classification_id;
    const third = await tip(THIRD);
    expect(third).toMatchObject({ textVersion: 3, rescore: 'kept_decided' });
    const item = await getReviewItem(database.db, before.reviewItemId);
    expect(item?.classification_id).toBe(decidedOn);
    expect(item?.newer_classification?.score).toBe(third.score);
    expect((await versions(before.postId)).map((v) => v.text)).toEqual([FIRST, SECOND, THIRD]);
  });

  it('classifies the first text again when a later tip brings it back', async () => {
    const back = await tip(FIRST);
    expect(back).toMatchObject({ textVersion: 4, rescore: 'kept_decided' });
    const rows = await listClassificationsOfPost(database.db, back.postId);
    // Its own row under the text's hash: the stored-text row ('') is the first tip's, from before.
    expect(rows.map((r) => r.text_key)).toEqual(['', sha(SECOND), sha(THIRD), sha(FIRST)]);
  });
});
