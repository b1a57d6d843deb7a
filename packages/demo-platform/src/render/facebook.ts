import { createHash } from 'node:crypto';
import type { DemoAccount, DemoItem, DemoParent } from '../content/index.ts';
import { doc, esc, images, longDate, shortDate, slice } from './common.ts';
import { posterImages } from './posters.ts';

export const FACEBOOK_PAGE_SIZE = 3;

const STYLE = `<style>
body{font-family:Segoe UI,Helvetica,Arial,sans-serif;background:#f0f2f5;margin:0}
[role=banner]{background:#fff;color:#0866ff;font-weight:700;font-size:28px;padding:8px 16px}
[role=main]{max-width:680px;margin:16px auto}
[role=article]{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.2)}
.x1heor9g{font-size:32px;margin:8px 0}
h2.html-h2{font-size:15px;margin:0}
abbr{color:#65676b;font-size:13px;text-decoration:none}
[data-testid=parent-post],[data-testid=shared-attachment]{border:1px solid #dadde1;border-radius:8px;padding:8px;margin:8px 0}
.verified{color:#0866ff}
img.x1lliihq{display:block;max-width:100%;margin-top:8px}
</style>`;

export function parentPostId(parent: DemoParent): string {
  return `10${BigInt(`0x${createHash('sha256').update(`${parent.handle}:${parent.text}`).digest('hex').slice(0, 12)}`)}`;
}

function badge(parent: DemoParent): string {
  return parent.candidate ? ' <span class="verified" role="img" aria-label="Akun terverifikasi">✔</span>' : '';
}

function item(account: DemoAccount, it: DemoItem, position: number, withId: boolean): string {
  const idAttr = withId ? ` data-post-id="${it.id}"` : '';
  const parent = it.parent;
  let action = '';
  let permalink = `/facebook/${account.handle}/posts/${it.id}`;
  let before = '';
  let after = '';
  if (it.kind === 'comment' && parent) {
    action = ` mengomentari postingan <a href="/facebook/${esc(parent.handle)}" role="link">${esc(parent.name)}</a>${badge(parent)}`;
    permalink = `/facebook/${esc(parent.handle)}/posts/${parentPostId(parent)}?comment_id=${it.id}`;
    before = `<div data-testid="parent-post" data-parent-author="${esc(parent.handle)}"><h3><a href="/facebook/${esc(parent.handle)}" role="link">${esc(parent.name)}</a>${badge(parent)}</h3><div dir="auto">${esc(parent.text)}</div></div>`;
  }
  if (it.kind === 'share' && parent) {
    action = ' membagikan sebuah postingan';
    after = `<div data-testid="shared-attachment"><h3><a href="/facebook/${esc(parent.handle)}" role="link">${esc(parent.name)}</a>${badge(parent)}</h3><div dir="auto">${esc(parent.text)}</div></div>`;
  }
  return `<div role="article" class="x1yztbdb x1n2onr6"${idAttr} aria-posinset="${position}" aria-describedby="desc-${position}">
  <div class="x1cy8zhl"><h2 class="html-h2"><strong><a href="/facebook/${account.handle}" role="link">${esc(account.displayName)}</a></strong>${action}</h2>
  <span class="x4k7w5x"><a href="${permalink}" role="link" class="x1i10hfl"><abbr data-utime="${it.epoch}" title="${longDate(it.postedAt)}">${shortDate(it.postedAt)}</abbr></a> · <span aria-label="Dibagikan ke Publik">🌐</span></span></div>
  ${before}
  <div data-ad-preview="message" data-ad-comet-preview="message" id="desc-${position}"><div dir="auto">${esc(it.text)}</div></div>
  ${after}${images(it.alt, 'x1lliihq')}${posterImages(it.posters, 'x1lliihq')}
</div>`;
}

/** `malformed`: render the third post without its `data-post-id` (the deliberately broken demo page). */
export function renderFacebookProfile(account: DemoAccount, cursor: string | null, malformed: boolean): string {
  const page = slice(account, cursor, FACEBOOK_PAGE_SIZE);
  const posts = page.items
    .map((it, i) => {
      const position = page.offset + i + 1;
      return item(account, it, position, !(malformed && position === 3));
    })
    .join('\n');
  const more =
    page.next === null
      ? '<div class="x1n2onr6" data-testid="end-of-feed">Tidak ada postingan lain</div>'
      : `<div class="x1n2onr6"><a href="/facebook/${account.handle}?cursor=${page.next}" role="button" aria-label="Lihat postingan lainnya">Lihat lainnya</a></div>`;
  return doc({
    title: `${account.displayName} | Facebook`,
    head: STYLE,
    body: `<div id="mount_0_0_Xy"><div role="banner">facebook</div>
<div role="main">
<div data-pagelet="ProfileTilesFeed"><h1 class="x1heor9g">${esc(account.displayName)}</h1><div class="x193iq5w">${esc(account.bio)}</div></div>
<div data-pagelet="ProfileTimeline">
${posts}
</div>
${more}
</div></div>`,
  });
}

export function renderFacebookLoginWall(): string {
  return doc({
    title: 'Masuk Facebook',
    head: STYLE,
    body: `<div id="mount_0_0_Xy"><div role="banner">facebook</div>
<div role="main"><div class="_9ay7">Anda harus masuk terlebih dahulu untuk melihat konten ini.</div>
<form id="login_form" action="/login/" method="post"><input name="email" placeholder="Email atau nomor telepon"><input name="pass" type="password" placeholder="Kata sandi"><button name="login" type="submit">Masuk</button></form></div></div>`,
  });
}

export function renderFacebookNotFound(): string {
  return doc({
    title: 'Halaman tidak ditemukan | Facebook',
    head: STYLE,
    body: `<div id="mount_0_0_Xy"><div role="banner">facebook</div><div role="main"><h2 data-testid="content-not-available">Konten ini tidak tersedia saat ini</h2><p>Ini biasanya terjadi karena pemilik hanya membagikannya ke sekelompok kecil orang, mengubah siapa yang bisa melihatnya, atau sudah dihapus.</p></div></div>`,
  });
}
