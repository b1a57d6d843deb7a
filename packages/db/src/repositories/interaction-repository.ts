import { type Interaction, storableText } from '@netra/core';
import type { Executor } from '../connection/executor.ts';
import { chunks } from './batch-chunks.ts';

/** Stores what each interaction post was aimed at, once per post (a retried batch writes nothing twice). */
export async function saveInteractions(
  db: Executor,
  rows: readonly { postId: string; interaction: Interaction }[],
): Promise<void> {
  const unique = new Map(rows.map((r) => [r.postId, r]));
  for (const chunk of chunks([...unique.values()])) {
    await db
      .insertInto('post_interactions')
      .values(
        chunk.map(({ postId, interaction: i }) => ({
          post_id: postId,
          kind: i.kind,
          target_type: i.target.type,
          target_external_id: i.target.externalId,
          target_url: i.target.url,
          // Quoted from the platform's answer: NUL or half a surrogate pair would fail the whole batch.
          target_author: i.target.authorHandle == null ? i.target.authorHandle : storableText(i.target.authorHandle),
          target_text: i.target.text == null ? i.target.text : storableText(i.target.text),
          target_candidate: i.target.candidate,
          interacted_at: i.at,
        })),
      )
      .onConflict((oc) => oc.column('post_id').doNothing())
      .execute();
  }
}

export async function findInteractionOfPost(db: Executor, postId: string) {
  return db.selectFrom('post_interactions').selectAll().where('post_id', '=', postId).executeTakeFirst();
}
