import {
  appendAuditEntries,
  assignReviewItems,
  countBulkSelection,
  type Database,
  dismissReviewItems,
  type Executor,
  lockBulkSelection,
} from '@netra/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ReviewActor } from '../decide/decide.ts';
import { DISMISS_REASONS } from '../decide/dismiss-reasons.ts';
import { ReviewError } from '../errors/review-errors.ts';
import { type QueueParams, toQueueFilter } from '../queue/queue-params.ts';

const empty = (v: unknown) => (v === '' ? undefined : v);

/** A bulk action on every open item of a filter that no other analyst holds. */
export const bulkActionSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('assign'), assignee: z.uuid({ error: 'Pilih analis / choose an analyst' }) }),
    z.object({ action: z.literal('unassign') }),
    z.object({
      action: z.literal('dismiss'),
      reason: z.enum(DISMISS_REASONS, { error: 'Pilih alasan / choose a reason' }),
      note: z.preprocess(empty, z.string().trim().max(5_000).optional()),
    }),
  ])
  .superRefine((a, ctx) => {
    if (a.action === 'dismiss' && a.reason === 'other' && !a.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Tulis catatan untuk alasan "Lainnya" / a note is required',
      });
    }
  });

export type BulkAction = z.output<typeof bulkActionSchema>;

/** How many items the action would touch now; the confirmation states this number. */
export async function previewBulk(db: Executor, params: Partial<QueueParams>, actor: ReviewActor): Promise<number> {
  return countBulkSelection(db, toQueueFilter(params, actor.id), actor.id);
}

/**
 * Applies a confirmed bulk action in one transaction. The analyst confirmed a count: when the selection has
 * changed since (new items arrived, someone claimed one), nothing is done and the new count is reported.
 */
export async function applyBulk(
  db: Kysely<Database>,
  actor: ReviewActor,
  params: Partial<QueueParams>,
  action: BulkAction,
  confirmedCount: number,
): Promise<{ count: number }> {
  const filter = { ...toQueueFilter(params, actor.id), limit: undefined, offset: undefined };
  return db.transaction().execute(async (tx) => {
    const ids = await lockBulkSelection(tx, filter, actor.id);
    if (ids.length === 0) {
      throw new ReviewError('REVIEW_BULK_EMPTY', 'Tidak ada item terbuka pada saringan ini / no open items match');
    }
    if (ids.length !== confirmedCount) {
      throw new ReviewError(
        'REVIEW_BULK_COUNT_CHANGED',
        `Jumlah item berubah menjadi ${ids.length}; konfirmasi lagi / the selection changed to ${ids.length} items: confirm again`,
        { count: ids.length },
      );
    }
    const who = { actorId: actor.id, actorUsername: actor.username, ip: actor.ip ?? null };
    if (action.action === 'dismiss') {
      const note = action.note ?? null;
      const decisions = await dismissReviewItems(tx, { ids, decidedBy: actor.id, reason: action.reason, note });
      await appendAuditEntries(
        tx,
        decisions.map((d) => ({
          ...who,
          action: 'review.decide',
          entityType: 'review_item',
          entityId: d.review_item_id,
          before: { status: 'open' },
          after: { status: 'dismissed', reason: action.reason, note, bulk: true, decisionId: d.id },
        })),
      );
    } else {
      const assignee = action.action === 'assign' ? action.assignee : null;
      await assignReviewItems(tx, ids, assignee);
      await appendAuditEntries(
        tx,
        ids.map((id) => ({
          ...who,
          action: 'review.assign',
          entityType: 'review_item',
          entityId: id,
          after: { assignedTo: assignee, bulk: true },
        })),
      );
    }
    return { count: ids.length };
  });
}
