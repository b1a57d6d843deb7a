import type { FieldIssue } from '@netra/core';
import type { SessionUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * The tip form. Files are read by /assets/tip-capture.js into hidden base64 fields (the CSP allows no inline
 * script and the server takes no multipart bodies), the same way the import forms send their files.
 */
export function tipForm(
  t: Messages,
  user: SessionUser,
  values: {
    url?: string | undefined;
    text?: string | undefined;
    person?: string | undefined;
    postedAt?: string | undefined;
    postedAtZone?: string | undefined;
    note?: string | undefined;
  },
  issues: readonly FieldIssue[],
): SafeHtml {
  const errorOf = (field: string) => {
    const found = issues.filter((i) => i.field === field);
    return found.length > 0
      ? html`<span class="error" role="alert">${found.map((i) => i.message).join('; ')}</span>`
      : '';
  };
  const other = issues.filter(
    (i) => !['url', 'text', 'screenshot', 'savedPage', 'person', 'postedAt', 'postedAtZone', 'note'].includes(i.field),
  );
  return html`<h1>${t.tipTitle}</h1>
<p>${t.tipIntro}</p>
${other.length > 0 ? html`<p class="error" role="alert">${other.map((i) => `${i.field}: ${i.message}`).join('; ')}</p>` : ''}
<form method="post" action="/tips" class="card" id="tip-form" data-tip-capture>
  <input type="hidden" name="_csrf" value="${user.csrfToken}">
  <input type="hidden" name="screenshot" value="">
  <input type="hidden" name="savedPage" value="">
  <label>${t.tipUrl} <input type="url" name="url" required maxlength="2000" value="${values.url ?? ''}"></label> ${errorOf('url')}
  <label>${t.tipScreenshot} <input type="file" id="tip-screenshot" data-target="screenshot" accept="image/png,image/jpeg,image/webp"></label> ${errorOf('screenshot')}
  <label>${t.tipHtml} <input type="file" id="tip-page" data-target="savedPage" accept=".html,.htm,.mhtml,.mht,text/html,multipart/related"></label> ${errorOf('savedPage')}
  <label>${t.tipText} <textarea name="text" rows="5" cols="80" maxlength="20000">${values.text ?? ''}</textarea></label> ${errorOf('text')}
  <label>${t.tipPerson} <input type="text" name="person" maxlength="64" placeholder="NIP" value="${values.person ?? ''}"></label> ${errorOf('person')}
  <label>${t.tipPostedAt} <input type="datetime-local" name="postedAt" value="${values.postedAt ?? ''}"></label>
  <label>${t.tipPostedAtZone} <select name="postedAtZone">${(['WIB', 'WITA', 'WIT'] as const).map(
    (zone) =>
      html`<option value="${zone}"${(values.postedAtZone ?? 'WIB') === zone ? ' selected' : ''}>${zone}</option>`,
  )}</select></label> ${errorOf('postedAt')} ${errorOf('postedAtZone')}
  <label>${t.tipNote} <textarea name="note" rows="2" cols="80" maxlength="5000">${values.note ?? ''}</textarea></label>
  <button type="submit">${t.tipSubmit}</button>
</form>`;
}

export const TIP_SCRIPT = `'use strict';
// Reads the chosen capture files in the browser into the form's hidden base64 fields, then submits it.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-tip-capture]');
  if (!form) return;
  const read = (file) => new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => { const url = String(reader.result); resolve(url.slice(url.indexOf(',') + 1)); };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  form.addEventListener('submit', (event) => {
    if (form.dataset.ready === '1') return;
    const inputs = [...form.querySelectorAll('input[type=file][data-target]')].filter((i) => i.files && i.files[0]);
    if (inputs.length === 0) return;
    event.preventDefault();
    Promise.all(inputs.map((i) => read(i.files[0]).then((data) => { form.elements.namedItem(i.dataset.target).value = data; })))
      .then(() => { form.dataset.ready = '1'; form.submit(); });
  });
});
`;
