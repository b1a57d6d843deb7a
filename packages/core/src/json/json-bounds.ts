import { NetraError } from '../errors/netra-error.ts';

export interface JsonBounds {
  /** Deepest nesting of arrays and objects accepted. */
  maxDepth: number;
  /** Longest text accepted, in UTF-16 code units (about bytes for JSON, which is mostly ASCII). */
  maxLength: number;
}

/** Deep enough for every document Netra reads (a registry is 5 levels deep), far below any recursion limit. */
export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxDepth: 64, maxLength: 20_000_000 };

/**
 * Checks a JSON text's size and nesting depth in one linear pass, before anything parses or walks it:
 * recursive code (validators, path locators, clones) overflows the stack on a hostile deeply nested file,
 * and only after spending seconds on the event loop. Throws `JSON_TOO_DEEP` or `JSON_TOO_LARGE` naming
 * the limit; malformed JSON is left for the parser to report.
 */
export function assertJsonBounds(text: string, bounds: JsonBounds = DEFAULT_JSON_BOUNDS, field = '(root)'): void {
  if (text.length > bounds.maxLength) {
    throw new NetraError(
      'JSON_TOO_LARGE',
      `${field}: JSON melebihi batas ${bounds.maxLength} karakter / JSON exceeds the limit of ${bounds.maxLength} characters`,
      { field, limit: bounds.maxLength, length: text.length },
    );
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > bounds.maxDepth) {
        throw new NetraError(
          'JSON_TOO_DEEP',
          `${field}: JSON bersarang lebih dari ${bounds.maxDepth} tingkat / JSON nested deeper than ${bounds.maxDepth} levels`,
          { field, limit: bounds.maxDepth, offset: i },
        );
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}
