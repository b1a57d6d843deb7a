/**
 * Why PostgreSQL cannot store a string, or null: `nul` (refused by `text` and `jsonb`) or `surrogate` (an
 * unpaired surrogate, e.g. from a JSON `\ud800` escape; refused by `jsonb`). Input checks name the field with
 * it; `storableText` replaces both.
 */
export function unstorableReason(text: string): 'nul' | 'surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  return text.isWellFormed() ? null : 'surrogate';
}

/**
 * Text as PostgreSQL can store it. Outside text — a post from a platform's API (a JSON `\u0000`), a CSV with
 * NUL bytes, an XLSX spelling NUL or half a surrogate pair (`&#0;`, `_x0000_`, `&#xD800;`) — can carry NUL or
 * an unpaired surrogate; `text` columns refuse the first and `jsonb` both, so such input used to fail its job
 * or its import on every retry. Both become U+FFFD, as a browser shows undecodable bytes: still visible, and
 * one UTF-16 unit for one, so offsets into the text (the classifier's evidence spans) still point at the same
 * characters.
 *
 * @example
 * storableText('a\u0000b') // 'a\ufffdb'
 */
export function storableText(text: string): string {
  if (unstorableReason(text) === null) return text;
  return text.replace(/\u0000/g, '\ufffd').toWellFormed();
}

/** JSON for a `jsonb` column with every string made storable; the common clean case costs one scan. */
export function storableJson(value: unknown): string | null {
  if (value == null) return null;
  const json = JSON.stringify(value);
  // JSON.stringify writes NUL as \u0000 and only unpaired surrogates as \udXXX escapes.
  if (!json.includes('\\u0000') && !/\\ud[89a-f]/i.test(json)) return json;
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? storableText(item) : item));
}
