import { TextNode } from 'node-html-parser';
import { cutHtmlText, tidyText } from './html-text.ts';

/** Elements whose content the HTML parser keeps as raw text up to their closing tag (node-html-parser's defaults). */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'noscript']);

/** A tag: no `<` inside, so a `<` that never closes costs one scan to the next `<`, not to the end of the input. */
const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>/y;
const SPACE = /\s*/y;

/**
 * Plain text of a status-sized HTML fragment in one pass: the same text as `htmlToText` gives for the HTML that
 * platforms send (paragraphs a blank line, `<br>` a line break, tags dropped, comments dropped, entities decoded with
 * the parser's own decoder), in time proportional to its length whatever the markup. node-html-parser, which
 * `htmlToText` uses, is quadratic on markup a hostile server can send: unclosed elements are re-parented one by one
 * (33,000 `<a>` in 100,000 characters: 15 s), and its patterns scan to the end of the input from every `<` that
 * never closes (`<p`, `<!--`, an unclosed quote: ~2 s per 100,000 characters). A Mastodon page of statuses each
 * just under `MAX_STATUS_HTML_CHARS` could hold the event loop for minutes (docs/reliability.md).
 *
 * Differs from the parser only on markup no platform sends: a `<` inside an attribute value, a `<` with no `>`
 * before the next `<` (kept as text here, part of the tag there), CDATA sections (tags inside them dropped here).
 */
export function fragmentText(html: string): string {
  const lastCommentEnd = html.lastIndexOf('-->');
  let raw = '';
  let from = 0;
  let at = html.indexOf('<');
  while (at !== -1) {
    if (html.startsWith('<!--', at)) {
      // Unterminated (no `-->` after it): text, as the parser keeps it; found without searching, so never rescanned.
      const end = lastCommentEnd >= at + 4 ? html.indexOf('-->', at + 4) : -1;
      if (end !== -1) {
        raw += html.slice(from, at);
        from = end + 3;
      }
      at = html.indexOf('<', end !== -1 ? end + 3 : at + 1);
      continue;
    }
    TAG.lastIndex = at;
    const tag = TAG.exec(html);
    if (!tag) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    raw += html.slice(from, at);
    from = TAG.lastIndex;
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (name === 'br') raw += closing ? '' : '\n';
    else if (name.startsWith('p')) {
      // As `htmlToText` (`<\/?p[^>]*>`, which takes every tag name that starts with p): a paragraph's end and the
      // next one's start, with only white space between, are a blank line; any other such tag is dropped.
      if (closing && tag[0].length === 4) {
        SPACE.lastIndex = from;
        SPACE.exec(html);
        TAG.lastIndex = SPACE.lastIndex;
        const next = TAG.exec(html);
        if (next && next[1] === '' && next[2]![0]!.toLowerCase() === 'p') {
          raw += '\n\n';
          from = TAG.lastIndex;
        }
      }
    } else if (!closing && RAW_TEXT_ELEMENTS.has(name)) {
      const end = html.indexOf(`</${tag[2]}>`, from);
      const text = html.slice(from, end === -1 ? html.length : end);
      if (/\S/.test(text)) raw += text;
      from = end === -1 ? html.length : end + name.length + 3;
    }
    at = html.indexOf('<', from);
  }
  raw += html.slice(from);
  return tidyText(new TextNode(raw).text);
}

/** `fragmentText` of at most `maxChars` of the HTML, cut and marked as `htmlToText` cuts it. */
export function statusHtmlText(html: string, maxChars: number): string {
  return cutHtmlText(html, maxChars, fragmentText);
}
