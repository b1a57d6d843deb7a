import { describe, expect, it } from 'vitest';
import { highlightSpans, html } from './html.ts';

describe('html', () => {
  it('escapes script tags and attribute breakouts in interpolated post text', () => {
    const text = `<script>alert(1)</script>" onmouseover="x' \``;
    const out = html`<p title="${text}">${text}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('" onmouseover');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39; &#96;');
  });

  it('passes nested html through without escaping it twice', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>a&amp;b</b></p>');
  });

  it('renders arrays and drops null, undefined and false', () => {
    expect(html`${['<', null, undefined, false, 1]}`.value).toBe('&lt;1');
  });
});

describe('highlightSpans', () => {
  it('marks each evidence span and escapes the text around and inside it', () => {
    const out = highlightSpans('Coblos <no 2> ya', [
      { start: 0, end: 6, cue: 'vote_verb' },
      { start: 7, end: 13, cue: 'ballot' },
    ]);
    expect(out.value).toBe('<mark title="vote_verb">Coblos</mark> <mark title="ballot">&lt;no 2&gt;</mark> ya');
  });

  it('clips overlapping and out-of-range spans instead of duplicating text', () => {
    const out = highlightSpans('abcdef', [
      { start: 1, end: 4, cue: 'x' },
      { start: 2, end: 5, cue: 'y' },
      { start: 10, end: 12, cue: 'z' },
    ]);
    expect(out.value.replace(/<[^>]+>/g, '')).toBe('abcdef');
    expect(out.value).toBe('a<mark title="x">bcd</mark><mark title="y">e</mark>f');
  });
});
