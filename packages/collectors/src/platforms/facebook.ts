/// <reference lib="dom" />
import type { AccountState, ExtractArgs, PlatformDefinition, RawItem } from './types.ts';

function detect(): AccountState {
  if (document.querySelector('form#login_form, form[action*="/login"]')) return 'login_wall';
  if (document.querySelector('[data-testid="content-not-available"]')) return 'not_found';
  if (document.querySelector('[data-testid="private-profile"]')) return 'private';
  return 'ok';
}

/** Facebook: `div[role=article]` with `data-post-id`, `abbr[data-utime]` epoch times, parent/shared blocks. */
function extract({ handle }: ExtractArgs): RawItem[] {
  const w = window as unknown as { __netraItems?: number };
  const lastSegment = (href: string | null | undefined): string | undefined =>
    href ? new URL(href, location.href).pathname.split('/').filter(Boolean).pop() : undefined;
  const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const items: RawItem[] = [];
  const articles = document.querySelectorAll(
    '[data-pagelet="ProfileTimeline"] > [role="article"]:not([data-netra-item])',
  );
  for (const el of Array.from(articles)) {
    w.__netraItems = (w.__netraItems ?? 0) + 1;
    const marker = String(w.__netraItems);
    el.setAttribute('data-netra-item', marker);
    const parentEl = el.querySelector('[data-testid="parent-post"]');
    const sharedEl = el.querySelector('[data-testid="shared-attachment"]');
    const abbr = el.querySelector('abbr[data-utime]');
    const utime = abbr?.getAttribute('data-utime');
    const link = abbr?.closest('a') ?? el.querySelector('a[href*="/posts/"]');
    const media = Array.from(el.querySelectorAll('img[alt]'))
      .filter((img) => !img.closest('[data-testid="parent-post"], [data-testid="shared-attachment"]'))
      .map((img) => img.getAttribute('alt') ?? '')
      .filter(Boolean);
    const context = parentEl ?? sharedEl;
    const id = el.getAttribute('data-post-id');
    items.push({
      marker,
      externalId: id,
      ...(id ? {} : { missingField: 'data-post-id' }),
      kind: parentEl ? 'comment' : sharedEl ? 'share' : 'post',
      authorHandle: handle,
      text: text(el.querySelector('[data-ad-preview="message"]')),
      postedAt: utime ? new Date(Number(utime) * 1000).toISOString() : null,
      timeText: text(abbr) || undefined,
      href: link ? (link as HTMLAnchorElement).href : null,
      mediaDescriptions: media,
      ...(context
        ? {
            context: {
              parentText: text(context.querySelector('[dir="auto"]')),
              parentAuthor: lastSegment(context.querySelector('a')?.getAttribute('href')),
            },
          }
        : {}),
      raw: { headline: text(el.querySelector('h2')), timeTitle: abbr?.getAttribute('title') ?? null, utime },
    });
  }
  return items;
}

export const facebook: PlatformDefinition = {
  platform: 'facebook',
  version: 'facebook-page/2026.11.1',
  readySelector: '[role="main"], form#login_form',
  detect,
  extract,
  pagination: { kind: 'link', selector: 'a[aria-label="Lihat postingan lainnya"]' },
};
