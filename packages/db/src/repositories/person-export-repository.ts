import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';

/**
 * Everything Netra holds about one person, for an access request (UU PDP 27/2022 Ps 7, 32): the registry
 * row, accounts, captured posts with classifications and artefact hashes, review decisions, cases with
 * reviews, referrals and outcomes, and the processing record (audit and read log entries about them).
 */
export async function exportPersonData(db: Executor, personId: string) {
  const person = await db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) return undefined;
  const accounts = await db.selectFrom('accounts').selectAll().where('person_id', '=', personId).execute();
  const accountIds = accounts.map((a) => a.id);
  const posts = accountIds.length
    ? await db.selectFrom('posts').selectAll().where('account_id', 'in', accountIds).orderBy('fetched_at').execute()
    : [];
  const postIds = posts.map((p) => p.id);
  const [classifications, artefacts, reviewItems] = postIds.length
    ? await Promise.all([
        db.selectFrom('classifications').selectAll().where('post_id', 'in', postIds).execute(),
        db.selectFrom('evidence_artefacts').selectAll().where('post_id', 'in', postIds).execute(),
        db.selectFrom('review_items').selectAll().where('post_id', 'in', postIds).execute(),
      ])
    : [[], [], []];
  const reviewItemIds = reviewItems.map((r) => r.id);
  const decisions = reviewItemIds.length
    ? await db.selectFrom('review_decisions').selectAll().where('review_item_id', 'in', reviewItemIds).execute()
    : [];
  const cases = await db.selectFrom('cases').selectAll().where('person_id', '=', personId).execute();
  const caseIds = cases.map((c) => c.id);
  const [caseItems, caseReviews, referrals, outcomes, documents] = caseIds.length
    ? await Promise.all([
        db.selectFrom('case_items').selectAll().where('case_id', 'in', caseIds).execute(),
        db.selectFrom('case_reviews').selectAll().where('case_id', 'in', caseIds).execute(),
        db.selectFrom('referrals').selectAll().where('case_id', 'in', caseIds).execute(),
        db.selectFrom('case_outcomes').selectAll().where('case_id', 'in', caseIds).execute(),
        db
          .selectFrom('case_documents')
          .select(['id', 'case_id', 'name', 'media_type', 'sha256', 'bytes', 'uploaded_at'])
          .where('case_id', 'in', caseIds)
          .execute(),
      ])
    : [[], [], [], [], []];
  const entityIds = [personId, ...reviewItemIds, ...caseIds];
  const [audit, reads] = await Promise.all([
    db.selectFrom('audit_log').selectAll().where('entity_id', 'in', entityIds).orderBy('id').execute(),
    // Reads of the person, their items and cases by id, and every list or search that showed them.
    db
      .selectFrom('access_log')
      .selectAll()
      .where((eb) =>
        eb.or([eb('entity_id', 'in', entityIds), eb('person_ids', '@>', sql<string[]>`ARRAY[${personId}]::uuid[]`)]),
      )
      .orderBy('id')
      .execute(),
  ]);
  return {
    person,
    accounts,
    posts,
    classifications,
    artefacts,
    reviewItems,
    decisions,
    cases,
    caseItems,
    caseReviews,
    referrals,
    outcomes,
    documents,
    processing: { audit, reads },
  };
}
