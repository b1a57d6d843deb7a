/// <reference lib="dom" />
import type { AccountState, ExtractArgs, PlatformDefinition, RawItem } from './types.ts';

function detect(): AccountState {
  if (document.querySelector('[data-e2e="login-modal"]')) return 'login_wall';
  if (document.querySelector('[data-e2e="user-not-found"]')) return 'not_found';
  if (document.querySelector('[data-e2e="private-account-tip"]')) return 'private';
  return 'ok';
}

/**
 * TikTok: client-rendered `[data-e2e=user-post-item]`; videos (captions), reposts (shares) and comments. The
 * upper 32 bits of a TikTok id are its creation time, which beats the day-only "2024-10-2" label.
 */
function extract({ handle }: ExtractArgs): RawItem[] {
  const w = window as unknown as { __netraItems?: number };
  const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const items: RawItem[] = [];
  for (const el of Array.from(document.querySelectorAll('[data-e2e="user-post-item"]:not([data-netra-item])'))) {
    w.__netraItems = (w.__netraItems ?? 0) + 1;
    const marker = String(w.__netraItems);
    el.setAttribute('data-netra-item', marker);
    const type = el.getAttribute('data-item-type') ?? 'video';
    const kind = type === 'repost' ? 'share' : type === 'comment' ? 'comment' : 'caption';
    const idAttr = kind === 'comment' ? 'data-comment-id' : 'data-video-id';
    const id = el.getAttribute(idAttr);
    let postedAt: string | null = null;
    if (id && /^\d{15,20}$/.test(id)) {
      const seconds = Number(BigInt(id) >> 32n);
      if (seconds > 1_400_000_000 && seconds < 2_100_000_000) postedAt = new Date(seconds * 1000).toISOString();
    }
    const origin = el.querySelector('[data-e2e="comment-parent"], [data-e2e="repost-origin"]');
    const link = el.querySelector('a[href*="/video/"]') as HTMLAnchorElement | null;
    items.push({
      marker,
      externalId: id,
      ...(id ? {} : { missingField: idAttr }),
      kind,
      authorHandle: handle,
      text: text(el.querySelector('[data-e2e="user-post-item-desc"]')),
      postedAt,
      timeText: text(el.querySelector('[data-e2e="video-date"]')) || undefined,
      href: link?.href ?? null,
      mediaDescriptions: Array.from(el.querySelectorAll('a img[alt]'))
        .map((img) => img.getAttribute('alt') ?? '')
        .filter(Boolean),
      ...(origin
        ? {
            context: {
              parentText: text(origin.querySelector('[data-e2e="origin-desc"]')),
              parentAuthor: text(origin.querySelector('[data-e2e="origin-author"]')).replace(/^@/, ''),
            },
          }
        : {}),
      raw: { itemType: type, dateLabel: text(el.querySelector('[data-e2e="video-date"]')) },
    });
  }
  return items;
}

export const tiktok: PlatformDefinition = {
  platform: 'tiktok',
  version: 'tiktok-page/2026.11.1',
  readySelector: '[data-e2e="user-page"], [data-e2e="user-not-found"], [data-e2e="login-modal"]',
  detect,
  extract,
  pagination: { kind: 'button', selector: '[data-e2e="load-more"]' },
};
