import { franc } from 'franc';
import type { Token } from '../normalise/tokenize.ts';

/** franc, restricted to the languages Netra sees; its ISO 639-3 codes mapped to the codes we report. */
const ONLY = ['ind', 'zlm', 'jav', 'sun', 'eng'];
const CODES: Record<string, string> = { ind: 'id', zlm: 'ms', jav: 'jv', sun: 'su', eng: 'en' };

/** Function words that identify a language in a few tokens, where trigram statistics are unreliable. */
const MARKERS: Record<string, Set<string>> = {
  jv: new Set(
    'iki iku kuwi sing ora wis lan karo opo piye neng nang dadi sampeyan aku awakdewe lur rek tenan nggih mboten'.split(
      ' ',
    ),
  ),
  su: new Set('teh mah atuh abdi urang teu naon kumaha sareng hiji tilu pisan nuju wae'.split(' ')),
  ljp: new Set('nyak puakhi tabik sai ino khua haga ram niku kham sinji'.split(' ')),
  ms: new Set('kamek kitak ndak kite ape ade macam nak sikit laen jak'.split(' ')),
  en: new Set('the and is are of to this that with for just not'.split(' ')),
  id: new Set('yang tidak dan ini itu dengan untuk sudah akan dari kami kita saya juga pada'.split(' ')),
};

/**
 * Language of a post: marker words first (short code-mixed posts), franc for longer text. Note that franc
 * calls short Indonesian `zlm` (Malay); without Malay markers that is reported as Indonesian.
 */
export function detectLanguage(text: string, tokens: readonly Token[]): string {
  const counts: Record<string, number> = {};
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const w = t.raw.toLowerCase();
    for (const [lang, set] of Object.entries(MARKERS)) if (set.has(w)) counts[lang] = (counts[lang] ?? 0) + 1;
  }
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (top && top[0] !== 'id' && top[1] >= 2 && top[1] >= (counts.id ?? 0)) return top[0];
  if (text.length < 25) return ranked[0]?.[0] ?? 'und';
  const code = CODES[franc(text.slice(0, 300), { only: ONLY, minLength: 10 })] ?? 'und';
  // Trigram guesses other than English need a marker word of that language to be believed.
  if (code === 'en' || (code !== 'und' && (counts[code] ?? 0) > 0)) return code;
  return 'id';
}
