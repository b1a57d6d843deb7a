import { sigmoid } from './logistic.ts';

export interface Platt {
  a: number;
  b: number;
}

/**
 * Platt scaling: fits p = sigmoid(a·margin + b) to out-of-fold margins by Newton's method on the log loss,
 * with Platt's smoothed targets so a separable fold does not push a to infinity.
 */
export function fitPlatt(margins: readonly number[], labels: readonly number[]): Platt {
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < margins.length; i++) {
      const p = sigmoid(a * margins[i]! + b);
      const d = p - t[i]!;
      const h = p * (1 - p);
      ga += d * margins[i]!;
      gb += d;
      haa += h * margins[i]! * margins[i]!;
      hab += h * margins[i]!;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

export function applyPlatt(p: Platt, margin: number): number {
  return sigmoid(p.a * margin + p.b);
}

export interface PrPoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision and recall at every threshold 0.05, 0.06 … 0.95 (probabilities ≥ threshold are flagged). */
export function prCurve(probs: readonly number[], labels: readonly number[]): PrPoint[] {
  const pos = labels.filter((y) => y === 1).length;
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const out: PrPoint[] = [];
  for (let cents = 5; cents <= 95; cents++) {
    const threshold = cents / 100;
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < probs.length; i++) {
      if (probs[i]! >= threshold) {
        if (labels[i] === 1) tp++;
        else fp++;
      }
    }
    const recall = pos ? tp / pos : 0;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    out.push({ threshold, precision: r4(precision), recall: r4(recall), f1: r4(f1) });
  }
  return out;
}

/**
 * The operating point: the best precision among thresholds whose recall is at least `minRecall` on the
 * out-of-fold probabilities (a missed endorsement is never reviewed; ties → the higher threshold).
 */
export function chooseThreshold(probs: readonly number[], labels: readonly number[], minRecall = 0.9): number {
  let best = 0.5;
  let bestPrecision = -1;
  for (const p of prCurve(probs, labels)) {
    if (p.recall >= minRecall && p.precision >= bestPrecision) {
      bestPrecision = p.precision;
      best = p.threshold;
    }
  }
  return best;
}
