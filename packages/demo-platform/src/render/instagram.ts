import { createHash } from 'node:crypto';
import type { DemoAccount, DemoItem, DemoParent } from '../content/index.ts';
import { dayMonth, doc, esc, slice } from './common.ts';

export const INSTAGRAM_PAGE_SIZE = 3;

const STYLE = `<style>
body{font-family:-apple-system,Helvetica,Arial,sans-serif;margin:0;background:#fff}
main{max-width:935px;margin:0 auto;padding:24px}
header{display:flex;gap:24px;align-items:center;border-bottom:1px solid #dbdbdb;padding-bottom:24px}
._ac7v{display:grid;grid-template-columns:repeat(3,1fr);gap:4px;margin-top:16px}
article._aagv{border:1px solid #efefef;padding:8px;font-size:14px}
article._aagv img{width:100%;display:block}
._a9zr{color:#737373;font-size:12px;border-left:3px solid #dbdbdb;padding-left:6px;margin-bottom:6px}
time{color:#737373;font-size:12px;display:block;margin-top:4px}
button._acan{margin:24px auto;display:block;background:#0095f6;color:#fff;border:0;border-radius:8px;padding:8px 16px}
</style>`;

function shortcodeOf(parent: DemoParent): string {
  return `C${createHash('sha256').update(`${parent.handle}:${parent.text}`).digest('base64url').slice(0, 10)}`;
}

function verified(parent: DemoParent): string {
  return parent.candidate
    ? '<svg aria-label="Terverifikasi" class="x1lliihq" height="12" width="12" role="img"><title>Terverifikasi</title></svg>'
    : '';
}

function mediaId(id: string): string {
  return String(BigInt(`0x${createHash('sha256').update(id).digest('hex').slice(0, 15)}`));
}

function item(account: DemoAccount, it: DemoItem): string {
  const time = `<time class="x1p4m5qa" datetime="${new Date(it.epoch * 1000).toISOString()}" title="${dayMonth(it.postedAt)} ${it.postedAt.slice(0, 4)}">${dayMonth(it.postedAt)}</time>`;
  const alts = (it.alt ?? [])
    .map((alt) => `<img src="/static/photo.svg" alt="${esc(alt)}" crossorigin="anonymous" class="x5yr21d">`)
    .join('');
  const caption = `<div class="_a9zs"><h1 class="_ap3a _aaco" dir="auto">${esc(it.text)}</h1></div>`;
  if (it.kind === 'comment' && it.parent) {
    const parent = it.parent;
    const code = shortcodeOf(parent);
    return `<article class="_aagv" data-comment-id="${it.id}" data-testid="profile-comment">
  <div class="_a9zr" data-testid="comment-parent"><a href="/instagram/${esc(parent.handle)}/" class="_acan">${esc(parent.handle)}</a>${verified(parent)}<span class="_ap3a" dir="auto">${esc(parent.text)}</span></div>
  <a href="/instagram/p/${code}/c/${it.id}/" class="x1i10hfl">${account.handle} mengomentari</a>
  ${caption}${time}
</article>`;
  }
  return `<article class="_aagv" data-media-id="${mediaId(it.id)}" data-shortcode="${it.id}">
  <a href="/instagram/p/${it.id}/" class="x1i10hfl" role="link">${alts}</a>
  ${caption}${time}
</article>`;
}

export function instagramFeedFragment(
  account: DemoAccount,
  maxId: string | null,
): { html: string; next_max_id: string | null } {
  const page = slice(account, maxId, INSTAGRAM_PAGE_SIZE);
  return {
    html: page.items.map((it) => item(account, it)).join('\n'),
    next_max_id: page.next === null ? null : String(page.next),
  };
}

const LOAD_MORE_SCRIPT = `<script>
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-testid="load-more"]');
  if (!button) return;
  button.disabled = true;
  const response = await fetch(button.dataset.feed + '?max_id=' + encodeURIComponent(button.dataset.nextMaxId));
  const data = await response.json();
  document.querySelector('._ac7v').insertAdjacentHTML('beforeend', data.html);
  if (data.next_max_id) { button.dataset.nextMaxId = data.next_max_id; button.disabled = false; }
  else button.remove();
});
</script>`;

export function renderInstagramProfile(account: DemoAccount): string {
  const header = `<header class="x1qjc9v5"><img class="xpdipgo" src="/static/photo.svg" alt="Foto profil ${esc(account.handle)}" width="150" height="150"><section><h2 class="x1lliihq" dir="auto">${esc(account.handle)}</h2><span class="x1lliihq">${esc(account.displayName)}</span><div class="_aa_c">${esc(account.bio)}</div></section></header>`;
  if (account.state === 'private') {
    return doc({
      title: `${account.displayName} (@${account.handle}) • Foto dan video Instagram`,
      head: STYLE,
      body: `<main role="main">${header}<article class="x1n2onr6" data-testid="private-account"><h2 class="_aa_u">Akun ini bersifat privat</h2><div>Ikuti untuk melihat foto dan video mereka.</div></article></main>`,
    });
  }
  const first = instagramFeedFragment(account, null);
  const more = first.next_max_id
    ? `<button type="button" class="_acan" data-testid="load-more" data-feed="/instagram/${account.handle}/feed" data-next-max-id="${first.next_max_id}">Muat lebih banyak</button>`
    : '';
  return doc({
    title: `${account.displayName} (@${account.handle}) • Foto dan video Instagram`,
    head: STYLE,
    body: `<main role="main">${header}<div class="_ac7v">${first.html}</div>${more}</main>${LOAD_MORE_SCRIPT}`,
  });
}

export function renderInstagramNotFound(): string {
  return doc({
    title: 'Halaman tidak ditemukan • Instagram',
    head: STYLE,
    body: `<main role="main"><div data-testid="not-found"><h2>Maaf, halaman ini tidak tersedia.</h2><p>Tautan yang Anda ikuti mungkin rusak, atau halaman mungkin telah dihapus.</p></div></main>`,
  });
}
