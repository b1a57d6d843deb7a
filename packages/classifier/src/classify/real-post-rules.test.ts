import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { SIGNAL_INDEX, SIGNALS, type SignalName } from '../features/feature-names.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Invented contests, in no corpus: two national races (region 00) that share a person, and one province race.
const period = { from: '2030-01-01', to: '2030-02-10' };
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilpres-2029',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2029-02-14',
      campaignPeriod: { from: '2028-11-01', to: '2029-02-10' },
      candidates: [
        { number: 1, names: ['Surya Atmaja', 'Lukas Waromi'], parties: ['Partai Samudra'] },
        { number: 2, names: ['Galih Pranata', 'Wulan Sari'], parties: ['Partai Gunung'] },
      ],
    },
    {
      id: 'pilpres-2034',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2034-02-14',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Rahmat Hidayat', 'Nia Kurnia'], parties: ['Partai Lembah'] },
        { number: 2, names: ['Galih Pranata', 'Yudha Permana'], parties: ['Partai Gunung'] },
      ],
    },
    {
      id: 'pilgub-gorontalo-2034',
      kind: 'gubernur',
      region: { code: '75', name: 'Provinsi Gorontalo' },
      electionDate: '2034-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Idris Mohamad', 'Sri Ayuba'] },
        { number: 2, names: ['Fikri Dunggio', 'Rosna Hulopi'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const post = (text: string, region = '75', extra: object = {}) => analyse({ id: 't', text, region, ...extra }, reg);
const signal = (text: string, name: SignalName, region = '75') =>
  post(text, region).vector.indices.includes(SIGNAL_INDEX.get(name)!);

describe('presidential contests (region 00) apply everywhere', () => {
  it('finds a presidential candidate in a post from a province with its own contest', () => {
    expect(resolveCandidate(post('Rahmat Hidayat pilihan saya, yakin menang!', '75'))).toBe('pilpres-2034#1');
  });
  it('reads a bare ballot number as the local contest, and as the presidency when the post says presiden', () => {
    expect(resolveCandidate(post('pokoknya nomor 2 gas terus', '75'))).toBe('pilgub-gorontalo-2034#2');
    expect(resolveCandidate(post('capres nomor 1 gas terus', '75'))?.startsWith('pilpres-')).toBe(true);
  });
});

describe('a person who ran in two contests', () => {
  it('goes to the contest whose running mate or rival is also named', () => {
    expect(resolveCandidate(post('Galih Pranata dan Wulan Sari paling pas', '00'))).toBe('pilpres-2029#2');
    expect(resolveCandidate(post('Galih Pranata sama Yudha Permana paling pas', '00'))).toBe('pilpres-2034#2');
  });
  it('goes to the contest listed first in the registry when nothing else tells them apart', () => {
    expect(resolveCandidate(post('Galih Pranata paling pas', '00'))).toBe('pilpres-2029#2');
  });
});

describe('a party named instead of the ticket', () => {
  it('names the candidate the party backs in the post’s contests', () => {
    expect(resolveCandidate(post('Partai Lembah sudah pasti di hati', '00'))).toBe('pilpres-2034#1');
    expect(signal('Partai Lembah sudah pasti di hati', 'party_only', '00')).toBe(true);
  });
});

describe('register and voice', () => {
  it('marks a title-case headline that names a candidate, without the author’s own voice', () => {
    const headline = 'Idris Mohamad Gelar Kampanye Akbar Di Lapangan Kota Gorontalo Hari Ini';
    expect(signal(headline, 'news_headline_with_target')).toBe(true);
    expect(signal(headline, 'voice_first_with_target')).toBe(false);
  });
  it('marks reporting verbs next to a candidate, but not when the author speaks for themself', () => {
    expect(
      signal('Fikri Dunggio mengatakan programnya siap dijalankan tahun depan', 'news_reporting_with_target'),
    ).toBe(true);
    expect(signal('aku sih yakin Fikri Dunggio menurut aku paling siap', 'news_reporting_with_target')).toBe(false);
    expect(signal('aku sih yakin Fikri Dunggio menurut aku paling siap', 'voice_first_with_target')).toBe(true);
  });
  it('marks poll results, laughter, comparisons and wishes', () => {
    expect(signal('Survei terbaru: elektabilitas Idris Mohamad 41 persen', 'news_poll_with_target')).toBe(true);
    expect(signal('wkwkwk Fikri Dunggio lucu bener', 'voice_laugh_with_target')).toBe(true);
    expect(signal('mending Idris Mohamad daripada yang lain', 'compare_with_target')).toBe(true);
    expect(signal('semoga Idris Mohamad menang ya', 'wish_with_target')).toBe(true);
  });
  it('marks mobilisation without a name and a bare shared link', () => {
    expect(signal('besok kumpul di posko jam 7, bus sudah siap, ayo bareng', 'mobilise_event')).toBe(true);
    expect(signal('Debat kedua malam ini https://example.org/a', 'news_url_only_share')).toBe(true);
  });
  // 1.7.0 dropped character n-grams (they fitted each source's spelling; docs/classifier.md, 1.7.0).
  it('hashes words, not their letters: a typo shares no hashed gram with the word', () => {
    const grams = (text: string) => post(text).vector.indices.filter((i) => i >= SIGNALS.length);
    const a = new Set(grams('jembatam'));
    const b = grams('jembatan');
    expect(a.size).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(b.filter((i) => a.has(i))).toEqual([]);
    // Two words give two unigrams and one bigram, nothing per letter.
    expect(grams('mantul pisan')).toHaveLength(3);
  });
});
