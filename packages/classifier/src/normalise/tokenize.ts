import { fold, isShouted } from './fold.ts';
import { type NumberReading, readGesture, readNumber } from './numbers.ts';
import { standardise } from './slang.ts';

export type TokenKind = 'word' | 'hashtag' | 'mention' | 'emoji' | 'url';

/** One token of a post, with its offsets into the ORIGINAL text so evidence can be highlighted there. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  raw: string;
  /** Folded and standardised form (`Nomer`→`nomor`, `cobols`→`coblos`); hashtags and mentions without `#`/`@`. */
  key: string;
  /** Folded form before the slang map, for matching registry names exactly as folded. */
  folded: string;
  num: NumberReading | null;
  shout: boolean;
}

const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+)|(#[\p{L}\p{N}_]+)|(@[\p{L}\p{N}_.]*[\p{L}\p{N}_])|([0-9]\uFE0F?\u20E3)|([\p{L}\p{M}\p{N}]+)|(\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]*)/gu;

const BALLOT_PREFIX = /^(no|nmr|nomor|nomer|paslon|urut)(\d{1,2})$/u;
const REDUPLICATED = /^(\p{L}{3,})2(nya)?$/u;

type WordForms = Pick<Token, 'key' | 'folded' | 'num' | 'shout'>;
// The same words come back post after post; folding them (NFKC, NFD, two Unicode regexes) was a tenth of the
// classifier's time. Bounded: cleared when full, like the stemmer's cache.
const wordForms = new Map<string, WordForms>();
const WORD_FORMS_MAX = 100_000;

function word(raw: string, start: number): Token {
  let forms = wordForms.get(raw);
  if (!forms) {
    const folded = fold(raw);
    const num = readNumber(folded);
    // Frozen: one reading is shared by every token of this word.
    forms = { key: standardise(folded), folded, num: num && Object.freeze(num), shout: isShouted(raw) };
    if (wordForms.size >= WORD_FORMS_MAX) wordForms.clear();
    wordForms.set(raw, forms);
  }
  // Spelled out, not spread: every token keeps one object shape (the spread made this the hottest line).
  const { key, folded, num, shout } = forms;
  return { kind: 'word', start, end: start + raw.length, raw, key, folded, num, shout };
}

/**
 * Splits a post into tokens. Letters in fancy Unicode fonts and full-width digits are folded by NFKC; keycaps
 * (2️⃣) and hand gestures (✌🏽) become number readings; `no2` splits into `nomor` + `2`; `kemarin2` is `kemarin`.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (m[1] !== undefined) {
      out.push({ kind: 'url', start, end, raw, key: 'url', folded: 'url', num: null, shout: false });
    } else if (m[2] !== undefined || m[3] !== undefined) {
      const body = fold(raw.slice(1));
      const kind = m[2] !== undefined ? 'hashtag' : 'mention';
      out.push({ kind, start, end, raw, key: body, folded: body, num: null, shout: false });
    } else if (m[4] !== undefined) {
      out.push({
        kind: 'emoji',
        start,
        end,
        raw,
        key: `<k${raw[0]}>`,
        folded: raw,
        num: readGesture(raw),
        shout: false,
      });
    } else if (m[5] !== undefined) {
      const first = word(raw, start);
      const folded = first.folded;
      const split = /\d/.test(folded) ? BALLOT_PREFIX.exec(folded) : null;
      if (split) {
        const cut = raw.length - split[2]!.length;
        out.push(word(raw.slice(0, cut), start), word(raw.slice(cut), start + cut));
        continue;
      }
      const redup = folded.endsWith('2') || folded.endsWith('2nya') ? REDUPLICATED.exec(folded) : null;
      if (redup && !/\d/.test(redup[1]!)) {
        const t = word(raw.slice(0, redup[1]!.length), start);
        t.end = end;
        t.raw = raw;
        out.push(t);
        continue;
      }
      out.push(first);
    } else {
      const num = readGesture(raw);
      const base = raw.replace(/[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu, '');
      out.push({
        kind: 'emoji',
        start,
        end,
        raw,
        key: num ? `<g${num.value}>` : base,
        folded: base,
        num,
        shout: false,
      });
    }
  }
  return out;
}
