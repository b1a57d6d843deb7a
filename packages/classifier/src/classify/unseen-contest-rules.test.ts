import { isEmptyBox, type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { compileRegistry, partyForms } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Invented races, in no corpus: a presidential race, a governor race in province 97 and two regency races in it
// (one against the empty box, listed under the KPU ballot's name `Kolom Kosong`). One party backs a ticket in each.
const period = { from: '2044-09-25', to: '2044-11-23' };
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilpres-2044',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2044-02-14',
      campaignPeriod: { from: '2043-11-28', to: '2044-02-10' },
      candidates: [
        { number: 1, names: ['Aditya Kusuma', 'Mirna Lestiani'], parties: ['Partai Golongan Karya'] },
        { number: 2, names: ['Benny Tampubolon', 'Kartini Wulan'], parties: ['Partai Nelayan Makmur'] },
      ],
    },
    {
      id: 'pilgub-palapa-2044',
      kind: 'gubernur',
      region: { code: '97', name: 'Provinsi Palapa' },
      electionDate: '2044-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Hamdan Lubis', 'Rosita Dewanti'], parties: ['Partai Nelayan Makmur'] },
        { number: 2, names: ['Oktavia Manurung', 'Fajar Sidik'], parties: ['Partai Golongan Karya'] },
      ],
    },
    {
      id: 'pilbup-karangjati-2044',
      kind: 'bupati',
      region: { code: '97.02', name: 'Kabupaten Karangjati' },
      electionDate: '2044-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Sutrisno Wiryo', 'Endah Palupi'], parties: ['Partai Golongan Karya'] },
        { number: 2, names: ['Yohanes Bere', 'Safira Umar'], parties: ['Partai Nelayan Makmur'] },
        { number: 3, names: ['Ilham Prakoso', 'Nadia Rusdi'], parties: ['Partai Buruh'] },
      ],
    },
    {
      id: 'pilbup-watugede-2044',
      kind: 'bupati',
      region: { code: '97.05', name: 'Kabupaten Watugede' },
      electionDate: '2044-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Gregorius Laka', 'Sumarni Dewi'] },
        { number: 2, names: ['Kolom Kosong'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const resolved = (text: string, region: string, stance: 'pro' | 'contra' | null = 'pro', extra: object = {}) =>
  resolveCandidate(analyse({ id: 't', text, region, kind: 'post', ...extra }, reg), stance);

describe('the empty box under its other names', () => {
  it('treats a candidate named `Kolom Kosong` as the empty box', () => {
    expect(isEmptyBox({ names: ['Kolom Kosong'] })).toBe(true);
    expect(isEmptyBox({ names: ['Kolom Harapan'] })).toBe(false);
    expect(reg.candidates.get('pilbup-watugede-2044#2')?.emptyBox).toBe(true);
  });
  it('hears `kotak kosong`, `kokos` and `bumbung kosong` whichever name the registry lists', () => {
    for (const text of [
      'Coblos kotak kosong!',
      'KOKOS menang, Watugede butuh yang baru',
      'pilih bumbung kosong wae lah',
    ]) {
      expect(resolved(text, '97.05')).toBe('pilbup-watugede-2044#2');
    }
  });
  it('does not take the words alone as the box', () => {
    const a = analyse({ id: 't', text: 'bumbung bambu dan box plastik dijual murah', region: '97.05' }, reg);
    expect(a.scores.size).toBe(0);
  });
});

describe('party forms', () => {
  it('adds the name without `Partai`, its initials, and a national short name', () => {
    expect(partyForms('Partai Nelayan Makmur')).toEqual([
      ['partai', 'nelayan', 'makmur'],
      ['nelayan', 'makmur'],
      ['pnm'],
    ]);
    expect(partyForms('Partai Golongan Karya')).toContainEqual(['golkar']);
    expect(partyForms('PDI Perjuangan')).toContainEqual(['pdip']);
  });
  it('keeps a registry of short names as it was, and leaves an ordinary word alone', () => {
    expect(partyForms('PKB')).toEqual([['pkb']]);
    expect(partyForms('Golkar')).toEqual([['golkar']]);
    // `Partai Buruh` named as just `buruh` would be every post about workers.
    expect(partyForms('Partai Buruh')).not.toContainEqual(['buruh']);
  });
});

describe('a party backing tickets in several races', () => {
  it('stays split (no candidate) when the post names no race', () => {
    expect(resolved('PNM solid, pasti menang!', '97.02')).toBeNull();
  });
  it('points at its ticket in the race the office words name, also with -nya', () => {
    expect(resolved('PNM solid menangkan capres kita!', '97.02')).toBe('pilpres-2044#2');
    expect(resolved('Golkar all out buat cagubnya', '97.02')).toBe('pilgub-palapa-2044#2');
    expect(resolved('Kader Nelayan Makmur siap menangkan Pilbup', '97.02')).toBe('pilbup-karangjati-2044#2');
  });
  it('else at its ticket in the race of the one place the post names', () => {
    expect(resolved('Nelayan Makmur menang di Karangjati!', '97.02')).toBe('pilbup-karangjati-2044#2');
    expect(resolved('Palapa milik Partai Nelayan Makmur!', '97.02')).toBe('pilgub-palapa-2044#1');
  });
});

describe('a party and a race: what does not narrow it', () => {
  it('a post that names a person: it is about that person, not the party ticket', () => {
    // Talk of whom the party will put up: Aditya runs for president, the post is about the governor race.
    const a = analyse({ id: 't', text: 'Golkar usung Aditya jadi cagub?', region: '97.02' }, reg);
    expect(a.scores.get('pilgub-palapa-2044#2') ?? 0).toBeLessThan(0.6);
  });
  it("administrative words (`tingkat provinsi`) and the parent post's place names", () => {
    expect(resolved('PNM juara lomba tingkat provinsi', '97.02', 'pro')).toBeNull();
    // The parent names the province as a place only: a bare number stays with the regency race.
    expect(
      resolved('nomor 2 wae', '97.02', 'pro', { kind: 'comment', context: { parentText: 'Lomba di Palapa' } }),
    ).toBe('pilbup-karangjati-2044#2');
  });
});

describe('a comparison names the one measured against', () => {
  it('is about the preferred one when for, the other when against', () => {
    expect(resolved('Daripada Sutrisno, mending Ilham', '97.02', 'pro')).toBe('pilbup-karangjati-2044#3');
    expect(resolved('Daripada Sutrisno, mending Ilham', '97.02', 'contra')).toBe('pilbup-karangjati-2044#1');
    expect(resolved('Ilham jauh lebih merakyat ketimbang Pak Sutrisno', '97.02', 'pro')).toBe(
      'pilbup-karangjati-2044#3',
    );
    expect(resolved('timbang Sutrisno aku luwih milih Ilham', '97.02', 'pro')).toBe('pilbup-karangjati-2044#3');
  });
  it('changes nothing when only one side is a candidate', () => {
    expect(resolved('Mending Sutrisno daripada golput', '97.02', 'pro')).toBe('pilbup-karangjati-2044#1');
  });
});

describe("a reply's bare ballot number goes to the race its parent names", () => {
  const reply = (parentText: string) => ({ kind: 'comment', context: { parentText } });
  it('the governor race, the presidency, or (no race named) the regency as before', () => {
    expect(resolved('nomor 2 wae', '97.02', 'pro', reply('Pilgub Palapa makin panas, pilih siapa?'))).toBe(
      'pilgub-palapa-2044#2',
    );
    expect(resolved('aku nomor 1', '97.02', 'pro', reply('Siapa capres pilihan kalian?'))).toBe('pilpres-2044#1');
    expect(resolved('nomor 2 wae', '97.02', 'pro', reply('Sudah siap datang ke TPS besok?'))).toBe(
      'pilbup-karangjati-2044#2',
    );
  });
  it("lets the reply's own race word win over the parent's", () => {
    expect(resolved('bupati nomor 2 wae', '97.02', 'pro', reply('Pilgub Palapa makin panas'))).toBe(
      'pilbup-karangjati-2044#2',
    );
  });
});
