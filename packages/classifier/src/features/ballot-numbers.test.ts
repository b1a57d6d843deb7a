import { describe, expect, it } from 'vitest';
import { tokenize } from '../normalise/tokenize.ts';
import { findBallotNumbers } from './ballot-numbers.ts';

const forms = (text: string) => findBallotNumbers(tokenize(text)).map((b) => `${b.value}:${b.form}`);

describe('ballot numbers', () => {
  it('reads the written ballot forms', () => {
    expect(forms('coblos no 2')).toContain('2:prefixed');
    expect(forms('nomer dua')).toEqual(['2:prefixed']);
    expect(forms('pokoke 02')).toEqual(['2:padded']);
    expect(forms('salam dua jari')).toEqual(['2:jari']);
    expect(forms('nomor urut 3')).toEqual(['3:prefixed']);
    expect(forms('coblos 3 ya')).toEqual(['3:vote']);
    expect(forms('mantap #02')).toEqual(['2:hashtag']);
    expect(forms('Nomer loro, Rek')).toEqual(['2:prefixed']);
  });
  it('ignores ranks, polling stations, times and terms of office', () => {
    expect(forms('juara 2 lomba')).toEqual([]);
    expect(forms('TPS nomor 12 buka pukul 7')).toEqual([]);
    expect(forms('dua periode')).toEqual([]);
    expect(forms('kelas 3 SD')).toEqual([]);
  });
  it('reports bare numbers as weak', () => {
    expect(forms('yang 2 itu')).toEqual(['2:bare']);
  });
});
