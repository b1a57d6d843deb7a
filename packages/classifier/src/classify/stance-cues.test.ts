import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Two invented national races that share one person (Sutan Harahap ran in both), as real registries can.
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilpres-2029',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2029-02-14',
      campaignPeriod: { from: '2028-11-28', to: '2029-02-10' },
      candidates: [
        { number: 1, names: ['Sutan Harahap', 'Dewi Kartika'], aliases: ['Bang Sutan'] },
        { number: 2, names: ['Bima Santoso', 'Laila Fitri'], aliases: ['Mas Bima'] },
      ],
    },
    {
      id: 'pilpres-2034',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2034-02-14',
      campaignPeriod: { from: '2033-11-28', to: '2034-02-10' },
      candidates: [
        { number: 1, names: ['Rahmat Siregar', 'Nila Ayu'], aliases: ['Pak Rahmat'] },
        { number: 2, names: ['Sutan Harahap', 'Gilang Permadi'], aliases: ['Bang Sutan'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const analysed = (text: string) => analyse({ id: 't', text, region: '31' }, reg);

describe('candidate resolution with rivals named together', () => {
  it('gives a person running in two contests full weight in each (no split that lets a rival outweigh them)', () => {
    const a = analysed('Sutan dan Bima sama-sama hadir tadi malam');
    expect(a.scores.get('pilpres-2029#1')).toBe(a.scores.get('pilpres-2029#2'));
    expect(a.scores.get('pilpres-2034#2')).toBe(a.scores.get('pilpres-2029#1'));
  });
  it('credits praise and scorn to the nearest mention before them', () => {
    const a = analysed('Bima mantap, Sutan payah 😂');
    expect(a.cueNear.pro.get('pilpres-2029#2')).toBeGreaterThan(0);
    expect(a.cueNear.pro.get('pilpres-2029#1') ?? 0).toBe(0);
    expect(a.cueNear.contra.get('pilpres-2029#1')).toBeGreaterThan(0);
    expect(a.cueNear.contra.get('pilpres-2029#2') ?? 0).toBe(0);
  });
  it('resolves to the praised candidate when pro and to the scorned one when contra', () => {
    const a = analysed('Bima mantap, Sutan payah 😂');
    expect(resolveCandidate(a, 'pro')).toBe('pilpres-2029#2');
    expect(resolveCandidate(a, 'contra')).toBe('pilpres-2029#1');
    const b = analysed('Sutan hebat, Bima bohong terus');
    expect(resolveCandidate(b, 'pro')).toBe('pilpres-2029#1');
    expect(resolveCandidate(b, 'contra')).toBe('pilpres-2029#2');
  });
  it('leaves a post with one mention or no cue as before', () => {
    expect(analysed('Bima mantap').cueNear.pro.size).toBe(0);
    const a = analysed('Bima dan Sutan bertemu di Bandung');
    expect(a.cueNear.pro.size + a.cueNear.contra.size).toBe(0);
  });
});
