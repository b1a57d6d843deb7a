import type { SparseVector } from '../features/extract-features.ts';

export interface TrainingExample {
  vector: SparseVector;
  /** 1 endorse, 0 neutral. */
  y: number;
  /** Example weight (default 1): real posts can count more than synthetic ones. */
  weight?: number;
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of positive examples relative to negatives. */
  positiveWeight: number;
  seed: number;
  /** Weight of a real post (one with a `source`) relative to a synthetic one. */
  realWeight: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = {
  epochs: 10,
  learningRate: 0.2,
  l2: 1e-5,
  positiveWeight: 1.3,
  seed: 20241127,
  realWeight: 1,
};

/** Continue from earlier weights, updating only some of them (the image-text stage of training). */
export interface WarmStart {
  init: Float64Array;
  /** 1 where a weight must not move. */
  frozen: Uint8Array;
}

/** Small deterministic PRNG (mulberry32) so a training run is reproducible bit for bit. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function dot(weights: Float64Array | Map<number, number>, v: SparseVector): number {
  let s = 0;
  if (weights instanceof Float64Array) {
    for (let k = 0; k < v.indices.length; k++) s += weights[v.indices[k]!]! * v.values[k]!;
  } else {
    for (let k = 0; k < v.indices.length; k++) s += (weights.get(v.indices[k]!) ?? 0) * v.values[k]!;
  }
  return s;
}

/**
 * L2-regularised logistic regression by AdaGrad SGD over a seeded shuffle: same data and options give the
 * same weights. Returns dense weights of length `dim`.
 */
export function trainLogistic(
  examples: readonly TrainingExample[],
  dim: number,
  options: Partial<LogisticOptions> = {},
  warm?: WarmStart,
): Float64Array {
  const o = { ...DEFAULT_LOGISTIC, ...options };
  const w = warm ? Float64Array.from(warm.init) : new Float64Array(dim);
  const frozen = warm?.frozen;
  const g2 = new Float64Array(dim).fill(1e-8);
  const rand = mulberry32(o.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const ex = examples[n]!;
      const p = sigmoid(dot(w, ex.vector));
      const cw = (ex.y === 1 ? o.positiveWeight : 1) * (ex.weight ?? 1);
      const err = (p - ex.y) * cw;
      const { indices, values } = ex.vector;
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k]!;
        if (frozen?.[i]) continue;
        const g = err * values[k]! + o.l2 * w[i]!;
        g2[i]! += g * g;
        w[i]! -= (o.learningRate * g) / Math.sqrt(g2[i]!);
      }
    }
  }
  return w;
}
