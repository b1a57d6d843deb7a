import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { decide } from '../classify/classify.ts';
import { analyse } from '../features/extract-features.ts';
import { SIGNAL_INDEX } from '../features/feature-names.ts';
import { loadModel } from '../model/artefact.ts';
import { fold } from '../normalise/fold.ts';
import { readNumber } from '../normalise/numbers.ts';
import { tokenize } from '../normalise/tokenize.ts';
import { compileRegistry } from './compile-registry.ts';
import { matchMentions } from './match-mentions.ts';

// Contests that are in no training data: rules must work from the registry alone.
const period = { from: '2024-09-25', to: '2024-11-23' };
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilwalkot-kediri-2024',
      kind: 'walikota',
      region: { code: '35.71', name: 'Kota Kediri' },
      electionDate: '2024-11-27',
      campaignPeriod: period,
      candidates: [
        {
          number: 1,
          names: ['Andi Setiawan', 'Melati Sukma'],
          aliases: ['Cak Andi', 'Bu Melati'],
          jargon: ['RAPI'],
          hashtags: ['#KediriRapi', '#AndiMelati'],
          officialAccounts: [{ platform: 'instagram', handle: '@andimelati.kdr' }],
        },
        {
          number: 2,
          names: ['Guntur Wibisono', 'Ratih Pramesti'],
          aliases: ['Pak Guntur'],
          jargon: ['SEJUK'],
          hashtags: ['#KediriSejuk'],
        },
      ],
    },
    {
      id: 'pilbup-bantaeng-2024',
      kind: 'bupati',
      region: { code: '73.03', name: 'Kabupaten Bantaeng' },
      electionDate: '2024-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Syahrir Lamba', 'Nurlia'], aliases: ['Puang Syahrir', 'Tuan Guru Syahrir'] },
        { number: 2, names: ['Kotak Kosong'], aliases: ['kolom kosong'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const found = (text: string) =>
  matchMentions(reg, tokenize(text)).map((m) => `${m.kind}:${m.refs.join(',')}:${text.slice(m.start, m.end)}`);
const scores = (text: string, region: string, extra = {}) =>
  Object.fromEntries(analyse({ id: 'x', text, region, ...extra }, reg).scores);
const signal = (text: string, region: string) => analyse({ id: 'x', text, region }, reg);

describe('registry compilation for unseen contests', () => {
  it('treats regional titles (puang, tuan guru, andi, lalu) as honorifics, not name parts', () => {
    expect(found('Tuan guru di pondok kami mengisi pengajian')).toEqual([]);
    expect(found('puang saya sakit')).toEqual([]);
    expect(found('Puang Syahrir')).toEqual(['alias:pilbup-bantaeng-2024#1:Puang Syahrir']);
  });
  it('marks names that are ordinary words as capital-dependent: `Bu Melati` vs `bunga melati`', () => {
    expect(found('bunga melati')[0]).toMatch(/^namepart_word:/);
    const lower = signal('wangi bunga melati di teras', '35.71');
    expect(lower.scores.get('pilwalkot-kediri-2024#1') ?? 0).toBeLessThan(0.6);
    const upper = signal('Melati orangnya tegas', '35.71');
    expect(upper.scores.get('pilwalkot-kediri-2024#1')).toBeGreaterThanOrEqual(2);
  });
  it('derives the pair nickname from a camel-case hashtag and from the two first names', () => {
    expect(found('Andi-Melati')).toEqual(['alias:pilwalkot-kediri-2024#1:Andi-Melati']);
    expect(found('Guntur–Ratih')).toEqual(['alias:pilwalkot-kediri-2024#2:Guntur–Ratih']);
  });
});

describe('features for unseen contests', () => {
  it('reads jargon next to the place as the slogan only when written as one phrase', () => {
    const vector = (t: string) => signal(t, '35.71').vector.indices;
    const placeIdx = SIGNAL_INDEX.get('m_jargon_place');
    expect(vector('Kediri Sejuk!')).toContain(placeIdx);
    expect(vector('Kediri, sejuk sekali pagi ini')).not.toContain(placeIdx);
    expect(vector('pagi di Kediri sejuk')).not.toContain(placeIdx);
  });
  it('does not count the empty box named as the opponent as support for it', () => {
    const s = scores('Lawan kotak kosong kok takut, Puang Syahrir menang mutlak', '73.03');
    expect(s['pilbup-bantaeng-2024#1']).toBeGreaterThan(s['pilbup-bantaeng-2024#2'] ?? 0);
  });
  it('reads `coblos yang kosong` and `kosongkan` in an election post as the empty box', () => {
    expect(scores('Coblos yang kosong saja, jangan yang bergambar', '73.03')['pilbup-bantaeng-2024#2']).toBe(2);
    expect(scores('27 November suara rakyat kita kosongkan!', '73.03')['pilbup-bantaeng-2024#2']).toBe(2);
    expect(scores('Kosongkan jadwal tanggal 30, ada arisan', '73.03')['pilbup-bantaeng-2024#2']).toBeUndefined();
  });
  it('ignores `kotak kosong` / `kolom kosong` with nothing about an election', () => {
    expect(scores('Kotak kosong di lemari jadi rumah kucing', '73.03')).toEqual({});
    expect(scores('Kolom kosong di tabel jangan lupa diisi ya nak', '73.03')).toEqual({});
  });
  it('knows Bugis, Makassar, Sasak and Minang number words', () => {
    expect(readNumber(fold('tellu'))?.value).toBe(3);
    expect(readNumber(fold('tallu'))?.value).toBe(3);
    expect(readNumber(fold('seddi'))?.value).toBe(1);
    expect(readNumber(fold('sekek'))?.value).toBe(1);
    expect(readNumber(fold('ciek'))?.value).toBe(1);
  });
  it('finds the parent candidate from the parent author handle when it is not given', () => {
    const s = scores('Siap menangkan!', '35.71', { context: { parentAuthor: '@AndiMelati.kdr' } });
    expect(s['pilwalkot-kediri-2024#1']).toBe(2.5);
  });
  it('calls a post contra when every vote verb in it is negated (`ndak usah dipilih`)', () => {
    const a = signal('Guntur–Ratih cuma bisa janji. Ndak usah dipilih!', '35.71');
    expect(a.negVoteOnly).toBe(true);
    expect(signal('Jangan lupa coblos Guntur–Ratih', '35.71').negVoteOnly).toBe(false);
    const r = decide(a, 'Guntur–Ratih cuma bisa janji. Ndak usah dipilih!', loadModel());
    if (r.flagged) expect(r.stance).toBe('contra');
  });
});
