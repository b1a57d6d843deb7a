import { createHash } from 'node:crypto';
import { type Analysis, analyse, HASH_BITS } from '../features/extract-features.ts';
import { SIGNALS } from '../features/feature-names.ts';
import {
  ARTEFACT_FORMAT,
  MODEL_DIM,
  type Model,
  type ModelArtefact,
  modelFromArtefact,
  sparse,
} from '../model/artefact.ts';
import { type Boost, type BoostOptions, DEFAULT_BOOST, fitBoost, predictBoost, stageInput } from '../model/boost.ts';
import { applyPlatt, chooseThreshold, fitPlatt, prCurve } from '../model/calibrate.ts';
import { DEFAULT_LOGISTIC, dot, type LogisticOptions, mulberry32, trainLogistic } from '../model/logistic.ts';
import type { CompiledRegistry } from '../registry/compile-registry.ts';
import type { LabelledPost } from './labelled-post.ts';

export const MODEL_SEMVER = '1.11.0';

export interface TrainOptions {
  logistic?: Partial<LogisticOptions>;
  /** Inner folds for out-of-fold calibration and threshold choice. */
  calibrationFolds?: number;
  minRecall?: number;
  sources?: string[];
  /** Second-stage trees over the margin and signals (default on); `false` ships the linear model alone. */
  stage2?: boolean | Partial<BoostOptions>;
  /** Digests of the input and registry files, recorded in the artefact. */
  inputs?: { path: string; sha256: string }[];
  registries?: { path: string; sha256: string }[];
}

/** Recall the default operating point keeps on out-of-fold predictions. */
export const DEFAULT_MIN_RECALL = 0.9;

export interface Prepared {
  post: LabelledPost;
  analysis: Analysis;
}

export function prepare(posts: readonly LabelledPost[], reg: CompiledRegistry): Prepared[] {
  return posts.map((post) => ({ post, analysis: analyse(post, reg) }));
}

