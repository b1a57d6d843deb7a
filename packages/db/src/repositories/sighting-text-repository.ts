import { type CollectedPost, storableText } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { preparedStatement } from '../connection/prepared-statements.ts';
import { chunks } from './batch-chunks.ts';
import { contentHash } from './post-repository.ts';
import { recordPostText } from './post-version-writes.ts';

/**
 * A crawl's sightings of posts already stored (after `recordSightings`): a post seen again with another text (an
 * edit on the platform) gets that text as its next version (`recordPostText`, the rules of a later tip's text)
 * and the key its classification is stored under. Returns one `textKey` per input, in order: '' for a post whose
 * latest text is still its stored text (every unedited post, and every post first seen now), else the hash of
 * its latest version — the new one, or the one already recorded when the same edit is seen again — so the
 * classify job names the text it carries. One statement reads every post's stored and latest hashes; only a post
 * whose text differs from both is locked and versioned, so a crawl of unedited posts pays one query.
 * A sighting without text (an image post read without its caption) changes nothing: its key is ''.
 */
export async function recordSightingTexts(db: Executor, posts: readonly CollectedPost[]): Promise<string[]> {
  const keys = posts.map(() => '');
  const known = new Map<number, { id: string; stored: string; latest: string | null }>();
  for (const chunk of chunks(posts.map((post, n) => ({ post, n })))) {
    const rows = await sql<{
      n: number;
      id: string;
      content_hash: string;
      latest_hash: string | null;
    }>`${preparedStatement}
      SELECT i.n, p.id, p.content_hash, v.content_hash AS latest_hash
      FROM unnest(${chunk.map((c) => c.post.platform)}::text[], ${chunk.map((c) => c.post.externalId)}::text[],
        ${chunk.map((c) => c.n)}::integer[]) AS i(platform, external_id, n)
      JOIN posts p ON p.platform = i.platform AND p.external_id = i.external_id
      LEFT JOIN LATERAL (SELECT content_hash FROM post_versions WHERE post_id = p.id ORDER BY version DESC LIMIT 1) v
        ON true`.execute(db);
    for (const r of rows.rows) known.set(r.n, { id: r.id, stored: r.content_hash, latest: r.latest_hash });
  }
  for (const [n, post] of posts.entries()) {
    const row = known.get(n);
    const text = storableText(post.text.trim());
    if (!row || !text) continue;
    const latest = row.latest ?? row.stored;
    // The stored text was hashed untrimmed (`upsertPosts`): either form equal to the latest is no edit.
    if (contentHash(text) === latest || contentHash(storableText(post.text)) === latest) {
      keys[n] = row.latest ?? '';
      continue;
    }
    const record = (tx: Executor) =>
      recordPostText(tx, { postId: row.id, text: post.text, seenAt: post.fetchedAt, evidence: post.evidence });
    keys[n] = (db.isTransaction ? await record(db) : await db.transaction().execute(record)).textKey;
  }
  return keys;
}

/**
 * What a classify job of a stored post's newer text needs besides that text (post-recheck.ts): the post as
 * collected, its author's region (the watched account's person, else the tip's person) and image readings, and
 * whether it records an interaction (whose review rules a text-only job would not carry).
 */
export async function findPostForTextJob(db: Executor, postId: string) {
  return db
    .selectFrom('posts as p')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('people as pa', 'pa.id', 'a.person_id')
    .leftJoin('tips as t', 't.post_id', 'p.id')
    .leftJoin('people as pt', 'pt.id', 't.person_id')
    .select([
      'p.platform',
      'p.external_id',
      'p.url',
      'p.kind',
      'p.account_id',
      'p.author_handle',
      'p.posted_at',
      'p.context',
      'p.media_descriptions',
      'p.raw',
      'p.image_readings',
      sql<string | null>`coalesce(pa.region_code, pt.region_code)`.as('region_code'),
      sql<boolean>`t.id IS NOT NULL`.as('tip'),
      sql<boolean>`EXISTS (SELECT 1 FROM post_interactions pi WHERE pi.post_id = p.id)`.as('interaction'),
    ])
    .where('p.id', '=', postId)
    .executeTakeFirstOrThrow();
}
