import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { CaseStatusValue, CasesTable } from '../schema/case-tables.ts';
import { timingRegionCode } from './review-repository.ts';

/** The next sequence number of an office in a year; the row lock makes concurrent cases get distinct numbers. */
export async function nextCaseSequence(db: Executor, officeCode: string, year: number): Promise<number> {
  const row = await db
    .insertInto('case_number_counters')
    .values({ office_code: officeCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['office_code', 'year']).doUpdateSet({ last: sql`case_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

/** What case creation needs to know about candidate items: status, person, contest, dates, existing case. */
export async function itemsForCase(db: Executor, reviewItemIds: readonly string[]) {
  if (reviewItemIds.length === 0) return [];
  return db
    .selectFrom('review_items as ri')
    .innerJoin('posts as p', 'p.id', 'ri.post_id')
    .innerJoin('classifications as c', 'c.id', 'ri.classification_id')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('case_items as ci', 'ci.review_item_id', 'ri.id')
    .select([
      'ri.id',
      'ri.status',
      'ri.created_at',
      'p.posted_at',
      'p.fetched_at',
      'a.person_id',
      'ci.case_id as existing_case_id',
      (eb) =>
        eb
          .selectFrom('review_decisions as d')
          .select('d.candidate')
          .whereRef('d.review_item_id', '=', 'ri.id')
          .orderBy('d.created_at', 'desc')
          .limit(1)
          .as('decided_candidate'),
      'c.candidate as model_candidate',
    ])
    .where('ri.id', 'in', reviewItemIds)
    .execute();
}

/**
 * The items as `itemsForCase` reads them, after locking their rows (in id order, so two requests never wait on
 * each other crosswise) until the transaction ends: a case opened or extended at the same moment with the same
 * items then sees them in its case, instead of both passing the check and one failing on `case_items`' key.
 * The read is a statement of its own, so it sees what the transaction that held the lock committed.
 */
export async function lockItemsForCase(tx: Executor, reviewItemIds: readonly string[]) {
  if (reviewItemIds.length === 0) return [];
  await tx.selectFrom('review_items').select('id').where('id', 'in', reviewItemIds).orderBy('id').forUpdate().execute();
  return itemsForCase(tx, reviewItemIds);
}

export async function getContestWithMilestones(db: Executor, contestId: string) {
  return db.selectFrom('contests').selectAll().where('id', '=', contestId).executeTakeFirst();
}

export async function candidateStageHistory(db: Executor, contestId: string, number: number) {
  return db
    .selectFrom('candidate_stage_history as h')
    .innerJoin('candidates as c', 'c.id', 'h.candidate_id')
    .select(['h.stage', 'h.from_date'])
    .where('c.contest_id', '=', contestId)
    .where('c.number', '=', number)
    .orderBy('h.from_date')
    .execute();
}

export async function insertCandidateStage(
  db: Executor,
  row: {
    candidateId: string;
    stage: 'bakal_calon' | 'calon';
    fromDate: string;
    note: string | null;
    recordedBy: string;
  },
) {
  return db
    .insertInto('candidate_stage_history')
    .values({
      candidate_id: row.candidateId,
      stage: row.stage,
      from_date: row.fromDate,
      note: row.note,
      recorded_by: row.recordedBy,
    })
    .onConflict((oc) => oc.columns(['candidate_id', 'from_date']).doUpdateSet({ stage: row.stage, note: row.note }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type NewCase = {
  case_number: string;
  case_type: 'temuan' | 'laporan';
  person_id: string;
  contest_id: string;
  regime: 'pemilu' | 'pilkada';
  office_level: CasesTable['office_level'];
  office_region_code: string;
  office_name: string;
  found_at: Date;
  witnesses: { name: string; address: string }[];
  skb_behaviour: string | null;
  suggested_track: string | null;
  created_by: string;
};

export async function insertCase(db: Executor, row: NewCase) {
  return db
    .insertInto('cases')
    .values({ ...row, witnesses: JSON.stringify(row.witnesses) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertCaseItems(
  db: Executor,
  rows: {
    case_id: string;
    review_item_id: string;
    stage_at_act: string | null;
    target_status: 'bakal_calon' | 'calon' | null;
  }[],
) {
  if (rows.length > 0) await db.insertInto('case_items').values(rows).execute();
}

export async function insertCaseOfficer(db: Executor, caseId: string, userId: string) {
  await db
    .insertInto('case_officers')
    .values({ case_id: caseId, user_id: userId })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
}

export async function getCaseRow(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('cases').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The case's posts with what the case page, the readiness check and the dossier need. */
export async function listCaseItems(db: Executor, caseId: string) {
  return db
    .selectFrom('case_items as ci')
    .innerJoin('review_items as ri', 'ri.id', 'ci.review_item_id')
    .innerJoin('posts as p', 'p.id', 'ri.post_id')
    .innerJoin('classifications as c', 'c.id', 'ri.classification_id')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .select([
      'ci.review_item_id',
      'ci.stage_at_act',
      'ci.target_status',
      'ci.evidence_verified',
      'ci.verified_at',
      'ri.status as review_status',
      'ri.created_at as flagged_at',
      'p.id as post_id',
      'p.platform',
      'p.url',
      'p.text',
      'p.posted_at',
      'p.fetched_at',
      'p.last_seen_at',
      'p.content_hash',
      'p.raw',
      'c.category',
      'c.candidate',
      'c.model_version',
      'c.contest_timing',
      timingRegionCode,
      'a.last_crawled_at',
    ])
    .where('ci.case_id', '=', caseId)
    .orderBy('p.posted_at')
    .execute();
}

export async function listArtefactsOfPosts(db: Executor, postIds: readonly string[]) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('evidence_artefacts')
    .selectAll()
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('kind')
    .execute();
}

export async function setEvidenceVerified(db: Executor, caseId: string, reviewItemId: string, userId: string) {
  return db
    .updateTable('case_items')
    .set({ evidence_verified: true, verified_by: userId, verified_at: sql`now()` })
    .where('case_id', '=', caseId)
    .where('review_item_id', '=', reviewItemId)
    .executeTakeFirst();
}

export async function listCaseOfficers(db: Executor, caseId: string) {
  return db
    .selectFrom('case_officers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.position', 'u.assignment_letter_no', 'u.office_name'])
    .where('o.case_id', '=', caseId)
    .orderBy('o.added_at')
    .execute();
}

export type CasePatch = Partial<{
  found_at: Date;
  registered_at: Date | null;
  info_requested_at: Date | null;
  extended: boolean;
  witnesses: string;
  chronology: string | null;
  facts: string | null;
  analysis: string | null;
  articles: string;
  skb_behaviour: string | null;
  violation_type: string | null;
  track: string | null;
  suggested_track: string | null;
  status: CaseStatusValue;
  second_review_mode: 'supervisor' | 'blind' | null;
}>;

export async function updateCase(db: Executor, id: string, patch: CasePatch) {
  return db
    .updateTable('cases')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function appendCaseReview(
  db: Executor,
  row: {
    case_id: string;
    reviewer_id: string;
    kind: 'first' | 'second' | 'adjudication';
    mode: 'supervisor' | 'blind' | null;
    verdict: 'pelanggaran' | 'bukan_pelanggaran';
    skb_behaviour: string | null;
    note: string | null;
  },
) {
  return db.insertInto('case_reviews').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listCaseReviews(db: Executor, caseId: string) {
  return db
    .selectFrom('case_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .selectAll('r')
    .select(['u.username', 'u.display_name'])
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

/**
 * The first analyst of case `k` as `first_reviewer_id`, so a list can hide the first judgement from a blind
 * second analyst (for queries that name the cases table `k`).
 */
export const firstReviewerOf = sql<
  string | null
>`(SELECT fr.reviewer_id FROM case_reviews fr WHERE fr.case_id = k.id AND fr.kind = 'first' ORDER BY fr.created_at LIMIT 1)`.as(
  'first_reviewer_id',
);

export interface CaseListFilter {
  status?: CaseStatusValue | undefined;
  personId?: string | undefined;
  limit?: number | undefined;
}

export async function listCases(db: Executor, filter: CaseListFilter = {}) {
  let q = db
    .selectFrom('cases as k')
    .innerJoin('people as pe', 'pe.id', 'k.person_id')
    .select([
      'k.id',
      'k.case_number',
      'k.case_type',
      'k.status',
      'k.regime',
      'k.office_name',
      'k.office_region_code',
      'k.found_at',
      'k.registered_at',
      'k.info_requested_at',
      'k.extended',
      'k.contest_id',
      'k.track',
      'k.second_review_mode',
      'k.created_at',
      'pe.id as person_id',
      'pe.name as person_name',
      firstReviewerOf,
      (eb) =>
        eb
          .selectFrom('case_outcomes as o')
          .select('o.outcome')
          .whereRef('o.case_id', '=', 'k.id')
          .orderBy('o.recorded_at', 'desc')
          .limit(1)
          .as('latest_outcome'),
    ])
    .orderBy('k.found_at')
    .limit(filter.limit ?? 500);
  if (filter.status) q = q.where('k.status', '=', filter.status);
  if (filter.personId) q = q.where('k.person_id', '=', filter.personId);
  return q.execute();
}

export async function caseIdOfReviewItem(db: Executor, reviewItemId: string) {
  const row = await db
    .selectFrom('case_items as ci')
    .innerJoin('cases as k', 'k.id', 'ci.case_id')
    .select(['k.id', 'k.case_number'])
    .where('ci.review_item_id', '=', reviewItemId)
    .executeTakeFirst();
  return row;
}

/** Cases with a first and a second review, for agreement (kappa) per analyst pair and per category. */
export async function listDoubleReviews(db: Executor) {
  return db
    .selectFrom('case_reviews as f')
    .innerJoin('case_reviews as s', (j) => j.onRef('s.case_id', '=', 'f.case_id').on('s.kind', '=', 'second'))
    .innerJoin('users as fu', 'fu.id', 'f.reviewer_id')
    .innerJoin('users as su', 'su.id', 's.reviewer_id')
    .select([
      'f.case_id',
      'fu.username as first_analyst',
      'su.username as second_analyst',
      'f.verdict as first_verdict',
      'f.skb_behaviour as first_behaviour',
      's.verdict as second_verdict',
      's.skb_behaviour as second_behaviour',
      's.mode',
    ])
    .where('f.kind', '=', 'first')
    .execute();
}

export async function updateOfficerProfile(
  db: Executor,
  userId: string,
  profile: { position: string | null; assignment_letter_no: string | null; office_name: string | null },
) {
  return db
    .updateTable('users')
    .set({ ...profile, updated_at: sql`now()` })
    .where('id', '=', userId)
    .returning(['id', 'username', 'position', 'assignment_letter_no', 'office_name'])
    .executeTakeFirst();
}

export async function getOfficerProfile(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'position', 'assignment_letter_no', 'office_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setPersonRankGrade(db: Executor, personId: string, rankGrade: string) {
  return db
    .updateTable('people')
    .set({ rank_grade: rankGrade, updated_at: sql`now()` })
    .where('id', '=', personId)
    .returning(['id', 'rank_grade'])
    .executeTakeFirst();
}

export async function getPersonRow(db: Executor, personId: string) {
  return db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
}

/** The category of a review item: the latest decision's, and the model's (the case's SKB behaviour comes from it). */
export async function findItemCategories(db: Executor, reviewItemId: string) {
  return db
    .selectFrom('review_items as ri')
    .innerJoin('classifications as c', 'c.id', 'ri.classification_id')
    .select([
      'c.category as model_category',
      (eb) =>
        eb
          .selectFrom('review_decisions as d')
          .select('d.category')
          .whereRef('d.review_item_id', '=', 'ri.id')
          .orderBy('d.created_at', 'desc')
          .limit(1)
          .as('decided_category'),
    ])
    .where('ri.id', '=', reviewItemId)
    .executeTakeFirst();
}

/** The category of a review item's latest decision. */
export async function findLatestDecisionCategory(db: Executor, reviewItemId: string) {
  return db
    .selectFrom('review_decisions')
    .select('category')
    .where('review_item_id', '=', reviewItemId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A review item's status (the case hook shows "Buat kasus" for confirmed items only). */
export async function findReviewItemStatus(db: Executor, reviewItemId: string) {
  return db.selectFrom('review_items').select('status').where('id', '=', reviewItemId).executeTakeFirst();
}

/** The case (and its clock inputs) of each listed review item that is in one: the queue's time-left column. */
export async function listCasesOfReviewItems(db: Executor, reviewItemIds: readonly string[]) {
  if (reviewItemIds.length === 0) return [];
  return db
    .selectFrom('case_items as ci')
    .innerJoin('cases as k', 'k.id', 'ci.case_id')
    .select([
      'ci.review_item_id',
      'k.id',
      'k.case_number',
      'k.status',
      'k.regime',
      'k.case_type',
      'k.found_at',
      'k.registered_at',
      'k.info_requested_at',
      'k.extended',
      'k.office_region_code',
    ])
    .where('ci.review_item_id', 'in', [...reviewItemIds])
    .execute();
}

/**
 * The cases about a person or in a contest (their count and the first few case numbers). A case is a legal
 * record: what it refers to cannot be deleted while it exists (the foreign keys refuse it).
 */
export async function casesReferencing(
  db: Executor,
  ref: { personId: string } | { contestId: string },
): Promise<{ count: number; caseNumbers: string[] }> {
  const column = 'personId' in ref ? 'person_id' : 'contest_id';
  const value = 'personId' in ref ? ref.personId : ref.contestId;
  const rows = await db
    .selectFrom('cases')
    .select(['case_number', (eb) => eb.fn.countAll<string>().over().as('total')])
    .where(column, '=', value)
    .orderBy('case_number')
    .limit(5)
    .execute();
  return { count: Number(rows[0]?.total ?? 0), caseNumbers: rows.map((r) => r.case_number) };
}
