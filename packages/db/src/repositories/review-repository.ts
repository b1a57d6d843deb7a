import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { DismissReason, ReviewDecisionKind, ReviewStatus } from '../schema/review-tables.ts';

export type ReviewSortKey = 'score' | 'posted' | 'captured';

/** What an analyst can search by; the review package parses the search box into one of these. */
export type ReviewSearch =
  | { kind: 'nip'; value: string }
  | { kind: 'handle'; value: string }
  | { kind: 'hashtag'; value: string }
  | { kind: 'text'; value: string };

export interface ReviewQueueFilter {
  status?: ReviewStatus | undefined;
  platform?: string | undefined;
  /** A contest id: items whose (decided or suggested) candidate is in that contest. */
  contestId?: string | undefined;
  regionCode?: string | undefined;
  minScore?: number | undefined;
  /** Free text over post text, author handle and person name, or a NIP, handle or hashtag. */
  search?: string | ReviewSearch | undefined;
  /** Only items assigned to this user ("my queue"). */
  assignedTo?: string | undefined;
  sort?: ReviewSortKey | undefined;
  direction?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const SORT_COLUMNS = { score: 'ri.score', posted: 'ri.posted_at', captured: 'ri.captured_at' } as const;

export function queueQuery(db: Executor) {
  return db
    .selectFrom('review_items as ri')
    .innerJoin('posts as p', 'p.id', 'ri.post_id')
    .innerJoin('classifications as c', 'c.id', 'ri.classification_id')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('people as pe', 'pe.id', 'ri.person_id')
    .leftJoin('contests as k', 'k.id', 'ri.contest_id');
}

function asSearch(search: string | ReviewSearch): ReviewSearch {
  return typeof search === 'string' ? { kind: 'text', value: search } : search;
}

/**
 * The WHERE of the queue over `review_items as ri` alone — people, accounts and posts are reached through
 * subqueries, so the count, the claim of the next item and bulk actions need no join across a million posts.
 * Shared by the list, its count, the neighbours, the claim and bulk actions.
 */
export function queueCondition(filter: ReviewQueueFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (filter.status) parts.push(sql`ri.status = ${filter.status}`);
  if (filter.platform) parts.push(sql`ri.platform = ${filter.platform}`);
  if (filter.contestId) parts.push(sql`ri.contest_id = ${filter.contestId}`);
  if (filter.assignedTo) parts.push(sql`ri.assigned_to = ${filter.assignedTo}`);
  if (filter.minScore !== undefined) parts.push(sql`ri.score >= ${filter.minScore}`);
  if (filter.regionCode) {
    const code = filter.regionCode;
    parts.push(
      sql`ri.person_id IN (SELECT id FROM people WHERE region_code = ${code} OR region_code LIKE ${`${escapeLike(code)}.%`})`,
    );
  }
  if (filter.search) {
    const search = asSearch(filter.search);
    if (search.kind === 'nip') {
      parts.push(sql`ri.person_id IN (SELECT id FROM people WHERE nip LIKE ${`${escapeLike(search.value)}%`})`);
    } else if (search.kind === 'handle') {
      const handle = search.value.toLowerCase();
      parts.push(
        sql`(ri.person_id IN (SELECT person_id FROM accounts WHERE lower(handle) = ${handle}) OR ri.post_id IN (SELECT id FROM posts WHERE lower(author_handle) = ${handle}))`,
      );
    } else if (search.kind === 'hashtag') {
      parts.push(sql`ri.post_id IN (SELECT id FROM posts WHERE text ILIKE ${`%#${escapeLike(search.value)}%`})`);
    } else {
      const term = `%${escapeLike(search.value)}%`;
      parts.push(
        sql`(ri.post_id IN (SELECT id FROM posts WHERE text ILIKE ${term} OR author_handle ILIKE ${term}) OR ri.person_id IN (SELECT id FROM people WHERE name ILIKE ${term}))`,
      );
    }
  }
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

type QueueQuery = ReturnType<typeof queueQuery>;

export function applyQueueFilter<Q extends QueueQuery>(q: Q, filter: ReviewQueueFilter): Q {
  return (q as QueueQuery).where(queueCondition(filter)) as Q;
}

export function applySort<Q extends QueueQuery>(q: Q, filter: ReviewQueueFilter): Q {
  const column = SORT_COLUMNS[filter.sort ?? 'score'];
  const direction = filter.direction ?? 'desc';
  // The sort keys are never null (posted falls back to captured), so the order matches the
  // (status, key DESC, id DESC) indexes in either direction.
  return (q as QueueQuery).orderBy(column, direction).orderBy('ri.id', direction) as Q;
}

const QUEUE_COLUMNS = [
  'ri.id',
  'ri.status',
  'ri.score',
  'ri.created_at',
  'ri.updated_at',
  'ri.assigned_to',
  'ri.claimed_by',
  'ri.claim_expires_at',
  'ri.contest_id',
  'ri.posted_at as sort_posted_at',
  'ri.captured_at',
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
  'pe.nip',
  'pe.agency',
  'pe.region_code',
  'k.region_code as contest_region_code',
  'c.contest_timing',
] as const;

/**
 * The region of the contest a dated post's day was matched against (`contest_timing.contest`): its dates are
 * local dates in that contest's zone, which is not always the item's contest (an analyst may decide on another
 * candidate) nor the person's region.
 */
export const timingRegionCode = sql<
  string | null
>`(SELECT region_code FROM contests WHERE id = c.contest_timing->>'contest')`.as('timing_region_code');

/** The analysts' queue: most likely violations first by default, or by posting or capture time. */
export async function listReviewItems(db: Executor, filter: ReviewQueueFilter = {}) {
  return applySort(applyQueueFilter(queueQuery(db).select([...QUEUE_COLUMNS, timingRegionCode]), filter), filter)
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
}

/** How many items a filter selects, counted up to `cap` (above it the answer is `cap + 1`). */
export async function countReviewQueue(db: Executor, filter: ReviewQueueFilter, cap = 1_000): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('review_items as ri')
        .select(sql`1`.as('one'))
        .where(queueCondition(filter))
        // In index order: a plain scan would first read past every row of other statuses (decided rows sit at
        // the end of the heap after their update).
        .orderBy('ri.score', 'desc')
        .orderBy('ri.id', 'desc')
        .limit(cap + 1)
        .as('matching'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The item before or after `current` in the queue's order (keyset: the sort value, then the id), for the
 * previous/next links of the item page.
 */
export async function findQueueNeighbour(
  db: Executor,
  filter: ReviewQueueFilter,
  currentId: string,
  side: 'next' | 'previous',
): Promise<string | undefined> {
  const sortKey = filter.sort ?? 'score';
  const column = SORT_COLUMNS[sortKey];
  const current = await db
    .selectFrom('review_items as ri')
    .select(['ri.id', 'ri.score', 'ri.posted_at', 'ri.captured_at'])
    .where('ri.id', '=', currentId)
    .executeTakeFirst();
  if (!current) return undefined;
  const value = sortKey === 'score' ? current.score : sortKey === 'posted' ? current.posted_at : current.captured_at;
  if (value === null) return undefined;
  const desc = (filter.direction ?? 'desc') === 'desc';
  // "next" follows the list's own direction; "previous" walks back against it.
  const forward = side === 'next' ? desc : !desc;
  const row = await db
    .selectFrom('review_items as ri')
    .select('ri.id')
    .where(queueCondition(filter))
    .where((eb) => eb(eb.refTuple(column, 'ri.id'), forward ? '<' : '>', eb.tuple(value, currentId)))
    .orderBy(column, forward ? 'desc' : 'asc')
    .orderBy('ri.id', forward ? 'desc' : 'asc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Items per status, each counted only up to `cap` (a count above it reads as "more than cap"): an exact
 * count walks every row of a status, a capped one at most `cap` entries of the (status, score) index.
 */
export async function countReviewItemsByStatus(db: Executor, cap = 1_000): Promise<Record<string, number>> {
  const statuses = ['open', 'confirmed', 'dismissed', 'escalated', 'needs_info'] as const;
  const result = await sql<{ status: string; n: string }>`${sql.join(
    statuses.map(
      (status) =>
        sql`SELECT ${status}::text AS status, (SELECT count(*) FROM (SELECT 1 FROM review_items WHERE status = ${status} ORDER BY score DESC, id DESC LIMIT ${cap + 1}) s) AS n`,
    ),
    sql` UNION ALL `,
  )}`.execute(db);
  return Object.fromEntries(result.rows.filter((r) => Number(r.n) > 0).map((r) => [r.status, Number(r.n)]));
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
      'ri.assigned_to',
      'ri.claimed_by',
      'ri.claim_expires_at',
      'ri.contest_id',
      'ri.captured_at',
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
      'c.with_image_text',
      'c.created_at as classified_at',
      'c.contest_timing',
      timingRegionCode,
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
  const [evidence, decisions, contest, claimant, newest] = await Promise.all([
    db.selectFrom('evidence_artefacts').selectAll().where('post_id', '=', item.post_id).orderBy('kind').execute(),
    listDecisions(db, id),
    item.contest_id
      ? db
          .selectFrom('contests')
          .select(['id', 'region_code', 'region_name'])
          .where('id', '=', item.contest_id)
          .executeTakeFirst()
      : undefined,
    item.claimed_by
      ? db.selectFrom('users').select(['username', 'display_name']).where('id', '=', item.claimed_by).executeTakeFirst()
      : undefined,
    // The post's newest classification: when it is not the item's (a decided item keeps the one it was decided
    // on after more image text re-scored the post), the page says so.
    db
      .selectFrom('classifications')
      .select(['id', 'score', 'candidate', 'with_image_text', 'created_at'])
      .where('post_id', '=', item.post_id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    ...item,
    artefacts: evidence,
    decisions,
    contest_region_code: contest?.region_code ?? null,
    contest_name: contest?.region_name ?? null,
    claimant_name: claimant?.display_name ?? null,
    newer_classification: newest && newest.id !== item.classification_id ? newest : null,
  };
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
  reason?: DismissReason | null;
  undoes?: string | null;
}

/**
 * Appends a decision and moves the item to the decided status (a `reopened` decision moves it back to open),
 * releasing the decider's claim. Run inside a transaction with the audit entry.
 */
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
      reason: input.reason ?? null,
      undoes: input.undoes ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const reopened = input.decision === 'reopened';
  await db
    .updateTable('review_items')
    .set({
      status: input.decision === 'reopened' ? 'open' : input.decision,
      updated_at: sql`now()`,
      decided_at: reopened ? null : sql`now()`,
      decided_by: reopened ? null : input.decidedBy,
      // A dismissal keeps the model's candidate and contest: the overview counts dismissals per contest too.
      ...(input.candidate ? { candidate: input.candidate, contest_id: input.candidate.split('#')[0] ?? null } : {}),
      claimed_by: null,
      claim_expires_at: null,
    })
    .where('id', '=', input.reviewItemId)
    .execute();
  return decision;
}

export interface DecidedItemsFilter {
  since?: Date | undefined;
  contestId?: string | undefined;
}

/**
 * One page of items with their latest decision, for export and for retraining the classifier on reviewers'
 * labels, in (decision time, decision id) order after the decision `after`: an export walks every decision a
 * page at a time instead of holding them all. The cursor is compared in SQL against the stored row, so the
 * microseconds a JavaScript Date would drop never skip or repeat a decision.
 */
export async function listDecidedItemsPage(
  db: Executor,
  filter: DecidedItemsFilter,
  after: string | null,
  limit: number,
) {
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
      'd.reason',
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
      'c.contest_timing',
      timingRegionCode,
      'pe.id as person_id',
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
  if (after) {
    q = q.where(sql<SqlBool>`(d.created_at, d.id) > (SELECT created_at, id FROM review_decisions WHERE id = ${after})`);
  }
  return q.orderBy('d.created_at').orderBy('d.id').limit(limit).execute();
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Whether a `<contest>#<number>` reference names a candidate in the registry. */
export async function candidateExists(db: Executor, ref: string): Promise<boolean> {
  const [contestId, number] = ref.split('#');
  if (!contestId || !number || !/^\d+$/.test(number)) return false;
  const found = await db
    .selectFrom('candidates')
    .select('id')
    .where('contest_id', '=', contestId)
    .where('number', '=', Number(number))
    .executeTakeFirst();
  return found !== undefined;
}

/** Every candidate with its contest's region, for labelling `<contest>#<n>` references. */
export async function listCandidateLabelRows(db: Executor) {
  return db
    .selectFrom('candidates as c')
    .innerJoin('contests as k', 'k.id', 'c.contest_id')
    .select(['c.contest_id', 'c.number', 'c.names', 'k.region_name', 'k.region_code'])
    .orderBy('c.contest_id')
    .orderBy('c.number')
    .execute();
}

/** Review items in all (the all-in-one start's closing summary). */
export async function countReviewItems(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('review_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
