import type { Executor } from '../connection/executor.ts';
import { firstReviewerOf } from './case-repository.ts';

export async function insertReferral(
  db: Executor,
  row: {
    case_id: string;
    letter_number: string;
    letter_date: string;
    recipient: string;
    channel: string;
    external_number: string | null;
    follow_up_on: string;
    created_by: string;
  },
) {
  return db.insertInto('referrals').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listReferrals(db: Executor, caseId: string) {
  return db.selectFrom('referrals').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

/** Referrals whose follow-up day has come and no outcome has been recorded: the reminder list. */
export async function listReferralsDue(db: Executor, today: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('cases as k', 'k.id', 'r.case_id')
    .select(['r.id', 'r.case_id', 'k.case_number', 'r.recipient', 'r.letter_number', 'r.follow_up_on'])
    .where('r.follow_up_on', '<=', today)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('case_outcomes as o').select('o.id').whereRef('o.case_id', '=', 'r.case_id'))),
    )
    .orderBy('r.follow_up_on')
    .execute();
}

export async function insertOutcome(
  db: Executor,
  row: {
    case_id: string;
    referral_id: string | null;
    outcome: string;
    sk_number: string | null;
    sk_date: string | null;
    note: string | null;
    recorded_by: string;
  },
) {
  return db.insertInto('case_outcomes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listOutcomes(db: Executor, caseId: string) {
  return db
    .selectFrom('case_outcomes as o')
    .innerJoin('users as u', 'u.id', 'o.recorded_by')
    .selectAll('o')
    .select('u.username')
    .where('o.case_id', '=', caseId)
    .orderBy('o.recorded_at')
    .execute();
}

/** A person's cases with their referrals and outcomes, for the person page. */
export async function listOutcomesOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('cases as k')
    .leftJoin('case_outcomes as o', 'o.case_id', 'k.id')
    .leftJoin('referrals as r', 'r.id', 'o.referral_id')
    .select([
      'k.id as case_id',
      'k.case_number',
      'k.status',
      'k.track',
      'k.second_review_mode',
      firstReviewerOf,
      'o.outcome',
      'o.sk_number',
      'o.sk_date',
      'o.recorded_at',
      'r.recipient',
      'r.letter_number',
    ])
    .where('k.person_id', '=', personId)
    .orderBy('k.created_at')
    .orderBy('o.recorded_at')
    .execute();
}

export async function insertCaseDocument(
  db: Executor,
  row: {
    case_id: string;
    referral_id: string | null;
    name: string;
    media_type: string;
    sha256: string;
    bytes: number;
    path: string;
    uploaded_by: string;
  },
) {
  return db.insertInto('case_documents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listCaseDocuments(db: Executor, caseId: string) {
  return db.selectFrom('case_documents').selectAll().where('case_id', '=', caseId).orderBy('uploaded_at').execute();
}

export async function countCasesByStatusAndOutcome(db: Executor) {
  const [byStatus, byOutcome] = await Promise.all([
    db
      .selectFrom('cases')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('case_outcomes')
      .select(['outcome', (eb) => eb.fn.count<number>('case_id').distinct().as('n')])
      .groupBy('outcome')
      .execute(),
  ]);
  return {
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])) as Record<string, number>,
    byOutcome: Object.fromEntries(byOutcome.map((r) => [r.outcome, Number(r.n)])) as Record<string, number>,
  };
}
