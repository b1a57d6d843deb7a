import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}

let stemmer: Stemmer | null = null;
const cache = new Map<string, string>();

/**
 * Words the Indonesian stemmer (Sastrawi via natural) gets wrong for this task: `pemilu`→`milu`,
 * `relawan`→`rawan`, `pemilih`→`pilih` (a voter is not a vote call).
 */
const KEEP = /^(pemilu|pemilih|relawan|pilkada|pemenang|pendukung|pencoblos|pilihan|kampanye|netral|paslon|calon)/u;

/**
 * Stem of a folded Indonesian word. Loads only natural's Indonesian stemmer module (not the whole library,
 * whose dotenv import prints to stdout) on first use, and caches results.
 */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let result = word;
  if (word.length > 4 && /^\p{L}+$/u.test(word) && !KEEP.test(word)) {
    if (!stemmer) {
      const require = createRequire(import.meta.url);
      stemmer = require('natural/lib/natural/stemmers/indonesian/stemmer_id.js') as Stemmer;
    }
    result = stemmer.stem(word) || word;
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(word, result);
  return result;
}
