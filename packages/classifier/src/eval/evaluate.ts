import { decide } from '../classify/classify.ts';
import type { Model } from '../model/artefact.ts';
import { type CompiledRegistry, contestsOf } from '../registry/compile-registry.ts';
import { type Prepared, stratifiedFolds, type TrainOptions, trainToModel } from '../train/train-model.ts';
import { computeMetrics, type Metrics, metricsBy, type Scored } from './metrics.ts';

export interface EvalReport {
  mode: string;
  overall: Metrics;
  byContest: Record<string, Metrics>;
  byDifficulty: Record<string, Metrics>;
  bySource?: Record<string, Metrics>;
}

/**
 * The contest a labelled post belongs to: its gold candidate's contest, else the most local contest of the
 * author's region (regency before province).
 */
export function contestOfPost(p: Prepared, reg: CompiledRegistry): string {
  if (p.post.candidate) return p.post.candidate.split('#')[0]!;
  const contests = contestsOf(reg, p.post.region);
  const local = [...contests].sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  return local?.id ?? 'unknown';
}

function report(mode: string, rows: Scored[], reg: CompiledRegistry, source?: (s: Scored) => string): EvalReport {
  const out: EvalReport = {
    mode,
    overall: computeMetrics(rows),
    byContest: metricsBy(rows, (r) => contestOfPost({ post: r.post } as Prepared, reg)),
    byDifficulty: metricsBy(rows, (r) => r.post.difficulty ?? 'unknown'),
  };
  if (source) out.bySource = metricsBy(rows, source);
  return out;
}

/** Scores every prepared post with one model (no training). */
export function evaluateModel(
  items: readonly Prepared[],
  model: Model,
  reg: CompiledRegistry,
  source?: (s: Scored) => string,
): EvalReport {
  const rows = items.map((p) => ({ post: p.post, result: decide(p.analysis, p.post.text, model) }));
  return report(`model ${model.version}`, rows, reg, source);
}

/**
 * Cross-validation: every post is scored by a model trained without it. `folds` gives the fold of each post
 * (k stratified folds, or one fold per contest for leave-one-contest-out). `alwaysTrain` posts (the extra
 * training batch) join every fold's training data and are never scored.
 */
export function crossValidate(
  items: readonly Prepared[],
  folds: readonly (number | string)[],
  reg: CompiledRegistry,
  mode: string,
  options: TrainOptions = {},
  source?: (s: Scored) => string,
  alwaysTrain: readonly Prepared[] = [],
): EvalReport {
  const rows: Scored[] = new Array(items.length);
  for (const f of [...new Set(folds)]) {
    const model = trainToModel([...items.filter((_, i) => folds[i] !== f), ...alwaysTrain], options);
    items.forEach((p, i) => {
      if (folds[i] === f) rows[i] = { post: p.post, result: decide(p.analysis, p.post.text, model) };
    });
  }
  return report(mode, rows, reg, source);
}

export function kFolds(items: readonly Prepared[], k: number): number[] {
  return stratifiedFolds(
    items.map((p) => (p.post.label === 'endorse' ? 1 : 0)),
    k,
    11,
  );
}

export function contestFolds(items: readonly Prepared[], reg: CompiledRegistry): string[] {
  return items.map((p) => contestOfPost(p, reg));
}
