import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { raceFrame } from '../features/contest-frame.ts';
import { analyse } from '../features/extract-features.ts';
import { tokenize } from '../normalise/tokenize.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Invented contests, in no corpus: two national races (region 00) that share a person and a party, and one
// province race with its own slogan.
const period = { from: '2040-01-01', to: '2040-02-10' };
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilpres-2039',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2039-02-14',
      campaignPeriod: { from: '2038-11-01', to: '2039-02-10' },
      candidates: [
        { number: 1, names: ['Teguh Santoso', 'Marlina Siregar'], parties: ['Partai Ombak'] },
        { number: 2, names: ['Bima Sakti Nugraha', 'Dewa Kusuma'], parties: ['Partai Karang'] },
      ],
    },
    {
      id: 'pilpres-2044',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2044-02-14',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Yosef Wanggai', 'Laila Fitriana'], parties: ['Partai Tebing'] },
        { number: 2, names: ['Bima Sakti Nugraha', 'Hendra Gunadi'], parties: ['Partai Karang'] },
      ],
    },
    {
      id: 'pilgub-maluku-2044',
      kind: 'gubernur',
      region: { code: '81', name: 'Provinsi Maluku' },
      electionDate: '2044-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Hengky Latuconsina', 'Ratih Pattinama'] },
        { number: 2, names: ['Jafar Tuasikal', 'Olivia Manuhutu'], jargon: ['Sejahtera'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const resolve = (text: string, region = '81', extra: object = {}) =>
  resolveCandidate(analyse({ id: 't', text, region, ...extra }, reg));

describe('the race a post talks about', () => {
  it('reads pilkada/cagub words as a regional race and pilpres/capres words as the presidential one', () => {
    expect(raceFrame(tokenize('siapa cagub kalian tahun ini?'))).toBe('regional');
    expect(raceFrame(tokenize('calon bupati kita belum jelas'))).toBe('regional');
    expect(raceFrame(tokenize('#PilkadaMaluku damai'))).toBe('regional');
    expect(raceFrame(tokenize('capres mana yang kalian pilih'))).toBe('president');
    expect(raceFrame(tokenize('pilpres lalu pilkada, capek juga'))).toBe('both');
    // An office recalled is not a race: `mantan gubernur` is said of presidential candidates too.
    expect(raceFrame(tokenize('beliau mantan gubernur yang rajin'))).toBe(null);
  });
  it('does not read a presidential-only person as the target of a post about a regional race', () => {
    expect(resolve('Yosef Wanggai cocok jadi cagub di sini, maju saja pak!')).toBe(null);
    expect(resolve('pilkada nanti aku ikut pilihan Yosef Wanggai: Jafar Tuasikal')).toBe('pilgub-maluku-2044#2');
  });
  it('keeps the presidential candidate when the post talks about the presidency, or about no race at all', () => {
    expect(resolve('Yosef Wanggai cocok jadi presiden, gas!')).toBe('pilpres-2044#1');
    expect(resolve('pilpres dan pilkada sama saja, aku tetap Yosef Wanggai')).toBe('pilpres-2044#1');
    expect(resolve('Yosef Wanggai cocok, gas!')).toBe('pilpres-2044#1');
  });
  it('goes by the parent post when the reply says nothing about the race', () => {
    const parentText = 'Debat pilkada Maluku malam ini';
    expect(resolve('Yosef Wanggai ikut nonton', '81', { context: { parentText } })).toBe(null);
  });
  it('prefers the local contest over a national figure named as often, unless the post is about the presidency', () => {
    expect(resolve('Yosef Wanggai datang, Hengky Latuconsina senyum terus')).toBe('pilgub-maluku-2044#1');
    expect(resolve('Hengky Latuconsina datang, Yosef Wanggai presiden idaman')).toBe('pilpres-2044#1');
  });
});

describe('a person who runs in two contests', () => {
  it('goes to the contest whose election year the post writes', () => {
    expect(resolve('Bima Sakti Nugraha paling siap', '00')).toBe('pilpres-2039#2');
    expect(resolve('Bima Sakti Nugraha paling siap di pemilu 2044', '00')).toBe('pilpres-2044#2');
    expect(resolve('#Debat2044 Bima Sakti Nugraha paling siap', '00')).toBe('pilpres-2044#2');
  });
});

describe('a party named instead of the ticket', () => {
  it('names the ticket when the party backs one in the post’s contests', () => {
    expect(resolve('Partai Tebing sudah pasti di hati', '00')).toBe('pilpres-2044#1');
  });
  it('names no ticket when the party backs tickets in two contests and nothing else tells them apart', () => {
    expect(resolve('Partai Karang sudah pasti di hati', '00')).toBe(null);
    // With the running mate named the contest is known, and the party adds to it.
    expect(resolve('Partai Karang dan Hendra Gunadi sudah pasti di hati', '00')).toBe('pilpres-2044#2');
  });
});

describe('evidence weights', () => {
  it('counts a prefixed ballot number in full when the region has a single regional contest', () => {
    // Before: the governor contest's number was discounted (x0.45) without a governor word, so any name won.
    expect(resolve('paslon nomor 2 jauh lebih siap, Hengky kurang')).toBe('pilgub-maluku-2044#2');
  });
  it('does not read capitals as shouting a slogan when the whole post is in capitals', () => {
    expect(resolve('KAMI MAU SEJAHTERA BUKAN JANJI, SEJAHTERA! HENGKY LATUCONSINA SUDAH CUKUP')).toBe(
      'pilgub-maluku-2044#1',
    );
    expect(resolve('Hengky Latuconsina sudah cukup, kami mau SEJAHTERA, SEJAHTERA!')).toBe('pilgub-maluku-2044#2');
  });
  it('lets the names in the parent post break ties only, when the reply names a candidate itself', () => {
    const parentText = 'Jafar Tuasikal jawab soal pelabuhan, Jafar Tuasikal juga bahas nelayan';
    expect(resolve('Hengky Latuconsina paling masuk akal', '81', { context: { parentText } })).toBe(
      'pilgub-maluku-2044#1',
    );
    // A reply that names nobody still goes by its parent.
    expect(resolve('paling masuk akal jawabannya', '81', { context: { parentText } })).toBe('pilgub-maluku-2044#2');
  });
});

describe('short forms of a name after a form of address', () => {
  it('reads the beginning or end of a distinctive name word after pak/bu/om/pa as that candidate', () => {
    expect(resolve('semangat terus Pak Latu, jangan kendor')).toBe('pilgub-maluku-2044#1');
    expect(resolve('om Sikal kapan datang ke kampung kami')).toBe('pilgub-maluku-2044#2');
    expect(resolve('pa Jafar mantap jawabannya')).toBe('pilgub-maluku-2044#2');
  });
  it('ignores short forms without an address or across punctuation', () => {
    expect(resolve('latu latu di halaman rumah')).toBe(null);
    expect(resolve('terima kasih pak, Latu itu nama kampung')).toBe(null);
  });
  it('ignores short forms that are ordinary words', () => {
    // `Tuasikal` begins with `tuas` (a lever): `pak tuas` is no one.
    expect(resolve('pak tuas mesinnya patah')).toBe(null);
    expect(resolve('bu Oliv sudah datang')).toBe('pilgub-maluku-2044#2');
  });
});
