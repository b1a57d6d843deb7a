import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { saveInteractions } from './interaction-repository.ts';
import { upsertPost } from './post-repository.ts';
import { recordPostPresent } from './post-watch-repository.ts';

/**
 * Text quoted from a platform's answer can hold NUL or half a surrogate pair, which PostgreSQL refuses. Every
 * repository that stores such text keeps it as U+FFFD instead of failing its job on every retry (posts:
 * classify-and-store.test.ts; crawl errors: crawl-repository.test.ts).
 */
describe('outside text with NUL or unpaired surrogates', () => {
  let t: TestDatabase;
  let postId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const now = new Date().toISOString();
    ({ id: postId } = await upsertPost(t.db, {
      platform: 'x',
      externalId: 'teks-luar-1',
      accountId: null,
      authorHandle: 'pegawai',
      url: 'https://x.example/pegawai/1',
      kind: 'post',
      text: 'Teks a\u0000b',
      postedAt: now,
      fetchedAt: now,
      mediaDescriptions: [],
      raw: {},
      crawlRunId: null,
      evidence: [],
    }));
  });
  afterAll(async () => t?.drop());

  it('a re-check that brings the same NUL text again is not an edit, and a changed one is stored', async () => {
    const at = new Date().toISOString();
    const same = await recordPostPresent(t.db, {
      postId,
      text: 'Teks a\u0000b',
      seenAt: at,
      checkedAt: at,
      evidence: [],
    });
    expect(same.version).toBeNull();
    const edited = await recordPostPresent(t.db, {
      postId,
      text: 'Teks diubah \ud800\u0000',
      seenAt: at,
      checkedAt: at,
      evidence: [],
    });
    expect(edited.version).toBe(2);
    const versions = await t.db.selectFrom('post_versions').select(['version', 'text']).orderBy('version').execute();
    expect(versions.map((v) => v.text)).toEqual(['Teks a\ufffdb', 'Teks diubah \ufffd\ufffd']);
  });

  it("an interaction's quoted target text and author are stored", async () => {
    await saveInteractions(t.db, [
      {
        postId,
        interaction: {
          kind: 'like',
          at: null,
          target: {
            type: 'post',
            externalId: 'target-1',
            url: null,
            authorHandle: 'calon\u0000',
            text: 'Dukung \udc00 kami',
            candidate: null,
          },
        },
      },
    ]);
    const row = await t.db.selectFrom('post_interactions').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ target_author: 'calon\ufffd', target_text: 'Dukung \ufffd kami' });
  });
});
