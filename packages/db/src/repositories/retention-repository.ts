import type { Executor } from '../connection/executor.ts';

/**
 * Deletes posts captured before `cutoff` that were never flagged: no review item (so in no case) and no
 * flagged classification. Their classifications and artefact rows go with them (ON DELETE CASCADE); the
 * artefact file paths are returned so the caller removes the files. Anything in a review item or a case is
 * untouched. Runs in batches so a large purge never holds one long lock.
 */
export async function purgeUnflaggedPosts(
  db: Executor,
  cutoff: Date,
  batchSize = 1000,
): Promise<{ posts: number; artefactPaths: string[] }> {
  let posts = 0;
  const artefactPaths: string[] = [];
  for (;;) {
    const batch = await db
      .selectFrom('posts as p')
      .select('p.id')
      .where('p.fetched_at', '<', cutoff)
      .where((eb) =>
        eb.and([
          eb.not(eb.exists(eb.selectFrom('review_items as ri').select('ri.id').whereRef('ri.post_id', '=', 'p.id'))),
          eb.not(
            eb.exists(
              eb
                .selectFrom('classifications as c')
                .select('c.id')
                .whereRef('c.post_id', '=', 'p.id')
                .where('c.flagged', '=', true),
            ),
          ),
        ]),
      )
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    const ids = batch.map((b) => b.id);
    const paths = await db.selectFrom('evidence_artefacts').select('path').where('post_id', 'in', ids).execute();
    artefactPaths.push(...paths.map((p) => p.path));
    const deleted = await db.deleteFrom('posts').where('id', 'in', ids).executeTakeFirst();
    posts += Number(deleted.numDeletedRows);
    if (batch.length < batchSize) break;
  }
  return { posts, artefactPaths };
}
