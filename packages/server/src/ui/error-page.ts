import type { HttpError } from '../http/http-error.ts';
import type { SessionUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { loginForm } from './login-form.ts';

/**
 * A refusal as a page. An unauthenticated visitor gets the sign-in form right there (status 401), and is
 * sent back to the page they asked for (`url`: for a form post, the page the form was on) after signing in.
 */
export function errorPage(
  error: HttpError,
  t: Messages,
  lang: 'id' | 'en',
  user: SessionUser | null,
  url: string,
  /** The refused request was a form post: what was filled in is lost, and the page says so. */
  formPost = false,
): string {
  if (error.status === 401) {
    const message = formPost ? t.signInRequiredFormLost : t.signInRequired;
    return layout({ title: t.signInTitle, t, lang, user: null, body: loginForm(t, url, message) });
  }
  const title = error.status === 403 ? t.forbiddenTitle : error.status === 404 ? t.notFoundTitle : t.errorTitle;
  const issues = Array.isArray(error.details.issues)
    ? (error.details.issues as { field: string; message: string }[])
    : [];
  const body = html`<div class="error" role="alert">
    <p>${error.status === 403 ? t.forbiddenBody : error.message}</p>
    ${issues.length > 0 ? html`<ul>${issues.map((i) => html`<li><code>${i.field}</code>: ${i.message}</li>`)}</ul>` : ''}
    <p><small>${error.code}</small></p></div>`;
  return layout({ title, t, lang, user, body });
}
