/**
 * Second-stage model (issue 7): small gradient-boosted trees over the first stage's margin and the engineered
 * signals. The linear first stage adds its evidence up; the trees learn how the signals combine (a candidate
 * named in the author's own voice vs in a headline, a reply under a debate video, a number next to a gesture), a
 * correction on top of the calibrated first-stage log-odds. Deterministic: no sampling, ties keep the first split.
 */

export interface BoostOptions {
  trees: number;
  depth: number;
  shrinkage: number;
  /** L2 on leaf values (Newton step −G/(H+λ)). */
  lambda: number;
  /** Smallest hessian sum a child may have (about this many uncertain examples). */
  minHessian: number;
  /** Candidate split points per feature (quantiles of its distinct values). */
  bins: number;
  /** Weight of a real post (one with a `source`) relative to a synthetic one when fitting the trees. */
  realWeight: number;
}

export const DEFAULT_BOOST: BoostOptions = {
  trees: 80,
  depth: 2,
  shrinkage: 0.1,
  lambda: 2,
  minHessian: 4,
  bins: 24,
  // Real posts count three times in the trees (measured: LOSO AUC 0.784 at 1, 0.789 at 3).
  realWeight: 3,
};

/** A tree in a flat array: internal node `[feature, threshold, left, right]` (x ≤ threshold goes left); leaves are numbers. */
export type TreeNode = number | [number, number, TreeNode, TreeNode];

export interface Boost {
  /** Log-odds before the trees: `a · x[0] + b` (x[0] is the first-stage margin). */
  base: { a: number; b: number };
  trees: TreeNode[];
}

