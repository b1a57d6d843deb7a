import { decide } from '../classify/classify.ts';
import { fullText } from '../features/extract-features.ts';
import { type PrPoint, prCurve } from '../model/calibrate.ts';
import type { CompiledRegistry } from '../registry/compile-registry.ts';
import type { LabelledPost } from '../train/labelled-post.ts';
import { type Prepared, prepare, type TrainOptions, trainToModel } from '../train/train-model.ts';
import {
  contestFolds,
  crossValidateRows,
  type EvalReport,
  kFolds,
  report,
  type ScoredRow,
  sourceFolds,
} from './evaluate.ts';
import type { Scored } from './metrics.ts';

export const SUITE_PARTS = ['cv', 'loso', 'loco', 'challenge'] as const;
export type SuitePart = (typeof SUITE_PARTS)[number];

export interface SuiteInput {
  /** Everything trained on, one entry per file (the set name is reported per set). */
  sets: { name: string; posts: LabelledPost[] }[];
  reg: CompiledRegistry;
  /** Held-out posts with their own registry (never trained on). */
  challenge?: { posts: LabelledPost[]; reg: CompiledRegistry };
  k?: number;
  parts?: readonly SuitePart[];
  options?: TrainOptions;
}

export interface SuiteReport {
  reports: EvalReport[];
  /** Out-of-fold precision–recall curve of the k-fold run over everything trained on. */
  prCurve?: PrPoint[];
}

/**
 * The evaluation that cannot fool us: (a) k-fold CV over everything trained on; (b) leave-one-source-out over
 * posts with a `source` (train on everything else); (c) leave-one-contest-out; (d) the challenge set, scored by a
 * model trained on everything. Each report has per-set metrics and the per-family error table.
 */
export function evaluateSuite(input: SuiteInput): SuiteReport {
  const parts = new Set(input.parts ?? SUITE_PARTS);
  const setOf = new Map<LabelledPost, string>();
  for (const s of input.sets) for (const p of s.posts) setOf.set(p, s.name);
  const bySet = (r: Scored) => setOf.get(r.post) ?? '?';
  const items = prepare(
    input.sets.flatMap((s) => s.posts),
    input.reg,
  );
  const options = input.options ?? {};
  const out: SuiteReport = { reports: [] };
  if (parts.has('cv')) {
    const k = input.k ?? 5;
    const rows = crossValidateRows(items, kFolds(items, k), options);
    out.reports.push(report(`${k}-fold cross-validation (everything trained on)`, rows, input.reg, bySet));
    out.prCurve = prCurve(
      rows.map((r) => r.result.score),
      rows.map((r) => (r.post.label === 'endorse' ? 1 : 0)),
    );
  }
  if (parts.has('loso')) {
    const folds = sourceFolds(items);
    if (folds.some((f) => f !== null)) {
      const rows = crossValidateRows(items, folds, options);
      const repo = (r: Scored) => r.post.source?.split(':')[0] ?? '?';
      out.reports.push(report('leave-one-source-out (real posts; trained on everything else)', rows, input.reg, repo));
    }
  }
  if (parts.has('loco')) {
    const rows = crossValidateRows(items, contestFolds(items, input.reg), options);
    out.reports.push(report('leave-one-contest-out', rows, input.reg, bySet));
  }
  if (parts.has('challenge') && input.challenge) {
    const model = trainToModel(items, options);
    const held: Prepared[] = prepare(input.challenge.posts, input.challenge.reg);
    const rows: ScoredRow[] = held.map((p) => ({ post: p.post, result: decide(p.analysis, fullText(p.post), model) }));
    out.reports.push(report('challenge set (held out; trained on everything)', rows, input.challenge.reg));
  }
  return out;
}
