import { safeRedirectPath } from '../http/safe-redirect.ts';
import type { Messages } from '../i18n/messages.ts';
import { html, type SafeHtml } from './html.ts';

/** Only same-origin paths are accepted as the place to return to, so the form cannot become an open redirect. */
export function safeNext(next: string | undefined): string {
  return safeRedirectPath(next);
}

export function loginForm(t: Messages, next: string | undefined, message?: string): SafeHtml {
  return html`${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/login" class="card login">
  <input type="hidden" name="next" value="${safeNext(next)}">
  <label>${t.username} <input name="username" autocomplete="username" required maxlength="100"></label>
  <label>${t.password} <input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
  <button type="submit">${t.signIn}</button>
</form>`;
}
