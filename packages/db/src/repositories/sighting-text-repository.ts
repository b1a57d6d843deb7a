import { type CollectedPost, storableText } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { contentHash, upsertPostRows } from './post-repository.ts';
import { recordPostText } from './post-version-writes.ts';

/** What a crawl's sighting of a post's text became (`recordSightingsAndTexts`). */
export interface SightingText {
  /**
   * The `classifications.text_key` its text is: '' for the post's stored text (every unedited post, and every
   * post first seen now), else the hash of its latest version — the new one, or the one already recorded when
   * the same text is seen again — so the classify job names the text it carries.
   */
  textKey: string;
  /**
   * The post's text is now empty where it had words (the author deleted them; the post shows only its media):
   * kept as a version, with this sighting's evidence, but there is nothing of the author's to score — the post's
   * review item stays on the words it was flagged for, and the item page says the text was removed.
   */
  emptied: boolean;
}

const EMPTY_HASH = contentHash('');

/**
 * A crawl's sightings, recorded in one round trip for the whole batch: each post stored (first sighting) or its
 * `last_seen_at` moved and new evidence added (`upsertPostRows`; a later sighting never depends on the classify
 * queue accepting a job id it has already seen), and in the same statement each post's stored and newest-version
 * hashes. A post seen with another text (an edit on the platform) then gets that text as its next version
 * (`recordPostText`, the rules of a later tip's text): only such a post is locked and versioned, so a crawl of
 * unedited posts pays one statement.
 *
 * An empty text is an edit only from a sighting whose text is complete (`textComplete`: read from the
 * platform's API, where a post without text has none): a page read can miss a caption its markup moved, and
 * that must not turn every post of the account into a removal. Returns how many posts were new, and one
 * `SightingText` per input, in order.
 */
export async function recordSightingsAndTexts(
  db: Executor,
  posts: readonly CollectedPost[],
  options: { textComplete: boolean },
): Promise<{ newPosts: number; texts: SightingText[] }> {
  if (posts.length === 0) return { newPosts: 0, texts: [] };
  const write = (tx: Executor) => upsertPostRows(tx, posts, true);
  const rows = db.isTransaction ? await write(db) : await db.transaction().execute(write);
  const texts: SightingText[] = [];
  for (const [n, post] of posts.entries()) {
    const row = rows[n]!;
    const text = storableText(post.text.trim());
    const latest = row.latestHash ?? row.contentHash;
    // The stored text was hashed untrimmed (`upsertPosts`): either form equal to the latest is no edit.
    if (contentHash(text) === latest || contentHash(storableText(post.text)) === latest) {
      texts.push({ textKey: row.latestHash ?? '', emptied: row.latestHash === EMPTY_HASH && !text });
      continue;
    }
    if (!text && !options.textComplete) {
      texts.push({ textKey: '', emptied: false });
      continue;
    }
    const record = (tx: Executor) =>
      recordPostText(tx, { postId: row.id, text: post.text, seenAt: post.fetchedAt, evidence: post.evidence });
    const recorded = db.isTransaction ? await record(db) : await db.transaction().execute(record);
    texts.push({ textKey: recorded.textKey, emptied: !recorded.text });
  }
  return { newPosts: rows.filter((r) => r.inserted).length, texts };
}

/**
 * What a classify job of a stored post's newer text needs besides that text (post-recheck.ts): the post as
 * collected, its author's region (the watched account's person, else the tip's person) and image readings, and
 * the interaction it records, if any (a reply or repost toward a candidate: the job carries it, so the edit is
 * reviewed by the same rules as the crawl's sighting was).
 */
export async function findPostForTextJob(db: Executor, postId: string) {
  return db
    .selectFrom('posts as p')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('people as pa', 'pa.id', 'a.person_id')
    .leftJoin('tips as t', 't.post_id', 'p.id')
    .leftJoin('people as pt', 'pt.id', 't.person_id')
    .leftJoin('post_interactions as pi', 'pi.post_id', 'p.id')
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
      'pi.kind as interaction_kind',
      'pi.interacted_at',
      'pi.target_type',
      'pi.target_external_id',
      'pi.target_url',
      'pi.target_author',
      'pi.target_text',
      'pi.target_candidate',
    ])
    .where('p.id', '=', postId)
    .executeTakeFirstOrThrow();
}
