import { franc } from 'franc';
import type { Token } from '../normalise/tokenize.ts';

/** franc, restricted to the languages Netra sees; its ISO 639-3 codes mapped to the codes we report. */
const ONLY = ['ind', 'zlm', 'jav', 'sun', 'eng'];
const CODES: Record<string, string> = { ind: 'id', zlm: 'ms', jav: 'jv', sun: 'su', eng: 'en' };

/** Function words that identify a language in a few tokens, where trigram statistics are unreliable. */
const MARKER_WORDS: Record<string, string> = {
  jv: 'iki iku kuwi sing ora wis lan karo opo piye neng nang dadi sampeyan awakdewe lur rek tenan nggih mboten',
  su: 'teh mah atuh abdi urang teu naon kumaha sareng hiji tilu pisan nuju wae',
  ljp: 'nyak puakhi tabik sai ino khua haga ram niku kham sinji',
  ms: 'kamek kitak ndak kite ape ade macam nak sikit laen jak',
  en: 'the and is are of to this that with for just not',
  id: 'yang tidak dan ini itu dengan untuk sudah akan dari kami kita saya juga pada',
};
const MARKERS = new Map<string, string>();
for (const [lang, words] of Object.entries(MARKER_WORDS)) for (const w of words.split(' ')) MARKERS.set(w, lang);

/**
 * Language of a post: marker words first (short code-mixed posts are where trigram statistics fail); franc
 * only confirms a non-Indonesian guess that has a marker word. Note that franc calls short Indonesian `zlm`
 * (Malay); without Malay markers that is reported as Indonesian.
 */
export function detectLanguage(text: string, tokens: readonly Token[]): string {
  const counts: Record<string, number> = {};
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const lang = MARKERS.get(t.raw.toLowerCase());
    if (lang) counts[lang] = (counts[lang] ?? 0) + 1;
  }
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (top && top[0] !== 'id' && top[1] >= 2 && top[1] >= (counts.id ?? 0)) return top[0];
  if (text.length < 25) return top?.[0] ?? 'und';
  // franc can only change the answer when some non-Indonesian marker is present; skip it otherwise (speed).
  if (!counts.en && !counts.jv && !counts.su) return 'id';
  const code = CODES[franc(text.slice(0, 240), { only: ONLY, minLength: 10 })] ?? 'und';
  if (code === 'en' || (code !== 'und' && (counts[code] ?? 0) > 0)) return code;
  return 'id';
}
