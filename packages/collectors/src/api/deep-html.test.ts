import { describe, expect, it } from 'vitest';
import { flattenDeepHtml, htmlToText } from './html-text.ts';
import { parseTelegramPage } from './telegram.ts';

const DEPTH = 50_000;
const deep = (inner: string) => `${'<b>'.repeat(DEPTH)}${inner}${'</b>'.repeat(DEPTH)}`;

const message = (id: number, textHtml: string) =>
  `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="kanaluji/${id}"><div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text">${textHtml}</div><div class="tgme_widget_message_footer"><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/kanaluji/${id}"><time datetime="2026-11-2${id}T01:00:00+00:00" class="time">08:00</time></a></span></div></div></div></div>`;

/**
 * HTML nested tens of thousands of levels deep (350 KB): node-html-parser's selectors and text recurse, so the
 * Telegram page or the Mastodon status overflowed the stack and the account's crawl failed on every retry.
 */
describe('HTML answers nested without bound', () => {
  it('a Telegram page with one deeply nested message still gives every message and its text', () => {
    const html = `<html><body><div class="tgme_channel_info"></div>${message(1, 'Pesan biasa')}${message(2, deep('Pesan dalam'))}</body></html>`;
    const page = parseTelegramPage(html);
    expect(page.messages.map((m) => ('id' in m ? m.id : m.problem))).toEqual([1, 2]);
    expect(page.messages.map((m) => ('text' in m ? m.text : null))).toEqual(['Pesan biasa', 'Pesan dalam']);
  });

  it('a Mastodon status nested deep reads as its text', () => {
    expect(htmlToText(`<p>${deep('Halo <a href="https://contoh.id">semua</a>')}</p>`)).toBe('Halo semua');
  });

  it('flattening keeps the first 256 levels, void elements and text, and leaves shallow HTML as it is', () => {
    const shallow = '<p>Satu<br>dua <span class="x"><i>tiga</i></span><img src="a.png"/></p>';
    expect(flattenDeepHtml(shallow)).toBe(shallow);
    const flattened = flattenDeepHtml(deep('isi<br>'));
    expect(flattened).toBe(`${'<b>'.repeat(256)}isi${'</b>'.repeat(256)}`);
  });
});
