import { readFileSync } from 'node:fs';
import { NetraError } from '@netra/core';
import { HASH_BITS, IMAGE_HASH_BITS } from '../features/extract-features.ts';
import { SIGNALS } from '../features/feature-names.ts';
import { type Boost, type CompiledBoost, compileBoost } from './boost.ts';
import type { Platt, PrPoint } from './calibrate.ts';

export const ARTEFACT_FORMAT = 'netra-endorsement-lr';
export const ARTEFACT_FORMAT_VERSION = 1;

/** The JSON written to `models/`: sparse weights plus everything needed to score and to audit the run. */
export interface ModelArtefact {
  format: typeof ARTEFACT_FORMAT;
  formatVersion: number;
  modelVersion: string;
  hashBits: number;
  signals: string[];
  endorse: { indices: number[]; weights: number[] };
  stance: { indices: number[]; weights: number[] };
  /** Second stage (issue 7): trees over the margin and the signals; `calibration` then applies to its output. */
  stage2?: Boost;
  /** Weights of the model trained on real posts alone (a stage-2 input). */
  real?: { indices: number[]; weights: number[] };
  calibration: Platt;
  threshold: number;
  training: {
    examples: number;
    positives: number;
    sources: string[];
    /** SHA-256 of every training input and registry file (paths relative to the repository root). */
    inputs?: { path: string; sha256: string }[];
    registries?: { path: string; sha256: string }[];
    dataSha256: string;
    options: Record<string, unknown>;
    outOfFold: { precision: number; recall: number; f1: number };
    /** Out-of-fold precision–recall curve over the training posts (one point per threshold). */
    prCurve?: PrPoint[];
  };
}

/** A model ready to score: dense weight arrays (fast dot products). */
export interface Model {
  version: string;
  weights: Float64Array;
  stanceWeights: Float64Array;
  stage2?: CompiledBoost;
  /**
   * Endorsement and real-post weights interleaved (`[w0, r0, w1, r1, …]`) when the model has a second stage: both
   * margins come from one pass over the post's features, each touching one cache line instead of two.
   */
  paired?: Float64Array;
  calibration: Platt;
  threshold: number;
}

export const MODEL_DIM = SIGNALS.length + (1 << HASH_BITS) + (1 << IMAGE_HASH_BITS);

export const DEFAULT_MODEL_PATH = new URL('../../models/endorsement-model.json', import.meta.url).pathname;

function dense(sparse: { indices: number[]; weights: number[] }): Float64Array {
  const w = new Float64Array(MODEL_DIM);
  for (let k = 0; k < sparse.indices.length; k++) w[sparse.indices[k]!] = sparse.weights[k]!;
  return w;
}

function paired(
  endorse: { indices: number[]; weights: number[] },
  real: { indices: number[]; weights: number[] } | undefined,
): Float64Array {
  const w = new Float64Array(2 * MODEL_DIM);
  for (let k = 0; k < endorse.indices.length; k++) w[2 * endorse.indices[k]!] = endorse.weights[k]!;
  if (real) for (let k = 0; k < real.indices.length; k++) w[2 * real.indices[k]! + 1] = real.weights[k]!;
  return w;
}

export function sparse(w: Float64Array): { indices: number[]; weights: number[] } {
  const indices: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const v = Math.round(w[i]! * 1e6) / 1e6;
    if (v !== 0) {
      indices.push(i);
      weights.push(v);
    }
  }
  return { indices, weights };
}

/** Checks an artefact matches this code's feature layout and turns it into a scorer. */
export function modelFromArtefact(art: ModelArtefact): Model {
  if (art.format !== ARTEFACT_FORMAT || art.formatVersion !== ARTEFACT_FORMAT_VERSION) {
    throw new NetraError(
      'CLASSIFIER_MODEL_INCOMPATIBLE',
      `unsupported model format ${art.format}@${art.formatVersion}`,
    );
  }
  if (
    art.hashBits !== HASH_BITS ||
    art.signals.length !== SIGNALS.length ||
    art.signals.some((s, i) => s !== SIGNALS[i])
  ) {
    throw new NetraError(
      'CLASSIFIER_MODEL_INCOMPATIBLE',
      'model was trained with a different feature layout; retrain it',
      {
        modelVersion: art.modelVersion,
      },
    );
  }
  return {
    version: art.modelVersion,
    weights: dense(art.endorse),
    stanceWeights: dense(art.stance),
    ...(art.stage2 ? { stage2: compileBoost(art.stage2) } : {}),
    ...(art.stage2 ? { paired: paired(art.endorse, art.real) } : {}),
    calibration: art.calibration,
    threshold: art.threshold,
  };
}

const cache = new Map<string, Model>();

/** Loads (and caches) a model artefact; the default is the one shipped in `packages/classifier/models/`. */
export function loadModel(path: string = DEFAULT_MODEL_PATH): Model {
  const hit = cache.get(path);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new NetraError('CLASSIFIER_MODEL_MISSING', `model artefact not found at ${path}; run \`netra train\``, {
      path,
      cause: String(error),
    });
  }
  let art: ModelArtefact;
  try {
    art = JSON.parse(text) as ModelArtefact;
  } catch {
    throw new NetraError('CLASSIFIER_MODEL_INVALID', `model artefact at ${path} is not valid JSON`, { path });
  }
  const model = modelFromArtefact(art);
  cache.set(path, model);
  return model;
}

/** The model with its decision threshold replaced (a deployment's `CLASSIFIER_THRESHOLD`); undefined keeps it. */
export function withThreshold(model: Model, threshold: number | undefined): Model {
  if (threshold === undefined || threshold === model.threshold) return model;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new NetraError('CLASSIFIER_THRESHOLD_INVALID', `threshold must be in [0, 1], got ${threshold}`);
  }
  return { ...model, threshold };
}

/** The threshold in force: the override when given, else the artefact's (read without building the weights). */
export function thresholdInForce(
  override: number | undefined,
  path: string = DEFAULT_MODEL_PATH,
): { value: number; source: 'env' | 'model' } {
  if (override !== undefined) return { value: override, source: 'env' };
  const hit = cache.get(path);
  if (hit) return { value: hit.threshold, source: 'model' };
  const art = JSON.parse(readFileSync(path, 'utf8')) as Pick<ModelArtefact, 'threshold'>;
  return { value: art.threshold, source: 'model' };
}