/** Deterministic stratified fold assignment: fold index per item. */
export function stratifiedFolds(labels: readonly number[], k: number, seed = 7): number[] {
  const rand = mulberry32(seed);
  const folds = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1]) {
    const idx = labels.flatMap((y, i) => (y === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((item, n) => {
      folds[item] = n % k;
    });
  }
  return folds;
}

/** True when a post carries text read from its images (issue 12). */
export function hasImageText(post: Pick<LabelledPost, 'imageText'>): boolean {
  return post.imageText?.some((t) => t.trim()) ?? false;
}

/**
 * Stratified folds assigned within each group separately (posts with image text, posts without): adding a batch
 * of image-text examples leaves every text post in the fold it had before, so text figures stay comparable.
 */
export function groupedStratifiedFolds(
  labels: readonly number[],
  group: readonly boolean[],
  k: number,
  seed = 7,
): number[] {
  const folds = new Array<number>(labels.length).fill(0);
  for (const g of [false, true]) {
    const idx = labels.flatMap((_, i) => (group[i] === g ? [i] : []));
    const inner = stratifiedFolds(
      idx.map((i) => labels[i]!),
      k,
      seed,
    );
    idx.forEach((item, n) => {
      folds[item] = inner[n]!;
    });
  }
  return folds;
}

const y = (p: Prepared) => (p.post.label === 'endorse' ? 1 : 0);

/** Logistic weights in two stages: text posts alone, then image-text posts on the weights only they use. */
function fitStaged(
  items: readonly Prepared[],
  label: (p: Prepared) => number,
  options: Partial<LogisticOptions>,
): Float64Array {
  const example = (p: Prepared) => ({
    vector: p.analysis.vector,
    y: label(p),
    weight: p.post.source ? options.realWeight : 1,
  });
  const text = items.filter((p) => !hasImageText(p.post));
  const image = items.filter((p) => hasImageText(p.post));
  const weights = trainLogistic(text.map(example), MODEL_DIM, options);
  if (image.length === 0) return weights;
  // Image posts (issue 12) then train only the weights no text post uses: the `image_text` signals and the
  // `i:` n-grams of words read from images. Registry matches, ballot numbers and cue signals keep what text
  // taught them, so a name or number in a poster counts as it does in a post, and no text post's score moves.
  const frozen = new Uint8Array(MODEL_DIM);
  for (const p of text) for (const i of p.analysis.vector.indices) frozen[i] = 1;
  return trainLogistic(image.map(example), MODEL_DIM, options, { init: weights, frozen });
}

function fitWeights(items: readonly Prepared[], options: Partial<LogisticOptions>) {
  const weights = fitStaged(items, y, options);
  const endorse = items.filter((p) => p.post.label === 'endorse');
  const stanceWeights = fitStaged(endorse, (p) => (p.post.stance === 'contra' ? 1 : 0), {
    ...options,
    positiveWeight: 1.5,
  });
  return { weights, stanceWeights };
}

/** Endorsement weights of a model trained on the real posts (those with a `source`) alone. */
function fitReal(items: readonly Prepared[], options: Partial<LogisticOptions>): Float64Array {
  const real = items.filter((p) => p.post.source && !hasImageText(p.post));
  return trainLogistic(
    real.map((p) => ({ vector: p.analysis.vector, y: y(p) })),
    MODEL_DIM,
    options,
  );
}

/**
 * Trains the endorsement model on prepared posts: out-of-fold margins → Platt calibration and the
 * threshold (best precision with out-of-fold recall ≥ minRecall), then the final weights on everything. Deterministic.
 */
export function trainModel(items: readonly Prepared[], options: TrainOptions = {}): ModelArtefact {
  const logistic = { ...DEFAULT_LOGISTIC, ...options.logistic };
  const k = options.calibrationFolds ?? 5;
  const labels = items.map(y);
  const folds = groupedStratifiedFolds(
    labels,
    items.map((p) => hasImageText(p.post)),
    k,
  );
  const boostOptions = options.stage2 === false ? null : options.stage2 === true ? {} : (options.stage2 ?? {});
  // The model of real posts alone (a stage-2 input): its n-grams are not drowned by the synthetic posts' style.
  const realOnly = boostOptions !== null && items.some((p) => p.post.source);
  const margins = new Array<number>(items.length).fill(0);
  const realMargins = new Array<number>(items.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train = items.filter((_, i) => folds[i] !== f);
    const { weights } = fitWeights(train, logistic);
    const realWeights = realOnly ? fitReal(train, logistic) : null;
    items.forEach((p, i) => {
      if (folds[i] !== f) return;
      margins[i] = dot(weights, p.analysis.vector);
      if (realWeights) realMargins[i] = dot(realWeights, p.analysis.vector);
    });
  }
  // Calibration and the operating point (issue 7: recall ≥ 0.90 over real and synthetic *text*) come from posts
  // without image text: the image-text examples (issue 12) are easy and plentiful, and counting them let the
  // threshold rise until real text lost recall.
  const forText = items.map((p) => !hasImageText(p.post));
  const chosen = forText.some((x) => x) ? forText : items.map(() => true);
  const pointLabels = labels.filter((_, i) => chosen[i]);
  let scores = margins;
  let stage2: Boost | undefined;
  if (boostOptions) {
    // Stacking: the trees learn from out-of-fold margins (what the linear model says about posts it has not
    // seen), starting from their Platt fit; their own out-of-fold scores (same folds) give calibration and threshold.
    const base = fitPlatt(
      margins.filter((_, i) => chosen[i]),
      pointLabels,
    );
    const rows = items.map((p, i) => stageInput(p.analysis.vector, margins[i]!, realMargins[i]!, SIGNALS.length));
    const realWeight = { ...DEFAULT_BOOST, ...boostOptions }.realWeight;
    const weights = items.map((p) => (p.post.source ? realWeight : 1));
    scores = new Array<number>(items.length).fill(0);
    for (let f = 0; f < k; f++) {
      const inFold = (i: number) => folds[i] === f;
      const b = fitBoost(
        rows.filter((_, i) => !inFold(i)),
        labels.filter((_, i) => !inFold(i)),
        base,
        boostOptions,
        weights.filter((_, i) => !inFold(i)),
      );
      rows.forEach((r, i) => {
        if (inFold(i)) scores[i] = predictBoost(b, r);
      });
    }
    stage2 = fitBoost(rows, labels, base, boostOptions, weights);
  }
  const calibration = fitPlatt(
    scores.filter((_, i) => chosen[i]),
    pointLabels,
  );
  const probs = scores.filter((_, i) => chosen[i]).map((m) => applyPlatt(calibration, m));
  const threshold = chooseThreshold(probs, pointLabels, options.minRecall ?? DEFAULT_MIN_RECALL);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  probs.forEach((p, i) => {
    if (p >= threshold && pointLabels[i] === 1) tp++;
    else if (p >= threshold) fp++;
    else if (pointLabels[i] === 1) fn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const { weights, stanceWeights } = fitWeights(items, logistic);
  const hash = createHash('sha256');
  for (const p of items) hash.update(`${JSON.stringify(p.post)}\n`);
  hash.update(JSON.stringify({ logistic, k, signals: SIGNALS, ...(stage2 ? { stage2: options.stage2 ?? true } : {}) }));
  const dataSha256 = hash.digest('hex');
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    format: ARTEFACT_FORMAT,
    formatVersion: 1,
    modelVersion: `${MODEL_SEMVER}+${dataSha256.slice(0, 10)}`,
    hashBits: HASH_BITS,
    signals: [...SIGNALS],
    endorse: sparse(weights),
    stance: sparse(stanceWeights),
    ...(stage2 ? { stage2: roundBoost(stage2) } : {}),
    ...(stage2 && realOnly ? { real: sparse(fitReal(items, logistic)) } : {}),
    calibration: { a: Math.round(calibration.a * 1e6) / 1e6, b: Math.round(calibration.b * 1e6) / 1e6 },
    threshold,
    training: {
      examples: items.length,
      positives: labels.filter((l) => l === 1).length,
      sources: options.sources ?? [],
      ...(options.inputs ? { inputs: options.inputs } : {}),
      ...(options.registries ? { registries: options.registries } : {}),
      dataSha256,
      options: { ...logistic, calibrationFolds: k, minRecall: options.minRecall ?? DEFAULT_MIN_RECALL },
      outOfFold: {
        precision: r4(precision),
        recall: r4(recall),
        f1: r4((2 * precision * recall) / Math.max(1e-9, precision + recall)),
      },
      prCurve: prCurve(probs, pointLabels),
    },
  };
}

/** Boosted trees with numbers rounded as the sparse weights are (stable JSON, same scores to 1e-9). */
function roundBoost(b: Boost): Boost {
  const r = (x: number) => Math.round(x * 1e9) / 1e9;
  const node = (t: Boost['trees'][number]): Boost['trees'][number] =>
    typeof t === 'number' ? r(t) : [t[0], r(t[1]), node(t[2]), node(t[3])];
  return { base: { a: r(b.base.a), b: r(b.base.b) }, trees: b.trees.map(node) };
}

export function trainToModel(items: readonly Prepared[], options: TrainOptions = {}): Model {
  return modelFromArtefact(trainModel(items, options));
}
