import { createRequire } from 'node:module';
import { fold } from '../normalise/fold.ts';

let words: Set<string> | null = null;

/**
 * True when a folded word is an Indonesian root word (Sastrawi's kata dasar list shipped with natural, ~30k
 * words): `bagus`, `lancar`, `guru`, `citra`. Used at registry compile time only, to tell candidate names that
 * are also ordinary words from distinctive ones. Loaded once, lazily.
 */
export function isDictionaryWord(folded: string): boolean {
  if (!words) {
    const require = createRequire(import.meta.url);
    const list = require('natural/lib/natural/stemmers/indonesian/data/kata-dasar.json') as string[];
    words = new Set(list.filter((w) => /^\p{L}+$/u.test(w)).map((w) => fold(w)));
  }
  return words.has(folded);
}
