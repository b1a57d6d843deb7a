/// <reference lib="dom" />
import type { AccountState, ExtractArgs, PlatformDefinition, RawItem } from './types.ts';

function detect(): AccountState {
  if (document.querySelector('[data-testid="sheetDialog"] [data-testid="login"]')) return 'login_wall';
  if (document.querySelector('[data-testid="emptyState"]')) return 'not_found';
  if (document.querySelector('[data-testid="privateAccountPrompt"], [data-testid="icon-lock"]')) return 'private';
  return 'ok';
}

/**
 * X: timeline cells hold `article[data-testid=tweet]`. No id attribute: the status id is in the time link
 * (`/status/<id>`). A reply's cell shows the parent post first; a repost shows the original with a
 * "memposting ulang" social-context line.
 */
function extract({ handle }: ExtractArgs): RawItem[] {
  const w = window as unknown as { __netraItems?: number };
  const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const me = handle.toLowerCase();
  const authorOf = (article: Element): string =>
    text(
      article.querySelector(
        '[data-testid="User-Name"] a[tabindex="-1"], [data-testid="User-Name"] a:last-of-type span',
      ),
    )
      .replace(/^@/, '')
      .trim() ||
    (article.querySelector('[data-testid="User-Name"] a')?.getAttribute('href') ?? '')
      .split('/')
      .filter(Boolean)
      .pop() ||
    '';
  const statusLink = (article: Element): HTMLAnchorElement | null =>
    article.querySelector('[data-testid="User-Name"] a[href*="/status/"]') as HTMLAnchorElement | null;
  const statusId = (article: Element): string | null =>
    statusLink(article)
      ?.getAttribute('href')
      ?.match(/\/status\/(\d+)/)?.[1] ?? null;
  const items: RawItem[] = [];
  for (const cell of Array.from(document.querySelectorAll('[data-testid="cellInnerDiv"]:not([data-netra-item])'))) {
    const articles = Array.from(cell.querySelectorAll('article[data-testid="tweet"]'));
    if (articles.length === 0) continue;
    w.__netraItems = (w.__netraItems ?? 0) + 1;
    const marker = String(w.__netraItems);
    cell.setAttribute('data-netra-item', marker);
    const social = articles[0]!.querySelector('[data-testid="socialContext"]');
    if (social) {
      const original = articles[0]!;
      const id = statusId(original);
      const time = original.querySelector('time[datetime]');
      items.push({
        marker,
        externalId: id ? `repost:${me}:${id}` : null,
        ...(id ? {} : { missingField: 'status link (a[href*="/status/"])' }),
        kind: 'share',
        authorHandle: handle,
        text: '',
        postedAt: null,
        timeText: undefined,
        href: statusLink(original)?.href ?? null,
        mediaDescriptions: Array.from(original.querySelectorAll('[data-testid="tweetPhoto"] img[alt]')).map(
          (img) => img.getAttribute('alt') ?? '',
        ),
        context: {
          parentText: text(original.querySelector('[data-testid="tweetText"]')),
          parentAuthor: authorOf(original),
        },
        raw: {
          socialContext: text(social),
          originalStatusId: id,
          originalTime: time?.getAttribute('datetime') ?? null,
        },
      });
      continue;
    }
    const mineIndex = articles.findLastIndex((a) => authorOf(a).toLowerCase() === me);
    const mine = articles[mineIndex >= 0 ? mineIndex : articles.length - 1]!;
    const parent = mineIndex > 0 ? articles[mineIndex - 1] : undefined;
    const replyingTo = mine.querySelector('.r-replying a, [data-testid="reply-context"] a');
    const id = statusId(mine);
    const time = mine.querySelector('time[datetime]');
    const isReply = Boolean(parent || replyingTo);
    items.push({
      marker,
      externalId: id,
      ...(id ? {} : { missingField: 'status link (a[href*="/status/"])' }),
      kind: isReply ? 'comment' : 'post',
      authorHandle: authorOf(mine) || handle,
      text: text(mine.querySelector('[data-testid="tweetText"]')),
      postedAt: time?.getAttribute('datetime') ?? null,
      timeText: text(time) || undefined,
      href: statusLink(mine)?.href ?? null,
      mediaDescriptions: Array.from(mine.querySelectorAll('[data-testid="tweetPhoto"] img[alt]')).map(
        (img) => img.getAttribute('alt') ?? '',
      ),
      ...(isReply
        ? {
            context: {
              ...(parent ? { parentText: text(parent.querySelector('[data-testid="tweetText"]')) } : {}),
              parentAuthor: parent ? authorOf(parent) : text(replyingTo).replace(/^@/, ''),
            },
          }
        : {}),
      raw: { lang: mine.querySelector('[data-testid="tweetText"]')?.getAttribute('lang') ?? null },
    });
  }
  return items;
}

export const x: PlatformDefinition = {
  platform: 'x',
  version: 'x-page/2026.11.1',
  readySelector: 'main[role="main"]',
  detect,
  extract,
  pagination: { kind: 'link', selector: 'a[data-testid="pagination-next"]' },
};
