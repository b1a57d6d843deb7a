import { describe, expect, it } from 'vitest';
import { maskNip, nipFor } from '../privacy/mask-nip.ts';
import { cohenKappa, kappaByCategory, kappaByPair } from './kappa.ts';
import { assertMaySecondReview, reviewsAgree, secondReviewMode } from './second-review.ts';

describe("Cohen's kappa", () => {
  it('matches a worked example', () => {
    // 50 items: both yes 20, both no 15, a-yes/b-no 5, a-no/b-yes 10 → po 0.7, pe 0.5, kappa 0.4.
    const pairs: [string, string][] = [
      ...Array.from({ length: 20 }, () => ['ya', 'ya'] as [string, string]),
      ...Array.from({ length: 15 }, () => ['tidak', 'tidak'] as [string, string]),
      ...Array.from({ length: 5 }, () => ['ya', 'tidak'] as [string, string]),
      ...Array.from({ length: 10 }, () => ['tidak', 'ya'] as [string, string]),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 10);
    expect(cohenKappa([])).toBeNull();
    expect(cohenKappa([['a', 'a']])).toBe(1);
  });

  it('groups by analyst pair regardless of order, and per category', () => {
    const rows = kappaByPair([
      { firstAnalyst: 'budi', secondAnalyst: 'ani', first: 'x', second: 'x' },
      { firstAnalyst: 'ani', secondAnalyst: 'budi', first: 'y', second: 'x' },
      { firstAnalyst: 'ani', secondAnalyst: 'cici', first: 'y', second: 'y' },
    ]);
    expect(rows.map((r) => [r.key, r.n])).toEqual([
      ['ani × budi', 2],
      ['ani × cici', 1],
    ]);
    expect(rows[0]!.agreement).toBe(0.5);
    const byCategory = kappaByCategory([
      { firstAnalyst: 'a', secondAnalyst: 'b', first: 'x', second: 'x' },
      { firstAnalyst: 'a', secondAnalyst: 'b', first: 'y', second: 'y' },
    ]);
    expect(byCategory.map((r) => [r.key, r.kappa])).toEqual([
      ['x', 1],
      ['y', 1],
    ]);
  });
});

describe('second review', () => {
  it('sends a stable share of cases to a blind analyst', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const blind = ids.filter((id) => secondReviewMode(id, 0.25) === 'blind').length;
    expect(blind / ids.length).toBeGreaterThan(0.2);
    expect(blind / ids.length).toBeLessThan(0.3);
    expect(secondReviewMode(ids[0]!, 0.25)).toBe(secondReviewMode(ids[0]!, 0.25));
    expect(secondReviewMode(ids[0]!, 0)).toBe('supervisor');
    expect(secondReviewMode(ids[0]!, 1)).toBe('blind');
  });

  it('refuses the first analyst and a non-supervisor in supervisor mode', () => {
    expect(() => assertMaySecondReview('blind', { id: 'a', role: 'analyst' }, 'a')).toThrow(/orang lain/);
    expect(() => assertMaySecondReview('supervisor', { id: 'b', role: 'analyst' }, 'a')).toThrow(/supervisor/);
    expect(() => assertMaySecondReview('blind', { id: 'b', role: 'analyst' }, 'a')).not.toThrow();
  });

  it('agrees only on the same verdict and behaviour', () => {
    expect(reviewsAgree({ verdict: 'pelanggaran', behaviour: 'x' }, { verdict: 'pelanggaran', behaviour: 'x' })).toBe(
      true,
    );
    expect(reviewsAgree({ verdict: 'pelanggaran', behaviour: 'x' }, { verdict: 'pelanggaran', behaviour: 'y' })).toBe(
      false,
    );
    expect(
      reviewsAgree({ verdict: 'bukan_pelanggaran', behaviour: null }, { verdict: 'pelanggaran', behaviour: 'x' }),
    ).toBe(false);
  });
});

describe('NIP masking', () => {
  it('hides the birth and appointment dates from a viewer', () => {
    expect(maskNip('198501032010012001')).toBe('19*************001');
    expect(nipFor('viewer', '198501032010012001')).toBe('19*************001');
    expect(nipFor('analyst', '198501032010012001')).toBe('198501032010012001');
  });
});
