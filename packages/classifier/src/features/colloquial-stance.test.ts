import { type Classifiable, type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { compileRegistry } from '../registry/compile-registry.ts';
import { analyse } from './extract-features.ts';
import { SIGNAL_INDEX, type SignalName } from './feature-names.ts';

// An invented province race, in no corpus; every post below is invented for the test.
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilgub-maluku-2034',
      kind: 'gubernur',
      region: { code: '81', name: 'Provinsi Maluku' },
      electionDate: '2034-11-27',
      campaignPeriod: { from: '2034-09-01', to: '2034-11-23' },
      candidates: [
        { number: 1, names: ['Yosef Latuconsina', 'Mira Tuasikal'] },
        { number: 2, names: ['Hendrik Pattimura', 'Sari Wattimena'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
/** The value of one signal in the post's vector (0 when absent, as for a signal that does not exist). */
const value = (text: string, name: SignalName, extra: Partial<Classifiable> = {}) => {
  const v = analyse({ id: 't', text, region: '81', ...extra }, reg).vector;
  const at = v.indices.indexOf(SIGNAL_INDEX.get(name) ?? -1);
  return at < 0 ? 0 : v.values[at]!;
};
/** A comment under a video title that names one candidate. */
const underTitle: Partial<Classifiable> = {
  kind: 'comment',
  context: { parentText: 'Debat kedua: Yosef Latuconsina soal jalan rusak' },
};

describe('colloquial and regional stance words', () => {
  it('finds Javanese and Sundanese praise next to a candidate', () => {
    expect(value('Yosef Latuconsina apik tenan, ngayomi wong cilik', 'stance_praise_colloquial_target')).toBe(1);
    expect(value('Pak Hendrik Pattimura mah bageur, someah ka sasaha', 'stance_praise_colloquial_target')).toBe(1);
  });
  it('finds colloquial scorn next to a candidate, and only the bare word in a post naming no one', () => {
    expect(value('Hendrik Pattimura ngapusi terus, mbelgedes', 'stance_attack_colloquial_target')).toBe(1);
    expect(value('hari ini macet, jalannya ancur', 'stance_attack_colloquial_target')).toBe(0);
    expect(value('hari ini macet, jalannya ancur', 'stance_attack_colloquial')).toBe(1);
  });
  it('does not aim a cue far from the candidate it names', () => {
    const far =
      'Hendrik Pattimura kemarin datang ke kampung kami naik kapal dari pulau seberang, terus ada yang bilang ngapusi';
    expect(value(far, 'stance_attack_colloquial')).toBe(1);
    expect(value(far, 'stance_attack_colloquial_target')).toBe(0);
  });
  it('aims a cue at the candidate the parent names when the reply names none', () => {
    expect(value('orangnya bageur pisan', 'stance_praise_colloquial_target', underTitle)).toBe(1);
    expect(value('orangnya bageur pisan', 'stance_praise_colloquial_target')).toBe(0);
  });
});

describe('a reply whose target is in the parent', () => {
  it('reads agreement under a title that names a candidate, not without one', () => {
    expect(value('setuju bu, betul itu', 'reply_agree_parent', underTitle)).toBe(1);
    expect(value('setuju bu, betul itu', 'reply_agree_parent')).toBe(0);
  });
  it('reads a support cue and an attack cue of a reply that names no one', () => {
    expect(value('mantap, gas terus', 'reply_parent_pro_cue', underTitle)).toBe(1);
    expect(value('janji doang wkwk', 'reply_parent_contra_cue', underTitle)).toBe(1);
    expect(value('janji doang wkwk', 'reply_parent_pro_cue', underTitle)).toBe(0);
  });
  it('leaves the reply signals off when the reply names a candidate itself', () => {
    expect(value('Hendrik Pattimura mantap', 'reply_parent_pro_cue', underTitle)).toBe(0);
  });
  it('marks a short reply in the author’s own voice', () => {
    expect(value('aku sih lebih suka yang tadi', 'reply_parent_short_voice', underTitle)).toBe(1);
    expect(value('jadwal debat ketiga belum diumumkan', 'reply_parent_short_voice', underTitle)).toBe(0);
  });
});
