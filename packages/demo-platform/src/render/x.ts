import { createHash } from 'node:crypto';
import type { DemoAccount, DemoItem, DemoParent } from '../content/index.ts';
import { doc, esc, images, slice } from './common.ts';

export const X_PAGE_SIZE = 4;

const STYLE = `<style>
body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;background:#fff;color:#0f1419}
main{max-width:600px;margin:0 auto;border-left:1px solid #eff3f4;border-right:1px solid #eff3f4}
article{padding:12px 16px;border-bottom:1px solid #eff3f4}
[data-testid=cellInnerDiv] article.thread-parent{border-bottom:0}
[data-testid=User-Name]{font-size:15px}
time{color:#536471}
[data-testid=tweetText]{margin-top:4px;white-space:pre-wrap}
[data-testid=tweetPhoto] img{max-width:100%;border-radius:16px}
[data-testid=socialContext]{color:#536471;font-size:13px}
</style>`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

function label(epoch: number): string {
  const d = new Date(epoch * 1000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function parentStatusId(parent: DemoParent): string {
  const low = BigInt(`0x${createHash('sha256').update(`${parent.handle}:${parent.text}`).digest('hex').slice(0, 12)}`);
  return (((1_700_000_000_000n - 1288834974657n) << 22n) | (low & 0x3fffffn)).toString();
}

function userName(name: string, handle: string, statusId: string, epoch: number, verified: boolean): string {
  const badge = verified
    ? '<svg data-testid="icon-verified" aria-label="Akun terverifikasi" role="img" width="16" height="16"></svg>'
    : '';
  return `<div data-testid="User-Name"><a href="/x/${esc(handle)}" role="link"><span>${esc(name)}</span></a>${badge} <a href="/x/${esc(handle)}" role="link" tabindex="-1"><span>@${esc(handle)}</span></a> · <a href="/x/${esc(handle)}/status/${statusId}" role="link"><time datetime="${new Date(epoch * 1000).toISOString()}">${label(epoch)}</time></a></div>`;
}

function tweet(account: DemoAccount, it: DemoItem): string {
  const photo = it.alt?.length ? `<div data-testid="tweetPhoto">${images(it.alt, 'css-9pa8cd')}</div>` : '';
  const parent = it.parent;
  if (it.kind === 'share' && parent) {
    // A repost shows the ORIGINAL post, with a social-context line naming who reposted it.
    const pid = parentStatusId(parent);
    return `<div data-testid="cellInnerDiv"><article data-testid="tweet" role="article" tabindex="0">
  <div data-testid="socialContext"><a href="/x/${account.handle}"><span>${esc(account.displayName)}</span> memposting ulang</a></div>
  ${userName(parent.name, parent.handle, pid, 1_700_000_000 + Number(BigInt(pid) & 0xffffn), Boolean(parent.candidate))}
  <div data-testid="tweetText" lang="in" dir="auto">${esc(parent.text)}</div>
</article></div>`;
  }
  const mine = userName(account.displayName, account.handle, it.id, it.epoch, false);
  if (it.kind === 'comment' && parent) {
    const pid = parentStatusId(parent);
    return `<div data-testid="cellInnerDiv">
<article data-testid="tweet" role="article" tabindex="0" class="thread-parent">
  ${userName(parent.name, parent.handle, pid, it.epoch - 3600, Boolean(parent.candidate))}
  <div data-testid="tweetText" lang="in" dir="auto">${esc(parent.text)}</div>
</article>
<article data-testid="tweet" role="article" tabindex="0">
  ${mine}
  <div class="r-replying">Membalas <a href="/x/${esc(parent.handle)}" role="link">@${esc(parent.handle)}</a></div>
  <div data-testid="tweetText" lang="in" dir="auto">${esc(it.text)}</div>${photo}
</article></div>`;
  }
  return `<div data-testid="cellInnerDiv"><article data-testid="tweet" role="article" tabindex="0">
  ${mine}
  <div data-testid="tweetText" lang="in" dir="auto">${esc(it.text)}</div>${photo}
</article></div>`;
}

export function renderXProfile(account: DemoAccount, cursor: string | null): string {
  const page = slice(account, cursor, X_PAGE_SIZE);
  const next =
    page.next === null
      ? ''
      : `<a href="/x/${account.handle}?cursor=${page.next}" data-testid="pagination-next" role="link">Tampilkan lebih banyak</a>`;
  return doc({
    title: `${account.displayName} (@${account.handle}) / X`,
    head: STYLE,
    body: `<div id="react-root"><main role="main">
<div data-testid="UserName"><span>${esc(account.displayName)}</span> <span>@${esc(account.handle)}</span></div>
<div data-testid="UserDescription">${esc(account.bio)}</div>
<section role="region" aria-label="Linimasa: Postingan ${esc(account.displayName)}"><div>
${page.items.map((it) => tweet(account, it)).join('\n')}
</div></section>
${next}
</main></div>`,
  });
}

export function renderXLoginWall(): string {
  return doc({
    title: 'Masuk ke X / X',
    head: STYLE,
    body: `<div id="react-root"><main role="main"><div data-testid="sheetDialog" role="dialog"><h1>Lihat apa yang sedang terjadi</h1><p>Masuk ke X untuk melihat postingan akun ini.</p><a href="/i/flow/login" data-testid="login" role="link">Masuk</a> <a href="/i/flow/signup" data-testid="signup">Daftar</a></div></main></div>`,
  });
}

export function renderXNotFound(): string {
  return doc({
    title: 'Profil / X',
    head: STYLE,
    body: `<div id="react-root"><main role="main"><div data-testid="emptyState"><div data-testid="empty_state_header_text">Akun ini tidak ada</div><div>Coba cari yang lain.</div></div></main></div>`,
  });
}
