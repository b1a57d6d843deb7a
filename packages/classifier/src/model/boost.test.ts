import { describe, expect, it } from 'vitest';
import { compileBoost, fitBoost, predictBoost, predictCompiled, stageInput } from './boost.ts';

// x[0] is the first-stage margin; x[1] a second margin; x[2], x[3] two binary signals whose AND flips the label,
// an interaction a linear model over them cannot express.
function rows(n: number) {
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = i % 2;
    const b = Math.floor(i / 2) % 2;
    const margin = ((i * 37) % 11) / 10 - 0.5;
    xs.push(Float64Array.from([margin, 0, a, b]));
    ys.push(a && b ? 1 : margin > 0.3 ? 1 : 0);
  }
  return { xs, ys };
}

describe('second-stage boosted trees', () => {
  it('learns an interaction of two signals on top of the margin', () => {
    const { xs, ys } = rows(400);
    const boost = fitBoost(xs, ys, { a: 1, b: 0 }, { trees: 60 });
    expect(predictBoost(boost, [0, 0, 1, 1])).toBeGreaterThan(1);
    expect(predictBoost(boost, [0, 0, 1, 0])).toBeLessThan(0);
    expect(predictBoost(boost, [0, 0, 0, 1])).toBeLessThan(0);
  });
  it('is deterministic and starts from the base log-odds', () => {
    const { xs, ys } = rows(200);
    const a = fitBoost(xs, ys, { a: 2, b: -1 });
    const b = fitBoost(xs, ys, { a: 2, b: -1 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(predictBoost({ base: { a: 2, b: -1 }, trees: [] }, [0.5, 0, 0, 0])).toBe(0);
  });
  it('weights examples: counting one class more moves its leaves', () => {
    const { xs, ys } = rows(200);
    const plain = fitBoost(xs, ys, { a: 0, b: 0 }, { trees: 5 });
    const heavy = fitBoost(
      xs,
      ys,
      { a: 0, b: 0 },
      { trees: 5 },
      ys.map((y) => (y ? 5 : 1)),
    );
    const mean = (b: typeof plain) => xs.reduce((s, x) => s + predictBoost(b, x), 0) / xs.length;
    expect(mean(heavy)).toBeGreaterThan(mean(plain) + 0.1);
  });
  it('scores the same once flattened into typed arrays (the form the classifier uses)', () => {
    const { xs, ys } = rows(300);
    const boost = fitBoost(xs, ys, { a: 1.5, b: -0.2 }, { trees: 30, depth: 3 });
    const compiled = compileBoost(boost);
    for (const x of xs) expect(predictCompiled(compiled, x)).toBe(predictBoost(boost, x));
  });
  it('puts the margins first and each signal at its index after them', () => {
    const x = stageInput({ indices: [1, 3, 500], values: [0.5, 1, 9] }, 2, -1, 4);
    expect([...x]).toEqual([2, -1, 0, 0.5, 0, 1]);
  });
});
