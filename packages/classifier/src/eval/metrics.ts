import type { ClassificationResult } from '@netra/core';
import type { LabelledPost } from '../train/labelled-post.ts';

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Metrics {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  macroF1: number;
  /** Share of gold-endorse posts whose predicted candidate equals the gold one (unflagged count as wrong). */
  candidateAccuracy: number;
  /** The same, over gold-endorse posts the model flagged. */
  candidateAccuracyFlagged: number;
  stanceAccuracyFlagged: number;
  confusion: Confusion;
}

export interface Scored {
  post: LabelledPost;
  result: Pick<ClassificationResult, 'flagged' | 'candidate' | 'stance'>;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const f1Of = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** Precision/recall/F1 on `endorse`, macro-F1 over both classes, candidate accuracy and the confusion table. */
export function computeMetrics(rows: readonly Scored[]): Metrics {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  let candOk = 0;
  let candOkFlagged = 0;
  let stanceOk = 0;
  for (const { post, result } of rows) {
    const gold = post.label === 'endorse';
    if (gold && result.flagged) c.tp++;
    else if (!gold && result.flagged) c.fp++;
    else if (gold) c.fn++;
    else c.tn++;
    if (gold && result.flagged && (result.candidate ?? null) === (post.candidate ?? null)) {
      candOk++;
      candOkFlagged++;
    }
    if (gold && result.flagged && result.stance === (post.stance ?? 'pro')) stanceOk++;
  }
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  const negP = c.tn / Math.max(1, c.tn + c.fn);
  const negR = c.tn / Math.max(1, c.tn + c.fp);
  const f1 = f1Of(precision, recall);
  return {
    n: rows.length,
    precision: r4(precision),
    recall: r4(recall),
    f1: r4(f1),
    macroF1: r4((f1 + f1Of(negP, negR)) / 2),
    candidateAccuracy: r4(candOk / Math.max(1, c.tp + c.fn)),
    candidateAccuracyFlagged: r4(candOkFlagged / Math.max(1, c.tp)),
    stanceAccuracyFlagged: r4(stanceOk / Math.max(1, c.tp)),
    confusion: c,
  };
}

/** Metrics overall and grouped by a key (contest, difficulty). */
export function metricsBy(rows: readonly Scored[], key: (row: Scored) => string): Record<string, Metrics> {
  const groups = new Map<string, Scored[]>();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return Object.fromEntries(
    [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, computeMetrics(v)]),
  );
}