/** Trees flattened into typed arrays for scoring (node `i` is a leaf when `feature[i] < 0`). */
export interface CompiledBoost {
  a: number;
  b: number;
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export function compileBoost(boost: Boost): CompiledBoost {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const add = (node: TreeNode): number => {
    const i = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    if (typeof node === 'number') value[i] = node;
    else {
      feature[i] = node[0];
      threshold[i] = node[1];
      left[i] = add(node[2]);
      right[i] = add(node[3]);
    }
    return i;
  };
  const roots = Int32Array.from(boost.trees.map(add));
  return {
    a: boost.base.a,
    b: boost.base.b,
    roots,
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** The log-odds of the compiled trees (same value as `predictBoost`, without walking nested arrays). */
export function predictCompiled(c: CompiledBoost, x: ArrayLike<number>): number {
  let s = c.a * x[0]! + c.b;
  const { roots, feature, threshold, left, right, value } = c;
  for (let t = 0; t < roots.length; t++) {
    let i = roots[t]!;
    while (feature[i]! >= 0) i = x[feature[i]!]! <= threshold[i]! ? left[i]! : right[i]!;
    s += value[i]!;
  }
  return s;
}

export function predictBoost(boost: Boost, x: ArrayLike<number>): number {
  let s = boost.base.a * x[0]! + boost.base.b;
  for (const tree of boost.trees) {
    let node = tree;
    while (typeof node !== 'number') node = x[node[0]]! <= node[1] ? node[2] : node[3];
    s += node;
  }
  return s;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Split points of one feature: up to `bins` midpoints between distinct values, at quantiles. */
function splitPoints(values: readonly number[], bins: number): number[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length < 2) return [];
  const mids: number[] = [];
  for (let i = 0; i + 1 < distinct.length; i++) mids.push((distinct[i]! + distinct[i + 1]!) / 2);
  if (mids.length <= bins) return mids;
  // Quantiles of the examples (not of the distinct values), so dense regions get more split points.
  const sorted = [...values].sort((a, b) => a - b);
  const out = new Set<number>();
  for (let q = 1; q <= bins; q++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / (bins + 1)))]!;
    const i = distinct.indexOf(v);
    if (i >= 0 && i + 1 < distinct.length) out.add(mids[i]!);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Fits the trees by Newton boosting on the log loss. `rows[i][0]` is the first-stage margin; `base` the
 * log-odds the trees start from (the first stage's Platt fit); `weight` per example (default 1).
 */
export function fitBoost(
  rows: readonly Float64Array[],
  labels: readonly number[],
  base: { a: number; b: number },
  options: Partial<BoostOptions> = {},
  weight?: readonly number[],
): Boost {
  const o = { ...DEFAULT_BOOST, ...options };
  const n = rows.length;
  const dim = n ? rows[0]!.length : 0;
  const points = Array.from({ length: dim }, (_, j) =>
    splitPoints(
      rows.map((r) => r[j]!),
      o.bins,
    ),
  );
  // Bin of every example per feature: number of split points below its value.
  const bin = Array.from({ length: dim }, (_, j) => {
    const pts = points[j]!;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i]![j]!;
      let k = 0;
      while (k < pts.length && v > pts[k]!) k++;
      out[i] = k;
    }
    return out;
  });
  const F = rows.map((r) => base.a * r[0]! + base.b);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeNode[] = [];
  const leafValue = (idx: readonly number[]) => {
    let G = 0;
    let H = 0;
    for (const i of idx) {
      G += g[i]!;
      H += h[i]!;
    }
    return (-G / (H + o.lambda)) * o.shrinkage;
  };
  const grow = (idx: number[], depth: number): TreeNode => {
    if (depth === 0 || idx.length < 2) return leafValue(idx);
    let G = 0;
    let H = 0;
    for (const i of idx) {
      G += g[i]!;
      H += h[i]!;
    }
    const parent = (G * G) / (H + o.lambda);
    let best = 1e-9;
    let bestF = -1;
    let bestK = -1;
    for (let j = 0; j < dim; j++) {
      const pts = points[j]!;
      if (pts.length === 0) continue;
      const hg = new Float64Array(pts.length + 1);
      const hh = new Float64Array(pts.length + 1);
      const b = bin[j]!;
      for (const i of idx) {
        hg[b[i]!]! += g[i]!;
        hh[b[i]!]! += h[i]!;
      }
      let GL = 0;
      let HL = 0;
      for (let k = 0; k < pts.length; k++) {
        GL += hg[k]!;
        HL += hh[k]!;
        const GR = G - GL;
        const HR = H - HL;
        if (HL < o.minHessian || HR < o.minHessian) continue;
        const gain = (GL * GL) / (HL + o.lambda) + (GR * GR) / (HR + o.lambda) - parent;
        if (gain > best) {
          best = gain;
          bestF = j;
          bestK = k;
        }
      }
    }
    if (bestF < 0) return leafValue(idx);
    const b = bin[bestF]!;
    const left = idx.filter((i) => b[i]! <= bestK);
    const right = idx.filter((i) => b[i]! > bestK);
    return [bestF, points[bestF]![bestK]!, grow(left, depth - 1), grow(right, depth - 1)];
  };
  const all = Array.from({ length: n }, (_, i) => i);
  for (let t = 0; t < o.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(F[i]!);
      const w = weight?.[i] ?? 1;
      g[i] = (p - labels[i]!) * w;
      h[i] = Math.max(1e-6, p * (1 - p)) * w;
    }
    const tree = grow(all, o.depth);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      let node = tree;
      while (typeof node !== 'number') node = rows[i]![node[0]]! <= node[1] ? node[2] : node[3];
      F[i]! += node;
    }
  }
  return { base, trees };
}

/** Number of stage-2 inputs before the signals: the margin of the model on everything, and of the real-post model. */
export const STAGE_MARGINS = 2;

/**
 * Stage-2 input of a post: the first-stage margin, the margin of the model trained on real posts alone, then the
 * value of every engineered signal (0 when absent).
 */
export function stageInput(
  vector: { indices: number[]; values: number[] },
  margin: number,
  realMargin: number,
  signals: number,
  out?: Float64Array,
): Float64Array {
  const x = out ?? new Float64Array(signals + STAGE_MARGINS);
  x.fill(0);
  x[0] = margin;
  x[1] = realMargin;
  for (let k = 0; k < vector.indices.length; k++) {
    const i = vector.indices[k]!;
    if (i < signals) x[i + STAGE_MARGINS] = vector.values[k]!;
  }
  return x;
}
