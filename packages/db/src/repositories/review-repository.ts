import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { ReviewDecisionKind, ReviewStatus } from '../schema/review-tables.ts';

export interface ReviewQueueFilter {
  status?: ReviewStatus | undefined;
  platform?: string | undefined;
  /** A contest id: items whose suggested candidate is in that contest. */
  contestId?: string | undefined;
  regionCode?: string | undefined;
  minScore?: number | undefined;
  /** Free text over post text, author handle and person name. */
  search?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

function queueQuery(db: Executor) {
  return db
    .selectFrom('review_items as ri')
    .innerJoin('posts as p', 'p.id', 'ri.post_id')
    .innerJoin('classifications as c', 'c.id', 'ri.classification_id')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('people as pe', 'pe.id', 'a.person_id');
}

/** The analysts' queue: most likely violations first, then newest. */
export async function listReviewItems(db: Executor, filter: ReviewQueueFilter = {}) {
  let q = queueQuery(db).select([
    'ri.id',
    'ri.status',
    'ri.score',
    'ri.created_at',
    'ri.updated_at',
    'p.id as post_id',
    'p.platform',
    'p.kind',
    'p.text',
    'p.url',
    'p.author_handle',
    'p.posted_at',
    'c.candidate',
    'c.stance',
    'c.category',
    'c.model_version',
    'pe.id as person_id',
    'pe.name as person_name',
    'pe.agency',
    'pe.region_code',
  ]);
  if (filter.status) q = q.where('ri.status', '=', filter.status);
  if (filter.platform) q = q.where('p.platform', '=', filter.platform);
  if (filter.contestId) q = q.where('c.candidate', 'like', `${escapeLike(filter.contestId)}#%`);
  if (filter.regionCode) {
    const code = filter.regionCode;
    q = q.where((eb) =>
      eb.or([eb('pe.region_code', '=', code), eb('pe.region_code', 'like', `${escapeLike(code)}.%`)]),
    );
  }
  if (filter.minScore !== undefined) q = q.where('ri.score', '>=', filter.minScore);
  if (filter.search) {
    const term = `%${escapeLike(filter.search)}%`;
    q = q.where((eb) =>
      eb.or([eb('p.text', 'ilike', term), eb('p.author_handle', 'ilike', term), eb('pe.name', 'ilike', term)]),
    );
  }
  return q
    .orderBy('ri.score', 'desc')
    .orderBy('ri.created_at', 'desc')
    .orderBy('ri.id')
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
}

export async function countReviewItemsByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('review_items')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** One item with everything an analyst needs to decide: post, author, classification, evidence, history. */
export async function getReviewItem(db: Executor, id: string) {
  const item = await queueQuery(db)
    .select([
      'ri.id',
      'ri.status',
      'ri.score',
      'ri.created_at',
      'ri.updated_at',
      'p.id as post_id',
      'p.platform',
      'p.external_id',
      'p.kind',
      'p.text',
      'p.url',
      'p.author_handle',
      'p.posted_at',
      'p.fetched_at',
      'p.content_hash',
      'p.context',
      'p.media_descriptions',
      'p.image_readings',
      'c.id as classification_id',
      'c.score as model_score',
      'c.candidate',
      'c.stance',
      'c.category',
      'c.evidence',
      'c.language',
      'c.model_version',
      'a.handle as account_handle',
      'a.profile_url',
      'pe.id as person_id',
      'pe.name as person_name',
      'pe.nip',
      'pe.agency',
      'pe.unit',
      'pe.position',
      'pe.region_code',
      'pe.ppk',
    ])
    .where('ri.id', '=', id)
    .executeTakeFirst();
  if (!item) return undefined;
  const [evidence, decisions] = await Promise.all([
    db.selectFrom('evidence_artefacts').selectAll().where('post_id', '=', item.post_id).orderBy('kind').execute(),
    listDecisions(db, id),
  ]);
  return { ...item, artefacts: evidence, decisions };
}

export async function listDecisions(db: Executor, reviewItemId: string) {
  return db
    .selectFrom('review_decisions as d')
    .innerJoin('users as u', 'u.id', 'd.decided_by')
    .selectAll('d')
    .select(['u.username', 'u.display_name'])
    .where('d.review_item_id', '=', reviewItemId)
    .orderBy('d.created_at')
    .execute();
}

export interface DecisionInput {
  reviewItemId: string;
  decidedBy: string;
  decision: ReviewDecisionKind;
  label: 'endorse' | 'neutral';
  candidate: string | null;
  stance: 'pro' | 'contra' | null;
  category: string | null;
  note: string | null;
}

/** Appends a decision and moves the item to the decided status. Run inside a transaction with the audit entry. */
export async function appendDecision(db: Executor, input: DecisionInput) {
  const decision = await db
    .insertInto('review_decisions')
    .values({
      review_item_id: input.reviewItemId,
      decided_by: input.decidedBy,
      decision: input.decision,
      label: input.label,
      candidate: input.candidate,
      stance: input.stance,
      category: input.category,
      note: input.note,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .updateTable('review_items')
    .set({ status: input.decision, updated_at: sql`now()` })
    .where('id', '=', input.reviewItemId)
    .execute();
  return decision;
}

/** Items with their latest decision, for export and for retraining the classifier on reviewers' labels. */
export async function listDecidedItems(db: Executor, filter: { since?: Date | undefined; contestId?: string } = {}) {
  let q = db
    .selectFrom('review_decisions as d')
    .innerJoin('review_items as ri', 'ri.id', 'd.review_item_id')
    .innerJoin('posts as p', 'p.id', 'ri.post_id')
    .innerJoin('classifications as c', 'c.id', 'ri.classification_id')
    .innerJoin('users as u', 'u.id', 'd.decided_by')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('people as pe', 'pe.id', 'a.person_id')
    .select([
      'ri.id as review_item_id',
      'd.id as decision_id',
      'd.decision',
      'd.label',
      'd.candidate',
      'd.stance',
      'd.category',
      'd.note',
      'd.created_at as decided_at',
      'u.username as decided_by',
      'p.platform',
      'p.external_id',
      'p.kind',
      'p.url',
      'p.text',
      'p.context',
      'p.posted_at',
      'p.content_hash',
      'c.score',
      'c.model_version',
      'c.candidate as model_candidate',
      'pe.name as person_name',
      'pe.nip',
      'pe.agency',
      'pe.position',
      'pe.region_code',
      'pe.ppk',
    ])
    // Only the newest decision per item: a later decision supersedes, the older ones stay in the history.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('review_decisions as d2')
            .select('d2.id')
            .whereRef('d2.review_item_id', '=', 'd.review_item_id')
            .whereRef('d2.created_at', '>', 'd.created_at'),
        ),
      ),
    );
  if (filter.since) q = q.where('d.created_at', '>=', filter.since);
  if (filter.contestId) q = q.where('d.candidate', 'like', `${escapeLike(filter.contestId)}#%`);
  return q.orderBy('d.created_at').execute();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
