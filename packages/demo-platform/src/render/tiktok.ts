import type { DemoAccount, DemoItem } from '../content/index.ts';
import { doc, esc, slice, tiktokDate } from './common.ts';

export const TIKTOK_PAGE_SIZE = 3;

const STYLE = `<style>
body{font-family:TikTokFont,Arial,sans-serif;background:#fff;margin:0}
#app{max-width:900px;margin:0 auto;padding:20px}
[data-e2e=user-post-item-list]{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin-top:20px}
[data-e2e=user-post-item]{border:1px solid #eee;border-radius:4px;padding:6px;font-size:14px}
[data-e2e=user-post-item] img{width:100%;display:block}
[data-e2e=comment-parent],[data-e2e=repost-origin]{background:#f1f1f2;padding:6px;border-radius:4px;font-size:12px}
[data-e2e=video-date]{color:#8a8b91;font-size:12px}
</style>`;

interface TikTokItem {
  id: string;
  desc: string;
  createTime: number;
  itemType: 'video' | 'repost' | 'comment';
  video: { cover: string; alt: string[] };
  dateLabel: string;
  origin?: { uniqueId: string; nickname: string; desc: string; verified: boolean };
}

function toItem(account: DemoAccount, it: DemoItem): TikTokItem {
  const itemType = it.kind === 'share' ? 'repost' : it.kind === 'comment' ? 'comment' : 'video';
  const out: TikTokItem = {
    id: it.id,
    desc: it.text,
    createTime: it.epoch,
    itemType,
    video: { cover: '/static/photo.svg', alt: it.alt ?? [] },
    dateLabel: tiktokDate(it.postedAt),
  };
  if (it.parent) {
    out.origin = {
      uniqueId: it.parent.handle,
      nickname: it.parent.name,
      desc: it.parent.text,
      verified: Boolean(it.parent.candidate),
    };
  }
  void account;
  return out;
}

export function tiktokItemList(
  account: DemoAccount,
  cursor: string | null,
): { statusCode: 0; itemList: TikTokItem[]; cursor: string; hasMore: boolean } {
  const page = slice(account, cursor, TIKTOK_PAGE_SIZE);
  return {
    statusCode: 0,
    itemList: page.items.map((it) => toItem(account, it)),
    cursor: String(page.next ?? page.offset + page.items.length),
    hasMore: page.next !== null,
  };
}

// Client-side rendering, as on the real site: the collector needs a browser to see the items.
const RENDER_SCRIPT = `<script>
(() => {
  const state = JSON.parse(document.getElementById('__UNIVERSAL_DATA_FOR_REHYDRATION__').textContent);
  const list = document.querySelector('[data-e2e="user-post-item-list"]');
  const button = document.querySelector('[data-e2e="load-more"]');
  const el = (tag, attrs, text) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v); if (text != null) e.textContent = text; return e; };
  function render(item) {
    const box = el('div', { 'data-e2e': 'user-post-item', 'data-item-type': item.itemType, class: 'css-x6y88p-DivItemContainerV2' });
    if (item.itemType !== 'comment') box.setAttribute('data-video-id', item.id);
    else box.setAttribute('data-comment-id', item.id);
    if (item.itemType === 'repost' && item.origin) {
      const o = el('div', { 'data-e2e': 'repost-origin' });
      o.append(el('p', { 'data-e2e': 'repost-label' }, 'Di-repost dari '));
      const a = el('a', { href: '/tiktok/@' + item.origin.uniqueId, 'data-e2e': 'origin-author' }, '@' + item.origin.uniqueId);
      o.append(a);
      if (item.origin.verified) o.append(el('span', { 'data-e2e': 'verified-badge', 'aria-label': 'Terverifikasi' }, '✔'));
      o.append(el('p', { 'data-e2e': 'origin-desc' }, item.origin.desc));
      box.append(o);
    }
    if (item.itemType === 'comment' && item.origin) {
      const o = el('div', { 'data-e2e': 'comment-parent' });
      o.append(el('a', { href: '/tiktok/@' + item.origin.uniqueId, 'data-e2e': 'origin-author' }, '@' + item.origin.uniqueId));
      if (item.origin.verified) o.append(el('span', { 'data-e2e': 'verified-badge', 'aria-label': 'Terverifikasi' }, '✔'));
      o.append(el('p', { 'data-e2e': 'origin-desc' }, item.origin.desc));
      box.append(o);
    }
    const link = el('a', { href: item.itemType === 'comment' ? '/tiktok/@' + (item.origin ? item.origin.uniqueId : state.user.uniqueId) + '/video/' + item.id + '?comment' : '/tiktok/@' + state.user.uniqueId + '/video/' + item.id, class: 'css-1g95xhm-AVideoContainer' });
    for (const alt of item.video.alt) link.append(el('img', { src: item.video.cover, alt }));
    if (!item.video.alt.length) link.append(el('span', {}, item.itemType === 'comment' ? 'Komentar' : 'Video'));
    box.append(link);
    box.append(el('div', { 'data-e2e': 'user-post-item-desc', title: item.desc }, item.desc));
    box.append(el('span', { 'data-e2e': 'video-date' }, item.dateLabel));
    list.append(box);
  }
  state.items.forEach(render);
  let cursor = state.cursor;
  if (!state.hasMore && button) button.remove();
  if (button) button.addEventListener('click', async () => {
    button.disabled = true;
    const r = await fetch('/tiktok/api/post/item_list/?unique_id=' + encodeURIComponent(state.user.uniqueId) + '&cursor=' + cursor);
    const data = await r.json();
    data.itemList.forEach(render);
    cursor = data.cursor;
    if (data.hasMore) button.disabled = false; else button.remove();
  });
})();
</script>`;

export function renderTikTokProfile(account: DemoAccount): string {
  const header = `<div data-e2e="user-page"><h1 data-e2e="user-title">${esc(account.handle)}</h1><h2 data-e2e="user-subtitle">${esc(account.displayName)}</h2><h2 data-e2e="user-bio">${esc(account.bio)}</h2>`;
  if (account.state === 'private') {
    return doc({
      title: `${account.displayName} (@${account.handle}) | TikTok`,
      head: STYLE,
      body: `<div id="app">${header}<div data-e2e="private-account-tip"><p>Akun ini privat</p><p>Ikuti akun ini untuk melihat konten dan suka mereka.</p></div></div></div>`,
    });
  }
  const first = tiktokItemList(account, null);
  const state = {
    user: { uniqueId: account.handle, nickname: account.displayName },
    items: first.itemList,
    cursor: first.cursor,
    hasMore: first.hasMore,
  };
  return doc({
    title: `${account.displayName} (@${account.handle}) | TikTok`,
    head: STYLE,
    body: `<div id="app">${header}<div data-e2e="user-post-item-list"></div><button type="button" data-e2e="load-more">Muat lebih banyak</button></div></div>
<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">${JSON.stringify(state).replaceAll('<', '\\u003c')}</script>
${RENDER_SCRIPT}`,
  });
}

export function renderTikTokNotFound(): string {
  return doc({
    title: 'TikTok',
    head: STYLE,
    body: `<div id="app"><main data-e2e="user-not-found"><p>Tidak dapat menemukan akun ini</p><p>Mencari video? Coba jelajahi kreator, hashtag, dan suara populer.</p></main></div>`,
  });
}
