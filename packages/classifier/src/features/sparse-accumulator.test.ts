import { describe, expect, it } from 'vitest';
import { SparseAccumulator } from './sparse-accumulator.ts';

describe('SparseAccumulator', () => {
  it('counts like a Map: first-touch order, sums, growth past its initial table, clear', () => {
    const acc = new SparseAccumulator(1 << 18, 8);
    const reference = new Map<number, number>();
    let seed = 7;
    for (let k = 0; k < 5_000; k++) {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      // Colliding low bits on purpose: multiples of 1024 land in the same region of a small table.
      const index = k % 3 === 0 ? (seed % 200) * 1024 : seed % (1 << 18);
      acc.add(index);
      reference.set(index, (reference.get(index) ?? 0) + 1);
    }
    expect(acc.indices).toEqual([...reference.keys()]);
    for (const [index, count] of reference) expect(acc.get(index)).toBe(count);
    expect(acc.has(123_456)).toBe(reference.has(123_456));
    let sum = 0;
    for (const v of reference.values()) sum += v * v;
    expect(acc.sumOfSquares()).toBe(sum);
    const first = acc.indices[0]!;
    acc.set(first, 0.5);
    expect(acc.get(first)).toBe(0.5);
    acc.clear();
    expect(acc.indices).toEqual([]);
    expect(acc.has(first)).toBe(false);
    expect(acc.get(first)).toBe(0);
    acc.add(first);
    expect(acc.indices).toEqual([first]);
    expect(acc.get(first)).toBe(1);
  });

  it('refuses an index outside its space and setting an index never added', () => {
    const acc = new SparseAccumulator(100);
    expect(() => acc.add(100)).toThrow(RangeError);
    expect(() => acc.set(5, 1)).toThrow(RangeError);
  });
});
