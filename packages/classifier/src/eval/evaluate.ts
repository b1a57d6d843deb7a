import { decide } from '../classify/classify.ts';
import { fullText } from '../features/extract-features.ts';
import type { Model } from '../model/artefact.ts';
import { type CompiledRegistry, contestsOf } from '../registry/compile-registry.ts';
import {
  groupedStratifiedFolds,
  hasImageText,
  type Prepared,
  type TrainOptions,
  trainToModel,
} from '../train/train-model.ts';
import { type Family, type FamilyRow, familyTable } from './families.ts';
import { computeMetrics, type Metrics, metricsBy, type Scored } from './metrics.ts';

export interface EvalReport {
  mode: string;
  overall: Metrics;
  byContest: Record<string, Metrics>;
  byDifficulty: Record<string, Metrics>;
  bySource?: Record<string, Metrics>;
  families: Record<Family, FamilyRow>;
}

/** A scored row with the calibrated score (out-of-fold in cross-validation). */
export type ScoredRow = Scored & { result: Scored['result'] & { score: number } };

/**
 * The contest a labelled post belongs to: its gold candidate's contest, else the most local contest of the
 * author's region (regency before province).
 */
export function contestOfPost(p: Prepared, reg: CompiledRegistry): string {
  if (p.post.candidate) return p.post.candidate.split('#')[0]!;
  // A post without a gold candidate belongs to the contest its text points at most, else its region's.
  let best: string | null = null;
  let bestScore = 0;
  for (const [ref, score] of p.analysis?.scores ?? []) {
    if (score > bestScore) {
      best = ref;
      bestScore = score;
    }
  }
  if (best) return best.split('#')[0]!;
  const contests = contestsOf(reg, p.post.region);
  const local = [...contests].sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  return local?.id ?? 'unknown';
}

/** Analyses of the posts being reported on (contest of a post without a gold candidate). */
const analysisOf = new WeakMap<object, Prepared['analysis']>();

export function report(
  mode: string,
  rows: readonly Scored[],
  reg: CompiledRegistry,
  source?: (s: Scored) => string,
): EvalReport {
  const out: EvalReport = {
    mode,
    overall: computeMetrics(rows),
    byContest: metricsBy(rows, (r) =>
      contestOfPost({ post: r.post, analysis: analysisOf.get(r.post) } as Prepared, reg),
    ),
    byDifficulty: metricsBy(rows, (r) => r.post.difficulty ?? 'unknown'),
    families: familyTable(rows),
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
  for (const p of items) analysisOf.set(p.post, p.analysis);
  const rows = items.map((p) => ({ post: p.post, result: decide(p.analysis, fullText(p.post), model) }));
  return report(`model ${model.version}`, rows, reg, source);
}

/**
 * Cross-validation rows: every post is scored by a model trained without it. `folds` gives the fold of each post
 * (k stratified folds, one fold per contest or per source); a post whose fold is `null` is never scored and joins
 * every fold's training data, as do `alwaysTrain` posts.
 */
export function crossValidateRows(
  items: readonly Prepared[],
  folds: readonly (number | string | null)[],
  options: TrainOptions = {},
  alwaysTrain: readonly Prepared[] = [],
): ScoredRow[] {
  const rows: ScoredRow[] = [];
  const at = new Map<Prepared, ScoredRow>();
  for (const f of [...new Set(folds)]) {
    if (f === null) continue;
    const model = trainToModel([...items.filter((_, i) => folds[i] !== f), ...alwaysTrain], options);
    items.forEach((p, i) => {
      if (folds[i] === f) at.set(p, { post: p.post, result: decide(p.analysis, fullText(p.post), model) });
    });
  }
  for (const p of items) {
    analysisOf.set(p.post, p.analysis);
    const row = at.get(p);
    if (row) rows.push(row);
  }
  return rows;
}

/** Cross-validation report (see `crossValidateRows`). */
export function crossValidate(
  items: readonly Prepared[],
  folds: readonly (number | string | null)[],
  reg: CompiledRegistry,
  mode: string,
  options: TrainOptions = {},
  source?: (s: Scored) => string,
  alwaysTrain: readonly Prepared[] = [],
): EvalReport {
  return report(mode, crossValidateRows(items, folds, options, alwaysTrain), reg, source);
}

export function kFolds(items: readonly Prepared[], k: number): number[] {
  return groupedStratifiedFolds(
    items.map((p) => (p.post.label === 'endorse' ? 1 : 0)),
    items.map((p) => hasImageText(p.post)),
    k,
    11,
  );
}

export function contestFolds(items: readonly Prepared[], reg: CompiledRegistry): string[] {
  return items.map((p) => contestOfPost(p, reg));
}

/** The source repository of a real post (`owner/repo` — the part of `source` before ':'), else null. */
export function sourceRepo(post: { source?: string | undefined }): string | null {
  return post.source ? post.source.split(':')[0]! : null;
}

/** Leave-one-source-out folds: a real post's source repository; posts without a source always train (null). */
export function sourceFolds(items: readonly Prepared[]): (string | null)[] {
  return items.map((p) => sourceRepo(p.post));
}
