import { classifiableSchema, localDateInRegion, type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { contestWindow, daysOutside, phaseOf } from '../registry/contest-window.ts';
import { TWO_RACES_CONTESTS } from '../testing/two-races-registry.ts';
import { classify, resolveCandidate } from './classify.ts';

// Invented contests, in no corpus: the two presidential races of TWO_RACES_CONTESTS (one person, ballot number 2
// both times, five years apart, older first) and a province race whose ticket 2 shares nothing with them.
const registry: Registry = registrySchema.parse({
  contests: [
    ...TWO_RACES_CONTESTS,
    {
      id: 'pilgub-maluku-2034',
      kind: 'gubernur',
      region: { code: '81', name: 'Provinsi Maluku' },
      electionDate: '2034-11-27',
      campaignPeriod: { from: '2034-09-25', to: '2034-11-23' },
      candidates: [
        { number: 1, names: ['Idris Latuconsina', 'Sri Pattiasina'] },
        { number: 2, names: ['Fikri Tuasikal', 'Rosna Wattimena'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const resolve = (text: string, postedAt?: string | null, region = '00') =>
  resolveCandidate(analyse({ id: 't', text, region, postedAt }, reg), 'pro');

describe('a person in two contests, with the post’s date', () => {
  const text = 'Galih Pranata pilihan saya, pasti menang!';
  it('goes to the contest running on the day the post was published', () => {
    expect(resolve(text, '2029-01-10T08:00:00+07:00')).toBe('pilpres-2029#2');
    expect(resolve(text, '2034-01-10T08:00:00+07:00')).toBe('pilpres-2034#2');
    // During the result dispute after the vote the race is still running.
    expect(resolve(text, '2034-04-20T08:00:00+07:00')).toBe('pilpres-2034#2');
  });
  it('reads a bare ballot number valid in both races the same way', () => {
    expect(resolve('pokoknya coblos nomor 2, gas!', '2033-12-01T09:00:00Z')).toBe('pilpres-2034#2');
    expect(resolve('pokoknya coblos nomor 2, gas!', '2028-12-01T09:00:00Z')).toBe('pilpres-2029#2');
  });
  it('goes, outside every running window, to the contest whose window is nearest', () => {
    // A year after the 2029 race's dispute ended, three years before the 2034 registration.
    expect(resolve(text, '2030-06-01T08:00:00+07:00')).toBe('pilpres-2029#2');
    // Two months before the 2034 registration opens.
    expect(resolve(text, '2033-08-19T08:00:00+07:00')).toBe('pilpres-2034#2');
  });
  it('behaves as before without a date: the contest listed first', () => {
    expect(resolve(text)).toBe('pilpres-2029#2');
    expect(resolve(text, null)).toBe('pilpres-2029#2');
  });
  it('demotes a finished contest but never drops it: a running mate named still decides', () => {
    expect(resolve('Galih Pranata dan Wulan Sari pilihan saya', '2034-01-10T08:00:00+07:00')).toBe('pilpres-2029#2');
  });
  it('lets the year the post writes come before its date', () => {
    expect(resolve('Galih Pranata 2029 pilihan saya', '2034-01-10T08:00:00+07:00')).toBe('pilpres-2029#2');
  });
  it('does not move a candidate named in only one contest', () => {
    expect(resolve('Rahmat Hidayat pilihan saya, pasti menang!', '2029-01-10T08:00:00+07:00')).toBe('pilpres-2034#1');
  });
  it('counts the day where the contest is: 18:30 UTC is already the next day in WIB', () => {
    // The 2034 window opens on 19 Oct 2033 (registration); in UTC the post is still on the 18th.
    expect(resolve(text, '2033-10-18T18:30:00Z')).toBe('pilpres-2034#2');
    expect(localDateInRegion(new Date('2033-10-18T18:30:00Z'), '00')).toBe('2033-10-19');
    expect(localDateInRegion(new Date('2033-10-18T16:30:00Z'), '81')).toBe('2033-10-19');
  });
});

describe('contest windows', () => {
  it('open at registration (else penetapan, else the campaign) and close 90 days after the vote', () => {
    expect(contestWindow(registry.contests[0]!)).toEqual({ from: '2028-11-28', to: '2029-05-15' });
    expect(contestWindow(registry.contests[1]!)).toEqual({ from: '2033-10-19', to: '2034-05-15' });
    expect(contestWindow({ ...registry.contests[2]!, determinedOn: '2034-09-22' }).from).toBe('2034-09-22');
  });
  it('close later when the recapitulation ends late (a dispute can follow it)', () => {
    expect(contestWindow({ ...registry.contests[2]!, recapTo: '2035-01-10' }).to).toBe('2035-03-17');
    expect(contestWindow({ ...registry.contests[2]!, recapTo: '2034-12-16' }).to).toBe('2035-02-25');
  });
  it('place a day before, during or after the window, with the distance in days', () => {
    const w = { from: '2034-01-10', to: '2034-01-20' };
    expect([
      phaseOf(w, '2034-01-09'),
      phaseOf(w, '2034-01-10'),
      phaseOf(w, '2034-01-20'),
      phaseOf(w, '2034-01-21'),
    ]).toEqual(['before', 'during', 'during', 'after']);
    expect([daysOutside(w, '2034-01-01'), daysOutside(w, '2034-01-15'), daysOutside(w, '2034-02-20')]).toEqual([
      9, 0, 31,
    ]);
  });
});

describe('classify with a date', () => {
  const text = 'Ayo coblos Galih Pranata, pilihan terbaik, pasti menang! 🔥';
  it('shows the analyst how the date matched the chosen contest', () => {
    const dated = classify({ id: 'd', text, region: '81', postedAt: '2034-01-10T08:00:00+09:00' }, reg);
    expect(dated.flagged).toBe(true);
    expect(dated.candidate).toBe('pilpres-2034#2');
    expect(dated.contestTiming).toEqual({
      contest: 'pilpres-2034',
      postedOn: '2034-01-10',
      window: { from: '2033-10-19', to: '2034-05-15' },
      phase: 'during',
      decided: true,
    });
    const old = classify({ id: 'd', text, region: '81', postedAt: '2029-01-10T08:00:00+09:00' }, reg);
    expect(old.candidate).toBe('pilpres-2029#2');
    // The registry's first contest: the date agrees with the undated order, it did not decide.
    expect(old.contestTiming).toMatchObject({ contest: 'pilpres-2029', phase: 'during', decided: false });
  });
  it('reports a candidate picked outside its window as such', () => {
    const late = classify(
      { id: 'd', text: 'Ayo coblos Rahmat Hidayat, pasti menang! 🔥', region: '81', postedAt: '2036-01-01T00:00:00Z' },
      reg,
    );
    expect(late.candidate).toBe('pilpres-2034#1');
    expect(late.contestTiming).toMatchObject({ phase: 'after', decided: false });
  });
  it('keeps an undated result exactly as before: same fields, no timing', () => {
    const undated = classify({ id: 'u', text, region: '81' }, reg);
    expect(undated.candidate).toBe('pilpres-2029#2');
    expect(Object.keys(undated)).not.toContain('contestTiming');
    expect(classify({ id: 'u', text, region: '81', postedAt: null }, reg)).toEqual(undated);
    // The score does not depend on the date: only which contest is named does.
    const dated = classify({ id: 'u', text, region: '81', postedAt: '2034-01-10T08:00:00+09:00' }, reg);
    expect({ ...dated, candidate: undated.candidate, contestTiming: undefined }).toEqual({
      ...undated,
      contestTiming: undefined,
    });
  });
});

describe('postedAt in the classifiable input', () => {
  const base = { id: 'p', text: 'halo' };
  it('accepts an ISO 8601 time with an offset or Z, and null or nothing as unknown', () => {
    for (const postedAt of ['2034-01-10T08:00:00+07:00', '2034-01-10T01:00:00Z', '2034-01-10T08:00:00.250+09:00', null])
      expect(classifiableSchema.safeParse({ ...base, postedAt }).success).toBe(true);
    expect(classifiableSchema.safeParse(base).success).toBe(true);
  });
  it('rejects anything else with an error naming the field', () => {
    for (const postedAt of [
      '2034-01-10',
      '2034-01-10T08:00:00',
      '10/01/2034 08:00',
      '2034-13-10T08:00:00Z',
      1_700_000_000,
    ]) {
      const parsed = classifiableSchema.safeParse({ ...base, postedAt });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(['postedAt']);
      if (typeof postedAt === 'string') expect(parsed.error!.issues[0]!.message).toContain('postedAt');
    }
  });
});
