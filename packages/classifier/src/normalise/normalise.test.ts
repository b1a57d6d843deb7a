import { describe, expect, it } from 'vitest';
import { fold, isShouted } from './fold.ts';
import { readGesture, readNumber } from './numbers.ts';
import { standardise } from './slang.ts';
import { stem } from './stem.ts';
import { tokenize } from './tokenize.ts';

describe('fold', () => {
  it('folds fancy Unicode letters and full-width digits through NFKC', () => {
    expect(fold('𝐂𝐨𝐛𝐥𝐨𝐬')).toBe('coblos');
    expect(fold('２')).toBe('2');
  });
  it('squeezes repeated letters so stretched words meet their plain form', () => {
    expect(fold('mantaaaap')).toBe(fold('Mantap'));
    expect(fold('JOSSSS')).toBe(fold('joss'));
  });
  it('never squeezes digits', () => {
    expect(fold('2000')).toBe('2000');
  });
  it('strips diacritics', () => {
    expect(fold('kampañye')).toBe('kampanye');
  });
  it('recognises shouted words but not fancy lower case', () => {
    expect(isShouted('HATI')).toBe(true);
    expect(isShouted('hati')).toBe(false);
    expect(isShouted('𝐜𝐨𝐛𝐥𝐨𝐬')).toBe(false);
  });
});

describe('slang and abbreviations', () => {
  it('maps online spellings to standard words and keeps negations', () => {
    expect(standardise(fold('jgn'))).toBe('jangan');
    expect(standardise(fold('gak'))).toBe('tidak');
    expect(standardise(fold('nomer'))).toBe('nomor');
    expect(standardise(fold('cobols'))).toBe('coblos');
    expect(standardise(fold('ojo'))).toBe('jangan');
  });
});

describe('number words', () => {
  it('reads Indonesian, Javanese, Sundanese and Lampung number words', () => {
    expect(readNumber('dua')?.value).toBe(2);
    expect(readNumber('loro')?.value).toBe(2);
    expect(readNumber('tilu')?.value).toBe(3);
    expect(readNumber(fold('khua'))?.value).toBe(2);
    expect(readNumber('siji')?.value).toBe(1);
  });
  it('marks zero-padded numbers as a ballot form and ignores years', () => {
    expect(readNumber('02')).toEqual({ value: 2, form: 'padded' });
    expect(readNumber('2024')).toBeNull();
  });
  it('reads gestures with skin tones and keycaps as numbers', () => {
    expect(readGesture('✌🏽')?.value).toBe(2);
    expect(readGesture('☝️')?.value).toBe(1);
    expect(readGesture('🤟')?.value).toBe(3);
    expect(readGesture('3️⃣')).toEqual({ value: 3, form: 'keycap' });
    expect(readGesture('😂')).toBeNull();
  });
});

describe('tokenize', () => {
  it('keeps offsets into the original text, including after astral characters', () => {
    const text = '𝐂𝐨𝐛𝐥𝐨𝐬 no2 ✌🏽 #MesujiBersinar';
    const tokens = tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
    expect(tokens.map((t) => t.key)).toEqual(['coblos', 'nomor', '2', '<g2>', 'mesujibersinar']);
  });
  it('splits a number glued to its prefix and reads keycaps', () => {
    const tokens = tokenize('nmr3 2️⃣');
    expect(tokens.map((t) => t.num?.value ?? null)).toEqual([null, 3, 2]);
  });
  it('reads a reduplication written with 2 as the word', () => {
    expect(tokenize('kemarin2')[0]!.key).toBe('kemarin');
  });
});

describe('stem', () => {
  it('stems Indonesian affixes but protects election words the stemmer mangles', () => {
    expect(stem('memenangkan')).toBe('menang');
    expect(stem('pemilu')).toBe('pemilu');
    expect(stem('relawan')).toBe('relawan');
    expect(stem('pemilih')).toBe('pemilih');
  });
});
