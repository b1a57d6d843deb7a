import type { Token } from '../normalise/tokenize.ts';
import type { SignalName } from './feature-names.ts';
import { wordSet as words } from './lexicon.ts';

// Written from general knowledge of Indonesian, Javanese and Sundanese talk about elections (issue 7, 2026-11-29),
// not mined from any corpus.
/** Quantifiers that, before a word for the contenders, take in all of them: `semua calon`, `kedua paslon`. */
const QUANTIFIER = words('semua seluruh kedua ketiga keempat para masing tiap setiap segala');
/** Words for the contenders and the political class as a whole. */
const FIELD = words(
  'calon paslon kandidat capres cagub cabup cawalkot pasangan partai parpol politisi politikus pejabat elit ' +
    'elite pemimpin penguasa kontestan',
);
/**
 * "All", "all of them" on its own (Indonesian, Javanese `kabeh`, Sundanese `sadayana`): the post speaks of everyone
 * rather than of one side.
 */
const ALL_PRONOUN = words('semua semuanya keduanya ketiganya kabeh kabehe sadayana sadaya');
const SAME = words('sama mirip sami sarua podo');
/** `sama saja`, `sami mawon`, `sarua wae`, `sarua keneh`: they are all alike. */
const JUST = words('saja mawon wae keneh');
const NOT = words('tidak gak nggak ora teu ndak');
/** `tidak ada yang becus`: none of them is any good. */
const GOOD = words('bener benar becus bagus beres baik jujur layak pantas amanah bersih cocok beda');

/** Every word that can open one of the patterns below: most words of a post fail this one lookup and go on. */
const OPENS = new Set([...QUANTIFIER, ...FIELD, ...ALL_PRONOUN, ...SAME, ...NOT, ...words('siapapun siapa masing')]);

/**
 * Discourse particles, address words and laughter of chat, which news copy and statements do not use (`sih`, `dong`,
 * `kok`, Sundanese `mah`, `atuh`, Javanese `rek`, `lur`, `bro`, `gan`).
 */
const PARTICLE = words(
  'sih dong deh nih tuh kok lah kan ya yah yaa loh lho mah teh atuh euy wae ae bae cuy bro sis gan om bang ' +
    'kak mas mbak jir anjir bjir wkwk haha hehe lur rek cok coy',
);

/**
 * The post speaks of the whole field at once: `semua calon`, `kedua paslon`, `calon-calon`, `semuanya`,
 * `siapa pun yang menang`, `sama saja`, `tiga-tiganya`, `nggak ada yang bener`, `masing-masing`.
 */
export function wholeField(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || (!OPENS.has(t.key) && t.num?.form !== 'word')) continue;
    const next = tokens[i + 1];
    const k = t.key;
    if (QUANTIFIER.has(k) && next && FIELD.has(next.key)) return true;
    // Reduplicated plural: `calon-calon`, `paslon paslon`.
    if (FIELD.has(k) && next?.key === k) return true;
    if (ALL_PRONOUN.has(k)) return true;
    if (k === 'siapapun' || (k === 'siapa' && next?.key === 'pun')) return true;
    if (SAME.has(k) && next && JUST.has(next.key)) return true;
    // `tiga2nya`, `dua-duanya`: every numbered ticket (the tokeniser reads `tiga2nya` as `tiga`).
    if (t.num?.form === 'word' && (/2nya$/i.test(t.raw) || next?.key === `${t.folded}nya`)) return true;
    if (NOT.has(k) && next?.key === 'ada' && tokens[i + 2]?.key === 'yang' && GOOD.has(tokens[i + 3]?.key ?? '')) {
      return true;
    }
    if (k === 'masing' && next?.key === 'masing') return true;
  }
  return false;
}

/**
 * Neutral cues (issue 7, 2026-11-29, docs/classifier.md "1.9.0"): what makes a post that names a candidate favour
 * no side or read as copy rather than as someone talking.
 * - `field_all_sides`: the post speaks of the whole field at once, and the guideline keeps criticism or hope that
 *   favours no side neutral (`kedua paslon sama saja`, `siapa pun yang menang semoga amanah`);
 *   `field_all_sides_unnamed`: the same with no candidate named by the post itself.
 * - `register_formal`: ten words or more with no chat particle, no slang spelling and no emoji — a headline, a news
 *   lead or a statement, which the guideline keeps neutral unless the author adds a stance; `…_target`: with a
 *   candidate or ballot number as target.
 * Chosen by a nested leave-one-source-out check among the variants listed in the docs (the other neutral-frame
 * signals tried beside them — no election frame, office role, ordinary numbers, no stance cue — were dropped).
 */
export function neutralCueSignals(
  set: (name: SignalName, v?: number) => void,
  tokens: readonly Token[],
  namedCount: number,
  hasTarget: boolean,
): void {
  const all = wholeField(tokens);
  set('field_all_sides', all ? 1 : 0);
  set('field_all_sides_unnamed', all && namedCount === 0 ? 1 : 0);
  // Register: a text of ten words or more with no chat particle and no slang spelling (the tokeniser's slang map
  // changed no word) reads as copy (news, a statement), not as someone talking.
  let wordsN = 0;
  let chat = 0;
  for (const t of tokens) {
    if (t.kind === 'emoji') chat++;
    if (t.kind !== 'word' || t.num) continue;
    wordsN++;
    if (PARTICLE.has(t.key) || t.key !== t.folded) chat++;
  }
  const formal = wordsN >= 10 && chat === 0;
  set('register_formal', formal ? 1 : 0);
  set('register_formal_target', formal && hasTarget ? 1 : 0);
}
