import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../normalise/tokenize.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { analyse } from './extract-features.ts';
import { SIGNAL_INDEX, type SignalName } from './feature-names.ts';
import { wholeField } from './neutral-cues.ts';

// An invented regency race, in no corpus; every post below is invented for the test.
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilbup-halmahera-2034',
      kind: 'bupati',
      region: { code: '82.01', name: 'Kabupaten Halmahera Barat' },
      electionDate: '2034-11-27',
      campaignPeriod: { from: '2034-09-01', to: '2034-11-23' },
      candidates: [
        { number: 1, names: ['Rizal Marsaoly', 'Nur Hasan'] },
        { number: 2, names: ['Frans Tuhumury', 'Lina Basri'] },
        { number: 3, names: ['Abdul Gafur Sangaji', 'Yanti Ohorella'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
/** The value of one signal in the post's vector (0 when absent, as for a signal that does not exist). */
const value = (text: string, name: SignalName) => {
  const v = analyse({ id: 't', text, region: '82.01' }, reg).vector;
  const at = v.indices.indexOf(SIGNAL_INDEX.get(name) ?? -1);
  return at < 0 ? 0 : v.values[at]!;
};

describe('the whole field at once', () => {
  it('reads a quantifier before a word for the contenders, and the reduplicated plural', () => {
    for (const text of [
      'kedua paslon sama-sama cuma obral janji',
      'semua calon datang ke pasar tadi pagi',
      'calon-calon itu tidak pernah mampir ke desa kami',
      'para kandidat harus adu program, bukan adu baliho',
    ]) {
      expect(value(text, 'field_all_sides'), text).toBe(1);
      expect(value(text, 'field_all_sides_unnamed'), text).toBe(1);
    }
  });
  it('reads "whoever wins", "all the same" and "none of them" in Indonesian, Javanese and Sundanese', () => {
    for (const text of [
      'siapa pun yang menang semoga amanah',
      'mau pilih yang mana juga sama saja',
      'wis kabeh podo wae',
      'sadayana oge sarua keneh',
      'tiga2nya cuma pencitraan',
      'nggak ada yang becus ngurus jalan',
      'masing-masing punya kelebihan',
    ]) {
      expect(value(text, 'field_all_sides'), text).toBe(1);
    }
  });
  it('keeps `field_all_sides_unnamed` off when the post names a candidate itself', () => {
    const text = 'Semua calon bagus, tapi Frans Tuhumury paling jujur';
    expect(value(text, 'field_all_sides')).toBe(1);
    expect(value(text, 'field_all_sides_unnamed')).toBe(0);
  });
  it('stays off for one side, a lone contender word, and "someone is right"', () => {
    for (const text of [
      'Rizal Marsaoly pilihan kami, nomor 1 pasti menang',
      'calon pengantin datang jam sembilan',
      'ada yang benar juga omongannya',
      'yang dua itu saja',
    ]) {
      expect(value(text, 'field_all_sides'), text).toBe(0);
      expect(wholeField(tokenize(text)), text).toBe(false);
    }
  });
});

describe('copy rather than talk', () => {
  const lead =
    'Calon bupati nomor urut 2 Frans Tuhumury meninjau pembangunan dermaga di Jailolo pada Senin pagi bersama warga';
  it('marks a long text with no chat particle, slang spelling or emoji, with and without a target', () => {
    expect(value(lead, 'register_formal')).toBe(1);
    expect(value(lead, 'register_formal_target')).toBe(1);
    const notice =
      'Pemadaman listrik bergilir di Kecamatan Jailolo berlangsung mulai pukul delapan hingga pukul dua belas';
    expect(value(notice, 'register_formal')).toBe(1);
    expect(value(notice, 'register_formal_target')).toBe(0);
  });
  it('stays off when the author talks: a particle, a slang spelling, an emoji, or a short text', () => {
    expect(value(`${lead} sih`, 'register_formal')).toBe(0);
    expect(value(lead.replace('bersama', 'bareng yg'), 'register_formal')).toBe(0);
    expect(value(`${lead} 👍`, 'register_formal')).toBe(0);
    expect(value('Frans Tuhumury meninjau dermaga', 'register_formal')).toBe(0);
  });
});
