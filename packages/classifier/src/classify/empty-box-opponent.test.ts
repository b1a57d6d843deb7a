import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Invented regency race with a single candidate against the empty box, inside a province race with two tickets.
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilgub-nusa-2029',
      kind: 'gubernur',
      region: { code: '91', name: 'Provinsi Nusa Kencana' },
      electionDate: '2029-11-27',
      campaignPeriod: { from: '2029-09-25', to: '2029-11-23' },
      candidates: [
        { number: 1, names: ['Bima Pradipta', 'Rusli Hamzah'], aliases: ['Pak Bima'] },
        { number: 2, names: ['Sekar Wulandari', 'Tegar Mahendra'], aliases: ['Bu Sekar'] },
      ],
    },
    {
      id: 'pilbup-lembah-2029',
      kind: 'bupati',
      region: { code: '91.01', name: 'Kabupaten Lembah Hijau' },
      electionDate: '2029-11-27',
      campaignPeriod: { from: '2029-09-25', to: '2029-11-23' },
      candidates: [
        { number: 1, names: ['Darmawan Sitompul', 'Yusuf Anggoro'], aliases: ['Pak Darmawan'] },
        { number: 2, names: ['Kotak Kosong'], emptyBox: true },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const resolved = (text: string, stance: 'pro' | 'contra') =>
  resolveCandidate(analyse({ id: 't', text, region: '91.01', kind: 'post' }, reg), stance);
const SINGLE = 'pilbup-lembah-2029#1';
const BOX = 'pilbup-lembah-2029#2';

describe('the empty box named as the opponent, the single candidate unnamed', () => {
  it('is about the single candidate', () => {
    expect(resolved('Lawan kotak kosong kok kampanye habis-habisan', 'contra')).toBe(SINGLE);
    expect(resolved('Kasihan lawannya kotak kosong, menang pun tak bangga', 'contra')).toBe(SINGLE);
    expect(resolved('Kasihan lawannya kotak kosong, menang pun tak bangga', 'pro')).toBe(SINGLE);
    // A word such as `cuma` may stand between.
    expect(resolved('Tenang, lawannya cuma kotak kosong, pasti menang', 'pro')).toBe(SINGLE);
  });
  it('leaves a post that backs the box, or has the box as the subject, with the box', () => {
    expect(resolved('Kotak kosong menang, biar pemilihan diulang', 'pro')).toBe(BOX);
    // The box is also named as the author's choice.
    expect(resolved('Darmawan vs kotak kosong? Saya pilih kotak kosong saja', 'pro')).toBe(BOX);
    // The box is the subject, the candidate the opponent.
    expect(resolved('Kotak kosong lawan Darmawan, kotak kosong pasti menang', 'pro')).toBe(BOX);
  });
});

describe('the bare word kosong in a flagged post', () => {
  it('does not name the empty box on its own (empty promises are no vote for the box)', () => {
    const a = analyse(
      { id: 't', text: 'Pilkada tahun ini programnya kosong semua', region: '91.01', kind: 'post' },
      reg,
    );
    expect([...a.scores.keys()]).toEqual([BOX]);
    expect(resolveCandidate(a, 'contra')).toBeNull();
    expect(resolveCandidate(a, 'pro')).toBeNull();
    // Next to a vote verb it is the box, as before.
    expect(resolved('Coblos yang kosong saja', 'pro')).toBe(BOX);
  });
});
