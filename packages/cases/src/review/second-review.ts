import { createHash } from 'node:crypto';
import { CaseError } from '../case/case-error.ts';

export type SecondReviewMode = 'supervisor' | 'blind';
export type Verdict = 'pelanggaran' | 'bukan_pelanggaran';

/**
 * Which cases go to a blind second analyst instead of a supervisor: a stable share of cases chosen by a hash
 * of the case id (the same case always gets the same mode; no one can pick it).
 */
export function secondReviewMode(caseId: string, blindShare: number): SecondReviewMode {
  if (blindShare <= 0) return 'supervisor';
  if (blindShare >= 1) return 'blind';
  const bucket = createHash('sha256').update(caseId).digest().readUInt32BE(0) / 2 ** 32;
  return bucket < blindShare ? 'blind' : 'supervisor';
}

export interface Reviewer {
  id: string;
  role: 'admin' | 'supervisor' | 'analyst' | 'viewer';
}

/** A second review needs someone else than the first analyst, with the role the mode requires. */
export function assertMaySecondReview(mode: SecondReviewMode, reviewer: Reviewer, firstAnalystId: string): void {
  if (reviewer.id === firstAnalystId) {
    throw new CaseError('CASE_REVIEWER_NOT_ALLOWED', 'Telaah kedua harus oleh orang lain, bukan analis pertama', [
      { field: 'reviewer', message: 'analis pertama tidak boleh menelaah ulang kasusnya sendiri' },
    ]);
  }
  const rank = { viewer: 0, analyst: 1, supervisor: 2, admin: 3 }[reviewer.role];
  if (mode === 'supervisor' && rank < 2) {
    throw new CaseError('CASE_REVIEWER_NOT_ALLOWED', 'Kasus ini menunggu telaah supervisor', [
      { field: 'reviewer', message: 'hanya supervisor yang boleh menelaah kasus ini' },
    ]);
  }
  if (rank < 1) {
    throw new CaseError('CASE_REVIEWER_NOT_ALLOWED', 'Peran viewer tidak boleh menelaah', [
      { field: 'reviewer', message: 'peran tidak diizinkan' },
    ]);
  }
}

export interface ReviewJudgement {
  verdict: Verdict;
  /** The SKB behaviour chosen (null when no violation). */
  behaviour: string | null;
}

/** Two reviews agree when both find the same thing: no violation, or a violation of the same SKB behaviour. */
export function reviewsAgree(a: ReviewJudgement, b: ReviewJudgement): boolean {
  if (a.verdict !== b.verdict) return false;
  return a.verdict === 'bukan_pelanggaran' || a.behaviour === b.behaviour;
}

/** The label kappa is computed on: the behaviour for a violation, `bukan_pelanggaran` otherwise. */
export function judgementLabel(j: ReviewJudgement): string {
  return j.verdict === 'pelanggaran' ? (j.behaviour ?? 'pelanggaran') : 'bukan_pelanggaran';
}
