import { parse } from 'node-html-parser';

/** Marks a text read from HTML cut at `maxChars` (see `htmlToText`). */
export const HTML_CUT_MARKER = '[dipotong: HTML terlalu panjang / cut: HTML too long]';

/**
 * Plain text of a small HTML fragment (a Mastodon status, a Telegram message): `<br>` becomes a line
 * break, paragraphs a blank line, entities are decoded, tags dropped. With `maxChars`, only that much HTML is
 * parsed (cut before a tag, never inside a surrogate pair) and the text ends with `HTML_CUT_MARKER`: parsing
 * costs ~0.8 s per MB on the event loop.
 */
export function htmlToText(html: string, maxChars = Number.POSITIVE_INFINITY): string {
  return cutHtmlText(html, maxChars, (part) => withDeepHtmlFlattened(part, plainText));
}

/** `read` of the HTML, or of its first `maxChars` cut before a tag (never in a surrogate pair) and marked. */
export function cutHtmlText(html: string, maxChars: number, read: (html: string) => string): string {
  if (html.length <= maxChars) return read(html);
  let end = html.lastIndexOf('<', maxChars);
  if (end <= 0) end = maxChars;
  const code = html.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const text = read(html.slice(0, end));
  return text ? `${text}\n${HTML_CUT_MARKER}` : HTML_CUT_MARKER;
}

function plainText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<\/?p[^>]*>/gi, '');
  return tidyText(parse(withBreaks).textContent);
}

/**
 * No-break spaces as spaces, no spaces or tabs before a line break, trimmed. Walks each line's end instead of
 * `/[ \t]+\n/g`, which rescans a run of spaces from each of its characters (100,000 spaces: seconds).
 */
export function tidyText(text: string): string {
  const lines = text.replace(/\u00a0/g, ' ').split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]!;
    let end = line.length;
    while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
    if (end < line.length) lines[i] = line.slice(0, end);
  }
  return lines.join('\n').trim();
}

/** Elements without content or closing tag: they never nest. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Nesting kept when an HTML answer is too deep to walk (real pages nest a few dozen levels). */
export const MAX_HTML_DEPTH = 256;

/**
 * The HTML with every tag nested deeper than `maxDepth` removed (its text kept). Tags are counted with a scanner,
 * not a parser: only for answers that could not be read otherwise (`withDeepHtmlFlattened`).
 */
export function flattenDeepHtml(html: string, maxDepth = MAX_HTML_DEPTH): string {
  let depth = 0;
  return html.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g, (tag: string, close: string, name: string) => {
    if (VOID_ELEMENTS.has(name.toLowerCase()) || tag.endsWith('/>')) return depth >= maxDepth ? '' : tag;
    if (close) {
      const kept = depth <= maxDepth;
      depth = Math.max(0, depth - 1);
      return kept ? tag : '';
    }
    depth++;
    return depth > maxDepth ? '' : tag;
  });
}

/**
 * `read(html)`, and when the HTML nests so deep that walking it overflows the stack (node-html-parser's text and
 * selectors recurse; 50,000 nested `<b>` in a 350 KB answer do it), `read` of the HTML with the deep tags removed.
 * Before, such an answer failed the account's crawl on every retry. Pages that read normally are untouched.
 */
export function withDeepHtmlFlattened<T>(html: string, read: (html: string) => T): T {
  try {
    return read(html);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return read(flattenDeepHtml(html));
  }
}
