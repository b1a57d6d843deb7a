import { type Classifiable, type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Invented regency race: ticket 1's running mate is called Melati (also a flower), ticket 2's regent Mawar (also a
// flower); both running mates share the family name Putra (also "son"). A presidential race applies everywhere.
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilbup-lembah-2029',
      kind: 'bupati',
      region: { code: '92.01', name: 'Kabupaten Lembah Hijau' },
      electionDate: '2029-11-27',
      campaignPeriod: { from: '2029-09-25', to: '2029-11-23' },
      candidates: [
        { number: 1, names: ['Darmawan Sitompul', 'Melati Putra'], parties: ['Partai Cahaya'] },
        { number: 2, names: ['Mawar Hutapea', 'Fikri Putra'], parties: ['Partai Cahaya'] },
      ],
    },
    {
      id: 'pilpres-2029',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2029-02-14',
      campaignPeriod: { from: '2028-11-28', to: '2029-02-10' },
      candidates: [
        { number: 1, names: ['Rahmat Siregar', 'Nila Kusuma'] },
        { number: 2, names: ['Sutan Harahap', 'Gilang Permadi'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const analysed = (text: string, extra: Partial<Classifiable> = {}) =>
  analyse({ id: 't', text, region: '92.01', kind: 'post', ...extra }, reg);

describe('a flagged post whose only registry hook is a name part that is also an ordinary word', () => {
  // Written in lower case, as chat is: a capitalised `Melati` mid-sentence already reads as a name (weight 2).
  it('names the one candidate that word belongs to', () => {
    const a = analysed('pokoknya melati, yang lain lewat saja 🌸');
    expect([...a.scores.values()].every((s) => s < 0.6)).toBe(true);
    expect(resolveCandidate(a, 'pro')).toBe('pilbup-lembah-2029#1');
    expect(resolveCandidate(a, 'contra')).toBe('pilbup-lembah-2029#1');
    expect(resolveCandidate(analysed('pokoknya mawar, sudah mekar tinggal petik 27 november'), 'pro')).toBe(
      'pilbup-lembah-2029#2',
    );
  });
  it('says nothing when the word belongs to two candidates, or other evidence points elsewhere', () => {
    // `putra` is in both tickets.
    const shared = analysed('pokoknya putra daerah harus menang');
    expect([...shared.scores.keys()].sort()).toEqual(['pilbup-lembah-2029#1', 'pilbup-lembah-2029#2']);
    expect(resolveCandidate(shared, 'pro')).toBeNull();
    // A party backing both tickets is split between them, each below the floor.
    const party = analysed('Partai Cahaya pasti menang');
    expect(party.scores.size).toBe(2);
    expect(resolveCandidate(party, 'pro')).toBeNull();
    // A real name elsewhere decides as before.
    expect(resolveCandidate(analysed('Melati boleh juga, tapi Sutan Harahap presidenku'), 'pro')).toBe(
      'pilpres-2029#2',
    );
  });
  it('is about names only: a number word alone (`ada dua`: there are two) stays below the floor', () => {
    // The regency race alone, so that the number points at one candidate only.
    const regency = compileRegistry({ contests: registry.contests.filter((c) => c.kind === 'bupati') });
    const a = analyse(
      { id: 't', text: 'cowoknya ada dua, yang ngerti urusan ibu siapa coba', region: '92.01', kind: 'post' },
      regency,
    );
    expect([...a.scores.keys()]).toEqual(['pilbup-lembah-2029#2']);
    expect(a.scores.get('pilbup-lembah-2029#2')).toBe(0.5);
    expect(resolveCandidate(a, 'pro')).toBeNull();
  });
  it('leaves a reply to a candidate account with that candidate', () => {
    const a = analysed('melati wangi, mantap pak', {
      kind: 'comment',
      context: { parentCandidate: 'pilbup-lembah-2029#2' },
    });
    expect(resolveCandidate(a, 'pro')).toBe('pilbup-lembah-2029#2');
  });
});
