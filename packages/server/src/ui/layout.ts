import { hasRole, type Role } from '../auth/roles.ts';
import type { SessionUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { html, type SafeHtml } from './html.ts';

interface NavItem {
  href: string;
  label: keyof Messages;
  role: Role;
}

const NAV: NavItem[] = [
  { href: '/review', label: 'navReview', role: 'viewer' },
  { href: '/orang', label: 'navPeople', role: 'viewer' },
  { href: '/ringkasan', label: 'navOverview', role: 'supervisor' },
  { href: '/cases', label: 'navCases', role: 'viewer' },
  { href: '/tips/new', label: 'navTip', role: 'analyst' },
  { href: '/crawls', label: 'navCrawls', role: 'viewer' },
  { href: '/watchlist', label: 'navWatchlist', role: 'viewer' },
  { href: '/registry', label: 'navRegistry', role: 'viewer' },
  { href: '/admin/failed-jobs', label: 'navFailedJobs', role: 'supervisor' },
  { href: '/admin/users', label: 'navUsers', role: 'admin' },
  { href: '/admin/audit', label: 'navAudit', role: 'admin' },
  { href: '/admin/platforms', label: 'navPlatforms', role: 'admin' },
];

export interface PageOptions {
  title: string;
  t: Messages;
  lang: 'id' | 'en';
  user: SessionUser | null;
  body: SafeHtml;
  flash?: string | undefined;
  /** Reload the page every N seconds (a crawl in progress); a meta refresh needs no script, so the CSP holds. */
  refreshSeconds?: number | undefined;
  /** Same-origin scripts the page loads (progressive enhancement only: every page works without them). */
  scripts?: readonly string[] | undefined;
  /** Attributes on <body> the scripts read (data-*), already escaped by `html`. */
  bodyData?: SafeHtml | undefined;
}

/** The shell of every page: no inline script or style, so the CSP can forbid both. */
export function layout(page: PageOptions): string {
  const { t, user } = page;
  const nav = user
    ? html`<nav aria-label="menu">${NAV.filter((n) => hasRole(user.role, n.role)).map(
        (n) => html`<a href="${n.href}">${t[n.label]}</a>`,
      )}</nav>
      <form method="post" action="/logout" class="signout">
        <input type="hidden" name="_csrf" value="${user.csrfToken}">
        <span class="who">${user.displayName} (${user.role})</span>
        <button type="submit">${t.signOut}</button>
      </form>`
    : html``;
  const otherLang = page.lang === 'id' ? 'en' : 'id';
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${t.appName}</title>
${page.refreshSeconds ? html`<meta http-equiv="refresh" content="${page.refreshSeconds}">` : ''}
<link rel="stylesheet" href="/assets/netra.css">
${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body${page.bodyData ? html` ${page.bodyData}` : ''}>
<a class="skip-link" href="#content">${t.skipToContent}</a>
<header><a class="brand" href="/">${t.appName}</a><span class="tagline">${t.appTagline}</span>${nav}
<a class="lang" href="?lang=${otherLang}">${t.language}</a></header>
<main id="content" tabindex="-1">
${page.flash ? html`<p class="flash" role="status">${page.flash}</p>` : ''}
<h1>${page.title}</h1>
${page.body}
</main>
</body>
</html>`.value;
}
