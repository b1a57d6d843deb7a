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

/** The same pattern anchored at one position (`y`): used where the ASCII scanner below cannot decide alone. */
const TOKEN_AT = new RegExp(TOKEN_RE.source, 'uy');

/** Which alternative of TOKEN_RE matched (1 url … 6 emoji); set by `scanAscii` with the end it returns. */
let scannedGroup = 0;
const NO_TOKEN = -1;
const USE_REGEX = -2;

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The end of a URL body (`\S+`) from `q`, or USE_REGEX at a non-ASCII character (Unicode spaces end it too). */
function urlEnd(text: string, q: number): number {
  const from = q;
  for (; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (c >= 128) return USE_REGEX;
    if (c === 32 || (c >= 9 && c <= 13)) break;
  }
  return q > from ? q : NO_TOKEN;
}

/**
 * TOKEN_RE at position `p` where the text holds an ASCII character, without the regex: the end of the token that
 * starts there (its alternative in `scannedGroup`), NO_TOKEN when none does, USE_REGEX when a non-ASCII character
 * could change the answer (a word running into `é`, a keycap `2️⃣`). ASCII has no marks and no pictographs, and its
 * only letters and digits are [A-Za-z0-9], so within ASCII the alternatives reduce to these loops.
 */
function scanAscii(text: string, p: number, c: number): number {
  const n = text.length;
  if (isAsciiAlnum(c)) {
    const url =
      c === 104 && text.startsWith('http', p)
        ? text.startsWith('://', p + 4)
          ? p + 7
          : text.startsWith('s://', p + 4)
            ? p + 8
            : -1
        : c === 119 && text.startsWith('www.', p)
          ? p + 4
          : -1;
    if (url >= 0) {
      const end = urlEnd(text, url);
      if (end !== NO_TOKEN) {
        scannedGroup = 1;
        return end;
      }
    }
    if (c <= 57 && p + 1 < n) {
      const next = text.charCodeAt(p + 1);
      if (next === 0xfe0f || next === 0x20e3) return USE_REGEX;
    }
    let q = p + 1;
    while (q < n && isAsciiAlnum(text.charCodeAt(q))) q++;
    if (q < n && text.charCodeAt(q) >= 128) return USE_REGEX;
    scannedGroup = 5;
    return q;
  }
  if (c === 35 || c === 64) {
    // `#tag`: [\p{L}\p{N}_]+; `@handle`: [\p{L}\p{N}_.]* ending in a non-dot (backtracks over trailing dots).
    let q = p + 1;
    let lastWordChar = -1;
    for (; q < n; q++) {
      const d = text.charCodeAt(q);
      if (isAsciiAlnum(d) || d === 95) lastWordChar = q;
      else if (d !== 46 || c === 35) break;
    }
    if (q < n && text.charCodeAt(q) >= 128) return USE_REGEX;
    if (lastWordChar < 0) return NO_TOKEN;
    scannedGroup = c === 35 ? 2 : 3;
    return lastWordChar + 1;
  }
  return NO_TOKEN;
}

/**
 * Splits a post into tokens. Letters in fancy Unicode fonts and full-width digits are folded by NFKC; keycaps
 * (2️⃣) and hand gestures (✌🏽) become number readings; `no2` splits into `nomor` + `2`; `kemarin2` is `kemarin`.
 * Finds exactly the tokens `TOKEN_RE.matchAll` finds: ASCII stretches are scanned by hand (the regex iterator and
 * its match arrays were most of the tokeniser's time), anything else goes to the regex at that position.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c < 128) {
      const end = scanAscii(text, p, c);
      if (end === NO_TOKEN) {
        p++;
        continue;
      }
      if (end !== USE_REGEX) {
        pushToken(out, scannedGroup, text.slice(p, end), p);
        p = end;
        continue;
      }
    }
    TOKEN_AT.lastIndex = p;
    const m = TOKEN_AT.exec(text);
    if (!m) {
      // Next code point (a surrogate pair is one character to the `u` regex).
      p += c >= 0xd800 && c <= 0xdbff && p + 1 < n && (text.charCodeAt(p + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      continue;
    }
    let group = 1;
    while (m[group] === undefined) group++;
    pushToken(out, group, m[0], p);
    p += m[0].length;
  }
  return out;
}

/** The token(s) for one match of TOKEN_RE: `group` is the alternative that matched (1 url … 6 emoji). */
function pushToken(out: Token[], group: number, raw: string, start: number): void {
  const end = start + raw.length;
  if (group === 1) {
    out.push({ kind: 'url', start, end, raw, key: 'url', folded: 'url', num: null, shout: false });
  } else if (group === 2 || group === 3) {
    const body = fold(raw.slice(1));
    const kind = group === 2 ? 'hashtag' : 'mention';
    out.push({ kind, start, end, raw, key: body, folded: body, num: null, shout: false });
  } else if (group === 4) {
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
  } else if (group === 5) {
    const first = word(raw, start);
    const folded = first.folded;
    const split = /\d/.test(folded) ? BALLOT_PREFIX.exec(folded) : null;
    if (split) {
      const cut = raw.length - split[2]!.length;
      out.push(word(raw.slice(0, cut), start), word(raw.slice(cut), start + cut));
      return;
    }
    const redup = folded.endsWith('2') || folded.endsWith('2nya') ? REDUPLICATED.exec(folded) : null;
    if (redup && !/\d/.test(redup[1]!)) {
      const t = word(raw.slice(0, redup[1]!.length), start);
      t.end = end;
      t.raw = raw;
      out.push(t);
      return;
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
