/// <reference lib="dom" />
import type { AccountState, ExtractArgs, PlatformDefinition, RawItem } from './types.ts';

function detect(): AccountState {
  if (document.querySelector('form#loginForm, input[name="username"][type="text"]')) return 'login_wall';
  if (document.querySelector('[data-testid="not-found"]')) return 'not_found';
  if (document.querySelector('[data-testid="private-account"]')) return 'private';
  return 'ok';
}

/** Instagram: grid `article._aagv` with `data-shortcode` (photo captions) or `data-comment-id` (comments). */
function extract({ handle }: ExtractArgs): RawItem[] {
  const w = window as unknown as { __netraItems?: number };
  const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const items: RawItem[] = [];
  for (const el of Array.from(document.querySelectorAll('main article._aagv:not([data-netra-item])'))) {
    w.__netraItems = (w.__netraItems ?? 0) + 1;
    const marker = String(w.__netraItems);
    el.setAttribute('data-netra-item', marker);
    const parentEl = el.querySelector('[data-testid="comment-parent"]');
    const isComment = el.hasAttribute('data-comment-id') || Boolean(parentEl);
    const id = isComment ? el.getAttribute('data-comment-id') : el.getAttribute('data-shortcode');
    const time = el.querySelector('time[datetime]');
    const link = el.querySelector(isComment ? 'a[href*="/c/"]' : 'a[href*="/p/"]') as HTMLAnchorElement | null;
    items.push({
      marker,
      externalId: id,
      ...(id ? {} : { missingField: isComment ? 'data-comment-id' : 'data-shortcode' }),
      kind: isComment ? 'comment' : 'caption',
      authorHandle: handle,
      text: text(el.querySelector('._a9zs h1, ._a9zs ._ap3a')),
      postedAt: time?.getAttribute('datetime') ?? null,
      timeText: text(time) || undefined,
      href: link?.href ?? null,
      mediaDescriptions: Array.from(el.querySelectorAll('img[alt]'))
        .filter((img) => !img.closest('[data-testid="comment-parent"]'))
        .map((img) => img.getAttribute('alt') ?? '')
        .filter(Boolean),
      ...(parentEl
        ? {
            context: {
              parentText: text(parentEl.querySelector('span._ap3a, span')),
              parentAuthor: text(parentEl.querySelector('a')).replace(/^@/, ''),
            },
          }
        : {}),
      raw: { mediaId: el.getAttribute('data-media-id'), timeTitle: time?.getAttribute('title') ?? null },
    });
  }
  return items;
}

export const instagram: PlatformDefinition = {
  platform: 'instagram',
  version: 'instagram-page/2026.11.1',
  readySelector: 'main[role="main"], form#loginForm',
  detect,
  extract,
  pagination: { kind: 'button', selector: 'button[data-testid="load-more"]' },
};
