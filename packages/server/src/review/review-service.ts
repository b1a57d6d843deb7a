import { appendAudit, appendDecision, type Database, getReviewItem } from '@netra/db';
import type { Kysely } from 'kysely';
import { HttpError, notFound } from '../http/http-error.ts';
import type { SessionUser } from '../http/route.ts';
import type { DecisionInput } from './decision-input.ts';

async function assertCandidateExists(db: Kysely<Database>, ref: string): Promise<void> {
  const [contestId, number] = ref.split('#') as [string, string];
  const found = await db
    .selectFrom('candidates')
    .select('id')
    .where('contest_id', '=', contestId)
    .where('number', '=', Number(number))
    .executeTakeFirst();
  if (!found) {
    throw new HttpError(
      400,
      'REVIEW_CANDIDATE_UNKNOWN',
      `calon ${ref} tidak ada di registri / candidate not in the registry`,
      {
        issues: [{ field: 'body.candidate', message: `unknown candidate ${ref}` }],
      },
    );
  }
}

/**
 * Records an analyst's decision: appended (never overwriting an earlier one), the item's status moved, and
 * the audit entry written, all in one transaction.
 */
export async function decideReviewItem(
  db: Kysely<Database>,
  user: SessionUser,
  reviewItemId: string,
  input: DecisionInput,
  ip: string,
) {
  if (input.candidate) await assertCandidateExists(db, input.candidate);
  return db.transaction().execute(async (tx) => {
    const item = await tx
      .selectFrom('review_items')
      .selectAll()
      .where('id', '=', reviewItemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound('item telaah / review item');
    const decision = await appendDecision(tx, { reviewItemId, decidedBy: user.id, ...input });
    await appendAudit(tx, {
      actorId: user.id,
      actorUsername: user.username,
      action: 'review.decide',
      entityType: 'review_item',
      entityId: reviewItemId,
      before: { status: item.status },
      after: { status: input.decision, ...input },
      ip,
    });
    return decision;
  });
}

export async function loadReviewItem(db: Kysely<Database>, id: string) {
  const item = await getReviewItem(db, id);
  if (!item) throw notFound('item telaah / review item');
  return item;
}
