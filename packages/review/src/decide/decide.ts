import {
  appendAudit,
  appendDecision,
  candidateExists,
  type Database,
  type Executor,
  listDecisions,
  lockReviewItem,
} from '@netra/db';
import type { Kysely } from 'kysely';
import { itemNotFound, ReviewError } from '../errors/review-errors.ts';
import type { DecisionInput } from './decision-input.ts';

export interface ReviewActor {
  id: string;
  username: string;
  ip?: string | null;
}

/** How long the analyst who made a decision may take it back with one click. */
export const UNDO_WINDOW_MS = 5 * 60 * 1000;

async function assertCandidateExists(db: Executor, ref: string): Promise<void> {
  if (await candidateExists(db, ref)) return;
  throw new ReviewError(
    'REVIEW_CANDIDATE_UNKNOWN',
    `Calon ${ref} tidak ada di registri / candidate not in the registry`,
    {
      issues: [{ field: 'candidate', message: `Calon ${ref} tidak ada di registri / unknown candidate ${ref}` }],
    },
  );
}

async function lockForDecision(tx: Executor, actor: ReviewActor, itemId: string) {
  const item = await lockReviewItem(tx, itemId);
  if (!item) throw itemNotFound(itemId);
  if (item.claimed_by && item.claimed_by !== actor.id && item.claim_live) {
    throw new ReviewError(
      'REVIEW_CLAIMED_BY_OTHER',
      'Item ini sedang ditangani analis lain / another analyst is working on this item',
      { id: itemId },
    );
  }
  return item;
}

type Recorded = Awaited<ReturnType<typeof listDecisions>>[number];

/** The same judgement as an earlier one: a form sent twice (double click, a browser's resend). */
function sameJudgement(recorded: Recorded, input: Omit<DecisionInput, 'basedOn'>): boolean {
  return (
    recorded.decision === input.decision &&
    recorded.label === input.label &&
    recorded.candidate === input.candidate &&
    recorded.stance === input.stance &&
    recorded.category === input.category &&
    recorded.note === input.note &&
    recorded.reason === input.reason
  );
}

function decisionConflict(itemId: string, latest: Recorded | undefined) {
  const who = latest ? latest.display_name || latest.username : '';
  return new ReviewError(
    'REVIEW_DECISION_CONFLICT',
    `Item ini sudah diputuskan ${who} (${latest?.decision ?? 'dibuka ulang'}) setelah formulir Anda dibuka; periksa lalu kirim lagi bila tetap berbeda / ${who} decided this item after your form was opened: check it, then submit again if you still disagree`,
    { id: itemId, latest: latest ? { id: latest.id, decision: latest.decision, decidedBy: latest.username } : null },
  );
}

/**
 * Records an analyst's decision: appended (never overwriting an earlier one), the item's status moved, the
 * analyst's claim released and the audit entry written, all in one transaction. An item another analyst
 * holds is refused; so is a form drawn before a decision recorded since (`basedOn`), so two analysts deciding
 * at once give one decision and one conflict. The same analyst's same judgement sent again returns the
 * recorded decision (`repeated`) instead of appending a copy — a copy would make one undo restore the copy.
 */
export async function decideReviewItem(
  db: Kysely<Database>,
  actor: ReviewActor,
  itemId: string,
  { basedOn, ...input }: DecisionInput,
) {
  if (input.candidate) await assertCandidateExists(db, input.candidate);
  return db.transaction().execute(async (tx) => {
    const item = await lockForDecision(tx, actor, itemId);
    const latest = (await listDecisions(tx, itemId)).at(-1);
    if (latest && latest.decided_by === actor.id && !latest.undoes && sameJudgement(latest, input)) {
      const { username: _u, display_name: _d, ...recorded } = latest;
      return { ...recorded, repeated: true };
    }
    if (basedOn !== undefined && basedOn !== (latest?.id ?? 'none')) throw decisionConflict(itemId, latest);
    const decision = await appendDecision(tx, { reviewItemId: itemId, decidedBy: actor.id, ...input });
    await appendAudit(tx, {
      actorId: actor.id,
      actorUsername: actor.username,
      action: 'review.decide',
      entityType: 'review_item',
      entityId: itemId,
      before: { status: item.status },
      after: { status: input.decision, ...input },
      ip: actor.ip ?? null,
    });
    return { ...decision, repeated: false };
  });
}

/**
 * Takes back the latest decision on an item: a new decision that restores the one before it (or reopens the
 * item when there was none), pointing at the one it undoes. Only its author, only within the undo window,
 * and only while nothing newer was decided; the record keeps both.
 */
export async function undoDecision(
  db: Kysely<Database>,
  actor: ReviewActor,
  itemId: string,
  decisionId: string,
  now: Date = new Date(),
) {
  return db.transaction().execute(async (tx) => {
    const item = await lockForDecision(tx, actor, itemId);
    const decisions = await listDecisions(tx, itemId);
    const last = decisions.at(-1);
    if (!last || last.id !== decisionId || last.undoes || last.decided_by !== actor.id) {
      throw new ReviewError(
        'REVIEW_UNDO_NOT_ALLOWED',
        'Hanya keputusan terakhir Anda sendiri yang dapat dibatalkan / only your own latest decision can be undone',
        { id: itemId, decisionId },
      );
    }
    if (now.getTime() - last.created_at.getTime() > UNDO_WINDOW_MS) {
      throw new ReviewError(
        'REVIEW_UNDO_EXPIRED',
        'Batas waktu pembatalan sudah lewat; buat keputusan baru / the undo window has passed: decide again',
        { id: itemId, decisionId },
      );
    }
    const previous = decisions.at(-2);
    const restored = previous
      ? {
          decision: previous.decision,
          label: previous.label,
          candidate: previous.candidate,
          stance: previous.stance,
          category: previous.category,
          note: previous.note,
          reason: previous.reason,
        }
      : {
          decision: 'reopened' as const,
          label: 'neutral' as const,
          candidate: null,
          stance: null,
          category: null,
          note: null,
          reason: null,
        };
    const decision = await appendDecision(tx, {
      reviewItemId: itemId,
      decidedBy: actor.id,
      ...restored,
      undoes: last.id,
    });
    await appendAudit(tx, {
      actorId: actor.id,
      actorUsername: actor.username,
      action: 'review.undo',
      entityType: 'review_item',
      entityId: itemId,
      before: { status: item.status, decisionId: last.id },
      after: { status: restored.decision === 'reopened' ? 'open' : restored.decision, decisionId: decision.id },
      ip: actor.ip ?? null,
    });
    return decision;
  });
}

/** Whether the latest decision may still be undone by this user, and until when. */
export function undoableDecision(
  decisions: readonly { id: string; decided_by: string; undoes: string | null; created_at: Date }[],
  userId: string,
  now: Date = new Date(),
): { id: string; until: Date } | null {
  const last = decisions.at(-1);
  if (!last || last.undoes || last.decided_by !== userId) return null;
  const until = new Date(last.created_at.getTime() + UNDO_WINDOW_MS);
  return until > now ? { id: last.id, until } : null;
}
