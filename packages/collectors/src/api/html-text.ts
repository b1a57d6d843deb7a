import { parse } from 'node-html-parser';

/**
 * Plain text of a small HTML fragment (a Mastodon status, a Telegram message): `<br>` becomes a line
 * break, paragraphs a blank line, entities are decoded, tags dropped.
 */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<\/?p[^>]*>/gi, '');
  return parse(withBreaks)
    .textContent.replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
