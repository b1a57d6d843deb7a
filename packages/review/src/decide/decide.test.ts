import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBulk, previewBulk } from '../bulk/bulk-actions.ts';
import { claimItem } from '../claim/claims.ts';
import { loadPersonHistory } from '../person/person-history.ts';
import { loadQueue } from '../queue/queue.ts';
import { queueParamsSchema } from '../queue/queue-params.ts';
import { loadReviewItem } from '../queue/review-item.ts';
import { seedAnalyst, seedContest, seedReviewItem } from '../testing/review-fixtures.ts';
import { decideReviewItem, UNDO_WINDOW_MS, undoDecision } from './decide.ts';
import { parseDecisionInput } from './decision-input.ts';

const confirm = (contest: string) =>
  parseDecisionInput({ decision: 'confirmed', candidate: `${contest}#1`, stance: 'pro', category: 'photo_gesture' });

describe('deciding', () => {
  let database: TestDatabase;
  let contest: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    contest = await seedContest(database.db, 'pilwako-uji-2024', '94.71');
  });
  afterAll(async () => database?.drop());

  it('refuses an item another analyst holds, with a stable code', async () => {
    const db = database.db;
    const item = await seedReviewItem(db, { score: 0.8, contestId: contest });
    const [a, b] = [await seedAnalyst(db, 'd1'), await seedAnalyst(db, 'd2')];
    await claimItem(db, a, item.id, 60);
    await expect(decideReviewItem(db, b, item.id, confirm(contest))).rejects.toMatchObject({
      code: 'REVIEW_CLAIMED_BY_OTHER',
    });
    await decideReviewItem(db, a, item.id, confirm(contest));
    const loaded = await loadReviewItem(db, item.id);
    expect(loaded.status).toBe('confirmed');
    expect(loaded.claimed_by).toBeNull();
    expect(loaded.zone.name).toBe('WIT');
  });

  it('undoes only the author’s latest decision, inside the window, by a superseding decision', async () => {
    const db = database.db;
    const item = await seedReviewItem(db, { score: 0.7, contestId: contest });
    const [a, b] = [await seedAnalyst(db, 'u1'), await seedAnalyst(db, 'u2')];
    const first = await decideReviewItem(db, a, item.id, confirm(contest));
    const second = await decideReviewItem(
      db,
      a,
      item.id,
      parseDecisionInput({ decision: 'dismissed', reason: 'namesake' }),
    );
    await expect(undoDecision(db, b, item.id, second.id)).rejects.toMatchObject({ code: 'REVIEW_UNDO_NOT_ALLOWED' });
    await expect(undoDecision(db, a, item.id, first.id)).rejects.toMatchObject({ code: 'REVIEW_UNDO_NOT_ALLOWED' });
    const late = new Date(second.created_at.getTime() + UNDO_WINDOW_MS + 1_000);
    await expect(undoDecision(db, a, item.id, second.id, late)).rejects.toMatchObject({ code: 'REVIEW_UNDO_EXPIRED' });
    const undo = await undoDecision(db, a, item.id, second.id);
    expect(undo).toMatchObject({ decision: 'confirmed', undoes: second.id, candidate: `${contest}#1` });
    const loaded = await loadReviewItem(db, item.id);
    expect(loaded.status).toBe('confirmed');
    expect(loaded.decisions.map((d) => d.decision)).toEqual(['confirmed', 'dismissed', 'confirmed']);
    // Undoing the only decision reopens the item.
    const lone = await seedReviewItem(db, { score: 0.69, contestId: contest });
    const only = await decideReviewItem(db, a, lone.id, confirm(contest));
    await undoDecision(db, a, lone.id, only.id);
    expect((await loadReviewItem(db, lone.id)).status).toBe('open');
  });

  it('applies a bulk dismissal only to the count the analyst confirmed', async () => {
    const db = database.db;
    const other = await seedContest(db, 'pilbup-massal-2024', '18.11');
    const items = await Promise.all([0.61, 0.62, 0.63].map((score) => seedReviewItem(db, { score, contestId: other })));
    const [a, b] = [await seedAnalyst(db, 'b1'), await seedAnalyst(db, 'b2')];
    await claimItem(db, b, items[0]!.id, 60);
    // One item is held by another analyst: the selection is the other two.
    expect(await previewBulk(db, { contest: other }, a)).toBe(2);
    await expect(
      applyBulk(db, a, { contest: other }, { action: 'dismiss', reason: 'news_report' }, 3),
    ).rejects.toMatchObject({ code: 'REVIEW_BULK_COUNT_CHANGED', details: { count: 2 } });
    expect(await applyBulk(db, a, { contest: other }, { action: 'dismiss', reason: 'news_report' }, 2)).toEqual({
      count: 2,
    });
    const statuses = await Promise.all(items.map(async (i) => (await loadReviewItem(db, i.id)).status));
    expect(statuses).toEqual(['open', 'dismissed', 'dismissed']);
    const audit = await db.selectFrom('audit_log').select('entity_id').where('action', '=', 'review.decide').execute();
    expect(audit.map((r) => r.entity_id)).toEqual(expect.arrayContaining([items[1]!.id, items[2]!.id]));
  });

  it('assigns a filtered set in bulk, and "my queue" is what was assigned to me', async () => {
    const db = database.db;
    const mine = await seedContest(db, 'pilbup-tugas-2024', '61.01');
    const items = await Promise.all([0.71, 0.72].map((score) => seedReviewItem(db, { score, contestId: mine })));
    const [lead, analyst] = [await seedAnalyst(db, 'a1'), await seedAnalyst(db, 'a2')];
    expect(await previewBulk(db, { contest: mine }, lead)).toBe(2);
    await applyBulk(db, lead, { contest: mine }, { action: 'assign', assignee: analyst.id }, 2);
    const queue = await loadQueue(db, queueParamsSchema.parse({ assigned: 'me' }), analyst.id);
    expect(queue.items.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(queue.total).toBe(2);
    expect((await loadQueue(db, queueParamsSchema.parse({ assigned: 'me' }), lead.id)).items).toEqual([]);
  });

  it('summarises a person across contests: counts by outcome and first and last violation', async () => {
    const db = database.db;
    const third = await seedContest(db, 'pilgub-riwayat-2024', '73');
    const a = await seedAnalyst(db, 'p1');
    const first = await seedReviewItem(db, { score: 0.9, contestId: third });
    const second = await seedReviewItem(db, { score: 0.9, contestId: contest, accountId: first.accountId });
    const third2 = await seedReviewItem(db, { score: 0.9, contestId: third, accountId: first.accountId });
    await decideReviewItem(db, a, first.id, confirm(third));
    await decideReviewItem(db, a, second.id, confirm(contest));
    await decideReviewItem(db, a, third2.id, parseDecisionInput({ decision: 'dismissed', reason: 'official_duty' }));
    const item = await loadReviewItem(db, first.id);
    const history = await loadPersonHistory(db, item.person_id!, a);
    expect(history.counts).toEqual({ confirmed: 2, dismissed: 1 });
    expect(history.items.map((i) => i.contest_id).sort()).toEqual([contest, third, third].sort());
    expect(history.firstViolation).toEqual(item.posted_at ?? history.firstViolation);
    expect(history.lastViolation!.getTime()).toBeGreaterThan(history.firstViolation!.getTime());
    const audited = await db.selectFrom('audit_log').select('action').where('action', '=', 'person.view').execute();
    expect(audited).toHaveLength(1);
  });
});
