/**
 * Folds a word to the key every lexicon and registry lookup uses: NFKC (fancy fonts, full-width digits),
 * lower case, no diacritics, and every run of one repeated letter squeezed to a single letter, so that
 * `mantaaap`, `Mantap` and `𝐌𝐚𝐧𝐭𝐚𝐩` meet, and `JOSS`/`jossss` meet `jos`. Digits are never squeezed.
 */
export function fold(word: string): string {
  const lower = word.normalize('NFKC').toLowerCase();
  let plain = lower;
  if (/[^\u0000-\u007f]/.test(lower)) plain = lower.normalize('NFD').replace(/\p{M}+/gu, '');
  return plain.replace(/(\p{L})\1+/gu, '$1');
}

/** True when a word was written in capitals (`HATI`, `JOSS`), a hint that a jargon word is meant as jargon. */
export function isShouted(raw: string): boolean {
  const plain = raw.normalize('NFKC');
  return plain.length >= 3 && /\p{Lu}/u.test(plain) && plain === plain.toUpperCase();
}
