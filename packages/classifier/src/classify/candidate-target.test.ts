import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { findBallotNumbers } from '../features/ballot-numbers.ts';
import { analyse } from '../features/extract-features.ts';
import { readNumber } from '../normalise/numbers.ts';
import { tokenize } from '../normalise/tokenize.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Invented contests in no training data: a governor race with three pairs and a regency race against the empty box.
const period = { from: '2024-09-25', to: '2024-11-23' };
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilgub-maluku-2024',
      kind: 'gubernur',
      region: { code: '81', name: 'Provinsi Maluku' },
      electionDate: '2024-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Yosef Latuconsina', 'Rina Pattinama'], aliases: ['Bung Yosef'] },
        { number: 2, names: ['Hasan Tuasikal', 'Maria Wattimena'], aliases: ['Pak Hasan'] },
        { number: 3, names: ['Daniel Sahetapy', 'Fatma Ohorella'], aliases: ['Om Daniel'] },
      ],
    },
    {
      id: 'pilbup-buru-2024',
      kind: 'bupati',
      region: { code: '81.04', name: 'Kabupaten Buru' },
      electionDate: '2024-11-27',
      campaignPeriod: period,
      candidates: [
        { number: 1, names: ['Ikhsan Wamnebo', 'Lina Nurlatu'], aliases: ['Bang Ikhsan'] },
        { number: 2, names: ['Kotak Kosong'], aliases: ['kolom kosong'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const resolve = (text: string, region: string, stance: 'pro' | 'contra' | null = null) =>
  resolveCandidate(analyse({ id: 't', text, region }, reg), stance);
const forms = (text: string) => findBallotNumbers(tokenize(text)).map((b) => `${b.value}:${b.form}`);

describe('candidate resolution on unseen contests', () => {
  it('reads Batak `sada` (1) as a number word, like `tolu` (3)', () => {
    expect(readNumber('sada')).toEqual({ value: 1, form: 'word' });
    expect(resolve('Pilih ma na denggan, nomor sada!', '81.04')).toBe('pilbup-buru-2024#1');
  });
  it('reads `<office word> yang <number>` as a ballot number', () => {
    expect(forms('gubernur yang tiga aja')).toEqual(['3:prefixed']);
    expect(forms('calon yg dua itu')).toEqual(['2:prefixed']);
    expect(forms('yang 2 itu')).toEqual(['2:bare']);
    expect(forms('bupati yang dua periode')).toEqual([]);
    expect(resolve('Gak usah bingung, gubernur yang tiga aja. Programnya jelas.', '81.04')).toBe(
      'pilgub-maluku-2024#3',
    );
  });
  it('reads `calon tunggal` as the single candidate of a contest against the empty box', () => {
    expect(resolve('Calon tunggal torang pe harapan, pilih sudah!', '81.04')).toBe('pilbup-buru-2024#1');
    // Backing the box while naming the single candidate: pro → the box.
    expect(resolve('Calon tunggal nda pernah turun ke kampung. Mending coblos kotaknya saja', '81.04', 'pro')).toBe(
      'pilbup-buru-2024#2',
    );
  });
  it('targets the single candidate when a post against names both the candidate and the box', () => {
    const text = 'Calon tunggal kok takut debat? Programnya kosong. Mending pilih kotak kosong yang jujur';
    expect(resolve(text, '81.04', 'pro')).toBe('pilbup-buru-2024#2');
    expect(resolve(text, '81.04', 'contra')).toBe('pilbup-buru-2024#1');
    // A reply whose parent post names the candidate: backing the box (📦) stays on the box.
    const reply = analyse(
      {
        id: 't',
        text: 'Partainya diborong semua, suaranya belum tentu 😏📦',
        region: '81.04',
        context: { parentText: 'Enam partai usung Ikhsan Wamnebo–Lina Nurlatu melawan kolom kosong.' },
      },
      reg,
    );
    expect(resolveCandidate(reply, 'contra')).toBe('pilbup-buru-2024#2');
    // An attack on the box alone stays on the box.
    expect(
      resolve('Kotak kosong tidak bisa tanda tangan SK. Jangan main-main pilih kolom kosong', '81.04', 'contra'),
    ).toBe('pilbup-buru-2024#2');
  });
});
