/**
 * Cohen's kappa of two raters over the same items: (observed agreement − chance agreement) / (1 − chance).
 * Null with no items; 1 when both raters used one and the same label throughout (perfect, nothing to chance).
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const labels = new Set(pairs.flat());
  let observed = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (const [a, b] of pairs) {
    if (a === b) observed += 1;
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
  }
  const po = observed / n;
  let pe = 0;
  for (const label of labels) pe += ((countA.get(label) ?? 0) / n) * ((countB.get(label) ?? 0) / n);
  if (pe === 1) return po === 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

export interface DoubleReview {
  firstAnalyst: string;
  secondAnalyst: string;
  first: string;
  second: string;
}

export interface KappaRow {
  key: string;
  n: number;
  kappa: number | null;
  /** Share of items both raters labelled the same. */
  agreement: number;
}

function row(key: string, pairs: (readonly [string, string])[]): KappaRow {
  const agree = pairs.filter(([a, b]) => a === b).length;
  return { key, n: pairs.length, kappa: cohenKappa(pairs), agreement: pairs.length ? agree / pairs.length : 0 };
}

/** Kappa per analyst pair (the pair named in a stable order, the ratings oriented to match). */
export function kappaByPair(reviews: readonly DoubleReview[]): KappaRow[] {
  const byPair = new Map<string, (readonly [string, string])[]>();
  for (const r of reviews) {
    const swap = r.firstAnalyst > r.secondAnalyst;
    const key = swap ? `${r.secondAnalyst} × ${r.firstAnalyst}` : `${r.firstAnalyst} × ${r.secondAnalyst}`;
    const pair = swap ? ([r.second, r.first] as const) : ([r.first, r.second] as const);
    byPair.set(key, [...(byPair.get(key) ?? []), pair]);
  }
  return [...byPair.entries()].map(([key, pairs]) => row(key, pairs)).sort((a, b) => a.key.localeCompare(b.key));
}

/** Kappa per category: each category against all others (did both raters see this category or not). */
export function kappaByCategory(reviews: readonly DoubleReview[]): KappaRow[] {
  const categories = [...new Set(reviews.flatMap((r) => [r.first, r.second]))].sort();
  return categories.map((category) =>
    row(
      category,
      reviews.map((r) => [r.first === category ? 'ya' : 'tidak', r.second === category ? 'ya' : 'tidak'] as const),
    ),
  );
}
