import type { ExpectedTerm } from './test-set.ts';

/** Lower case, NFKC, no diacritics; the `#` of a hashtag dropped (OCR often reads it as `H` or `#` alike). */
function norm(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^#/, '');
}

/** OCR text as comparable words: split on anything that is not a letter, digit or `#`. */
export function ocrWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(/[^\p{L}\p{N}#]+/u)) {
    if (!w) continue;
    out.add(norm(w));
    // `02` is the number 2 on a ballot.
    if (/^0\d$/.test(w)) out.add(w.slice(1));
  }
  return out;
}

/** The words a term is judged on: a hashtag is one word, names and slogans each of their words, a number itself. */
export function termWords(term: ExpectedTerm): string[] {
  if (term.kind === 'hashtag') return [norm(term.text)];
  return term.text
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(norm);
}

export interface RecallTally {
  found: number;
  total: number;
}

export type RecallByKind = Record<ExpectedTerm['kind'] | 'all', RecallTally>;

export function emptyRecall(): RecallByKind {
  return {
    name: { found: 0, total: 0 },
    number: { found: 0, total: 0 },
    slogan: { found: 0, total: 0 },
    hashtag: { found: 0, total: 0 },
    all: { found: 0, total: 0 },
  };
}

/** Adds one image's terms to the tally: a term word counts as found when the OCR text has it as a word. */
export function tallyRecall(tally: RecallByKind, terms: readonly ExpectedTerm[], text: string): string[] {
  const seen = ocrWords(text);
  const missed: string[] = [];
  for (const term of terms) {
    for (const w of termWords(term)) {
      const hit = seen.has(w);
      for (const k of [term.kind, 'all'] as const) {
        tally[k].total++;
        if (hit) tally[k].found++;
      }
      if (!hit) missed.push(`${term.kind}:${w}`);
    }
  }
  return missed;
}

export const recallOf = (t: RecallTally) => (t.total === 0 ? 1 : t.found / t.total);
