/// <reference lib="dom" />
import type { AccountState, ExtractArgs, PlatformDefinition, RawItem } from './types.ts';

function detect(): AccountState {
  if (document.querySelector('#error-page')) return 'not_found';
  if (document.querySelector('ytd-consent-bump-v2-lightbox, form[action*="ServiceLogin"]')) return 'login_wall';
  return 'ok';
}

/**
 * YouTube channel page: `ytd-rich-item-renderer` videos (title + description = caption) and
 * `ytd-backstage-post-thread-renderer` community posts (own text, or a shared video). Absolute times come
 * from `itemprop` microdata; the visible label is relative ("2 minggu yang lalu").
 */
function extract({ handle }: ExtractArgs): RawItem[] {
  const w = window as unknown as { __netraItems?: number };
  const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const items: RawItem[] = [];
  const nodes = document.querySelectorAll(
    'ytd-rich-item-renderer:not([data-netra-item]), ytd-backstage-post-thread-renderer:not([data-netra-item])',
  );
  for (const el of Array.from(nodes)) {
    w.__netraItems = (w.__netraItems ?? 0) + 1;
    const marker = String(w.__netraItems);
    el.setAttribute('data-netra-item', marker);
    if (el.tagName.toLowerCase() === 'ytd-rich-item-renderer') {
      const link = el.querySelector('a#video-title-link') as HTMLAnchorElement | null;
      const id = link ? new URL(link.href).searchParams.get('v') : null;
      const title = text(el.querySelector('#video-title'));
      const description = text(el.querySelector('#description-text'));
      const meta = el.querySelectorAll('#metadata-line .inline-metadata-item');
      items.push({
        marker,
        externalId: id,
        ...(id ? {} : { missingField: 'a#video-title-link href (watch?v=)' }),
        kind: 'caption',
        authorHandle: handle,
        text: [title, description].filter(Boolean).join('\n'),
        postedAt: el.querySelector('meta[itemprop="uploadDate"]')?.getAttribute('content') ?? null,
        timeText: text(meta[meta.length - 1]) || undefined,
        href: link?.href ?? null,
        mediaDescriptions: Array.from(el.querySelectorAll('#thumbnail img[alt]'))
          .map((img) => img.getAttribute('alt') ?? '')
          .filter(Boolean),
        raw: { type: 'video', title, views: text(meta[0]) },
      });
      continue;
    }
    const timeLink = el.querySelector('#published-time-text a') as HTMLAnchorElement | null;
    const id = timeLink?.getAttribute('href')?.match(/\/post\/([\w-]+)/)?.[1] ?? null;
    const shared = el.querySelector('#shared-video');
    const channel = shared?.querySelector('ytd-channel-name a')?.getAttribute('href') ?? '';
    items.push({
      marker,
      externalId: id,
      ...(id ? {} : { missingField: '#published-time-text a href (/post/<id>)' }),
      kind: shared ? 'share' : 'post',
      authorHandle: handle,
      text: text(el.querySelector('#content-text')),
      postedAt: el.querySelector('meta[itemprop="datePublished"]')?.getAttribute('content') ?? null,
      timeText: text(timeLink) || undefined,
      href: timeLink?.href ?? null,
      mediaDescriptions: Array.from(el.querySelectorAll('img[alt]'))
        .filter((img) => !img.closest('#shared-video'))
        .map((img) => img.getAttribute('alt') ?? '')
        .filter(Boolean),
      ...(shared
        ? {
            context: {
              parentText: text(shared.querySelector('#description-text')) || text(shared.querySelector('#video-title')),
              parentAuthor: channel.split('/').filter(Boolean).pop()?.replace(/^@/, ''),
            },
          }
        : {}),
      raw: { type: 'community_post', sharedVideoTitle: shared ? text(shared.querySelector('#video-title')) : null },
    });
  }
  return items;
}

export const youtube: PlatformDefinition = {
  platform: 'youtube',
  version: 'youtube-page/2026.11.1',
  readySelector: 'ytd-app',
  detect,
  extract,
  pagination: { kind: 'link', selector: 'ytd-continuation-item-renderer a#continuation' },
};
