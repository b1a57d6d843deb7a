import { isHttpUrl } from '@netra/core';
/** Markup that has already been escaped. Only `html` and `raw` make one. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Builds markup with every interpolated value escaped — post text written by anyone on the internet is
 * rendered through here, so it can never become markup. Nested `html` results pass through unescaped.
 *
 * @example
 * html`<p class="post">${post.text}</p>` // '<script>' in the text arrives as '&lt;script&gt;'
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted constant markup only (never user input). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * Post text with the classifier's evidence spans wrapped in <mark>, escaped piece by piece. Overlapping or
 * out-of-range spans (a stale classification) are clipped rather than trusted.
 */
export function highlightSpans(text: string, spans: readonly { start: number; end: number; cue: string }[]): SafeHtml {
  const sorted = [...spans]
    .filter((s) => s.start >= 0 && s.end > s.start && s.start < text.length)
    .sort((a, b) => a.start - b.start);
  const parts: SafeHtml[] = [];
  let cursor = 0;
  for (const span of sorted) {
    const start = Math.max(span.start, cursor);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    parts.push(html`${text.slice(cursor, start)}`);
    parts.push(html`<mark title="${span.cue}">${text.slice(start, end)}</mark>`);
    cursor = end;
  }
  parts.push(html`${text.slice(cursor)}`);
  return html`${parts}`;
}

/**
 * A link to an outside page, or the plain escaped text when the URL is not http(s): a stored
 * `javascript:` or `data:` URL (from an old row, a bad import, a hostile page) never becomes a live link.
 */
export function externalLink(url: string, label: Interpolation, rel = 'noopener noreferrer nofollow'): SafeHtml {
  if (!isHttpUrl(url)) return html`<span class="unsafe-url">${label}</span>`;
  return html`<a href="${url}" rel="${rel}" target="_blank">${label}</a>`;
}
