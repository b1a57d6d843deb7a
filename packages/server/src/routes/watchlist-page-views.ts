/** Views and form handling shared by the watchlist pages (routes in watchlist-pages.ts). */
import { NetraError, PLATFORMS as PLATFORM_LIST } from '@netra/core';
import { type AccountRow, listAccountsOfPerson, type PersonRow } from '@netra/db';
import {
  COLUMN_TARGETS,
  COLUMNS,
  type ColumnMapping,
  type ImportPlan,
  isColumnTarget,
  normaliseHeader,
  PLATFORM_LABEL,
  regionName,
} from '@netra/watchlist';
import { z } from 'zod';
import { hasRole } from '../auth/roles.ts';
import { type RouteContext, requireUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { externalLink, html, type SafeHtml } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { zonedTime } from '../ui/zoned-time.ts';

export type Ctx = RouteContext<unknown, unknown, unknown>;
export type FieldErrors = Record<string, string>;

export const idParams = z.object({ id: z.uuid() });
/** Forms are validated inside the handler so that a mistake re-shows the form with the message beside the field. */
export const formBody = z.record(z.string(), z.unknown());

export const STATUSES = ['active', 'paused', 'retired'] as const;
const PLATFORMS = PLATFORM_LIST;
const LINK_METHODS = ['self_declared', 'analyst_verified', 'found'] as const;

export function statusLabel(t: Messages, status: string): string {
  return status === 'paused' ? t.wlStatusPaused : status === 'retired' ? t.wlStatusRetired : t.wlStatusActive;
}

function linkLabel(t: Messages, method: string): string {
  return method === 'analyst_verified'
    ? t.wlLinkAnalyst_verified
    : method === 'found'
      ? t.wlLinkFound
      : t.wlLinkSelf_declared;
}

export function page(ctx: Ctx, title: string, body: SafeHtml, flash?: string) {
  return layout({ title, t: ctx.t, lang: ctx.lang, user: ctx.user, body, flash });
}

export function csrf(ctx: Ctx): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${requireUser(ctx).csrfToken}">`;
}

export function isAdmin(ctx: Ctx): boolean {
  return !!ctx.user && hasRole(ctx.user.role, 'admin');
}

export function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  return typeof v === 'string' ? v : '';
}

function zodErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? '')] ??= issue.message;
  return out;
}

function fieldError(errors: FieldErrors, name: string): SafeHtml | string {
  return errors[name] ? html` <span class="error" role="alert" data-field="${name}">${errors[name]}</span>` : '';
}

export function personForm(ctx: Ctx, action: string, values: Record<string, string>, errors: FieldErrors): SafeHtml {
  const t = ctx.t;
  const input = (name: string, label: string, required = false) =>
    html`<label>${label}${required ? ' *' : ''} <input name="${name}" value="${values[name] ?? ''}" ${required ? html`required` : ''}>${fieldError(errors, name)}</label>`;
  return html`<form method="post" action="${action}" class="card">
  ${csrf(ctx)}
  ${input('name', t.wlName, true)}
  ${input('nip', t.wlNip, true)}
  ${input('agency', t.wlAgency, true)}
  ${input('unit', t.wlUnit)}
  ${input('position', t.wlPosition, true)}
  ${input('regionCode', t.wlRegion, true)}
  ${input('ppk', t.wlPpk)}
  <label>${t.wlStatus} <select name="status">${STATUSES.map(
    (s) => html`<option value="${s}" ${values.status === s ? html`selected` : ''}>${statusLabel(t, s)}</option>`,
  )}</select>${fieldError(errors, 'status')}</label>
  <label>${t.wlNotes} <textarea name="notes" rows="3">${values.notes ?? ''}</textarea>${fieldError(errors, 'notes')}</label>
  <button type="submit">${t.save}</button>
</form>`;
}

export function accountForm(ctx: Ctx, action: string, values: Record<string, string>, errors: FieldErrors): SafeHtml {
  const t = ctx.t;
  return html`<form method="post" action="${action}" class="card">
  ${csrf(ctx)}
  <label>${t.wlPlatform} * <select name="platform">${PLATFORMS.map(
    (p) => html`<option value="${p}" ${values.platform === p ? html`selected` : ''}>${p}</option>`,
  )}</select>${fieldError(errors, 'platform')}</label>
  <label>${t.wlHandle} * <input name="handle" value="${values.handle ?? ''}" required>${fieldError(errors, 'handle')}</label>
  <label>${t.wlProfileUrl} <input name="profileUrl" value="${values.profileUrl ?? ''}" type="url">${fieldError(errors, 'profileUrl')}</label>
  <label>${t.wlPlatformId} <input name="platformId" value="${values.platformId ?? ''}">${fieldError(errors, 'platformId')}</label>
  <label>${t.wlLinkMethod} <select name="linkMethod">${LINK_METHODS.map(
    (m) => html`<option value="${m}" ${values.linkMethod === m ? html`selected` : ''}>${linkLabel(t, m)}</option>`,
  )}</select></label>
  <button type="submit">${t.save}</button>
</form>`;
}

export function personValues(p: PersonRow): Record<string, string> {
  return {
    name: p.name,
    nip: p.nip,
    agency: p.agency,
    unit: p.unit ?? '',
    position: p.position,
    regionCode: p.region_code,
    ppk: p.ppk ?? '',
    status: p.status,
    notes: p.notes ?? '',
  };
}

export function accountValues(a: AccountRow): Record<string, string> {
  return {
    platform: a.platform,
    handle: a.handle,
    profileUrl: a.profile_url,
    platformId: a.platform_id ?? '',
    linkMethod: a.link_method,
  };
}

function formStrings(body: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, str(body, k)]));
}

export const PERSON_KEYS = [
  'name',
  'nip',
  'agency',
  'unit',
  'position',
  'regionCode',
  'ppk',
  'status',
  'notes',
] as const;
export const ACCOUNT_KEYS = ['platform', 'handle', 'profileUrl', 'platformId', 'linkMethod'] as const;

function conflictErrors(error: unknown): FieldErrors {
  if (error instanceof NetraError && error.code.endsWith('_CONFLICT')) {
    return { [String(error.details.field ?? '')]: error.message };
  }
  throw error;
}

/**
 * The flow every watchlist form shares: validate the submitted fields, save, redirect (303) on success; on a
 * validation error or a uniqueness conflict, show the form again with the messages and the typed values (400).
 */
export async function submitForm<S extends z.ZodType>(
  ctx: Ctx,
  keys: readonly string[],
  schema: S,
  save: (input: z.output<S>) => Promise<string>,
  render: (values: Record<string, string>, errors: FieldErrors) => Promise<string> | string,
) {
  const values = formStrings(ctx.body as Record<string, unknown>, keys);
  const parsed = schema.safeParse(values);
  let errors: FieldErrors = parsed.success ? {} : zodErrors(parsed.error);
  if (parsed.success) {
    try {
      return ctx.reply.redirect(await save(parsed.data), 303);
    } catch (error) {
      errors = conflictErrors(error);
    }
  }
  ctx.reply.status(400);
  return render(values, errors);
}

export async function personDetail(
  ctx: Ctx,
  person: PersonRow,
  flash?: string,
  accountErrors: FieldErrors = {},
  accountDraft: Record<string, string> = {},
) {
  const t = ctx.t;
  const accounts = await listAccountsOfPerson(ctx.deps.db, person.id);
  const admin = isAdmin(ctx);
  const body = html`<div class="card"><dl>
  <dt>${t.wlNip}</dt><dd><code>${person.nip}</code></dd>
  <dt>${t.wlAgency}</dt><dd>${person.agency}</dd>
  <dt>${t.wlUnit}</dt><dd>${person.unit ?? t.none}</dd>
  <dt>${t.wlPosition}</dt><dd>${person.position}</dd>
  <dt>${t.wlRegion}</dt><dd>${person.region_code} ${regionName(person.region_code) ?? ''}</dd>
  <dt>${t.wlPpk}</dt><dd>${person.ppk ?? t.none}</dd>
  <dt>${t.wlStatus}</dt><dd>${statusLabel(t, person.status)}</dd>
  <dt>${t.wlNotes}</dt><dd>${person.notes ?? t.none}</dd>
</dl>
<p><a class="person-link" href="/orang/${person.id}">${t.itemPersonPage} →</a></p>
${admin ? html`<p><a href="/watchlist/people/${person.id}/edit">${t.wlEditPerson}</a></p>` : ''}
<p><a href="/people/${person.id}/outcomes">${t.caseOutcomesOfPerson}</a></p>
</div>
<h2>${t.wlAccounts}</h2>
${
  accounts.length === 0
    ? html`<p>${t.wlNoAccounts}</p>`
    : html`<table><thead><tr><th>${t.wlPlatform}</th><th>${t.wlHandle}</th><th>${t.wlProfileUrl}</th><th>${t.wlPlatformId}</th><th>${t.wlLinkMethod}</th><th>${t.wlAccountStatus}</th><th>${t.wlLastCrawled}</th>${admin ? html`<th></th>` : ''}</tr></thead><tbody>
${accounts.map(
  (
    a,
  ) => html`<tr><td>${a.platform}</td><td>${a.handle}</td><td>${externalLink(a.profile_url, a.profile_url, 'noopener noreferrer')}</td><td>${a.platform_id ?? t.none}</td><td>${linkLabel(t, a.link_method)}</td><td>${a.status}</td><td>${a.last_crawled_at ? zonedTime(a.last_crawled_at, ctx.lang) : t.none}</td>
${
  admin
    ? html`<td><a href="/watchlist/accounts/${a.id}/edit">${t.wlEditAccount}</a>
<form method="post" action="/watchlist/accounts/${a.id}/delete" class="inline">${csrf(ctx)}<button type="submit">${t.wlDeleteAccount}</button></form></td>`
    : ''
}</tr>`,
)}
</tbody></table>`
}
${
  admin
    ? html`<h2>${t.wlAddAccount}</h2>${accountForm(ctx, `/watchlist/people/${person.id}/accounts`, accountDraft, accountErrors)}
<form method="post" action="/watchlist/people/${person.id}/delete" class="card">${csrf(ctx)}<p>${t.wlConfirmDelete}</p><button type="submit">${t.wlDeletePerson}</button></form>`
    : ''
}
<p><a href="/watchlist">${t.back}</a></p>`;
  return page(ctx, person.name, body, flash);
}

export function importForm(ctx: Ctx): SafeHtml {
  const t = ctx.t;
  return html`<form method="post" action="/watchlist/import" class="card" id="import-form" data-file-import>
  ${csrf(ctx)}
  <p>${t.wlImportHelp}</p>
  <input type="hidden" name="filename" value="">
  <input type="hidden" name="content" value="">
  <label>${t.wlImportFile} <input type="file" id="import-file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></label>
  <label>${t.wlImportPaste} <textarea name="text" rows="6" cols="80"></textarea></label>
  <button type="submit">${t.wlImportPreview}</button>
</form>`;
}

/** Label of a column target in the mapping select. */
function targetLabel(t: Messages, target: string): string {
  if (target === 'ignore') return t.wlImportMapIgnore;
  if (target.startsWith('account:'))
    return `${t.wlAccounts} ${PLATFORM_LABEL[target.slice(8) as keyof typeof PLATFORM_LABEL]}`;
  return COLUMNS[target as keyof typeof COLUMNS]?.[0] ?? target;
}

/** Hidden fields that carry the upload (and the mapping chosen) to the next step. */
export function carryFields(bytes: Buffer, filename: string | null, mapping: ColumnMapping): SafeHtml {
  return html`<input type="hidden" name="filename" value="${filename ?? ''}">
  <input type="hidden" name="content" value="${bytes.toString('base64')}">
  <input type="hidden" name="mapping" value="${JSON.stringify(mapping)}">`;
}

/** The mapping posted by the preview: hidden JSON from the last step, then the selects (`map:<header>`). */
export function mappingFromBody(body: Record<string, unknown>): ColumnMapping {
  const mapping: ColumnMapping = {};
  try {
    const carried = JSON.parse(str(body, 'mapping') || '{}') as Record<string, unknown>;
    for (const [k, v] of Object.entries(carried)) if (typeof v === 'string' && isColumnTarget(v)) mapping[k] = v;
  } catch {
    // A tampered hidden field: start from no mapping rather than fail the preview.
  }
  for (const [k, v] of Object.entries(body)) {
    if (!k.startsWith('map:') || typeof v !== 'string') continue;
    const header = k.slice(4);
    if (v === '') delete mapping[header];
    else if (isColumnTarget(v)) mapping[header] = v;
  }
  return mapping;
}

export function mappingForm(ctx: Ctx, plan: ImportPlan, bytes: Buffer, filename: string | null): SafeHtml {
  const t = ctx.t;
  return html`<h2>${t.wlImportColumns}</h2><p>${t.wlImportColumnsHelp}</p>
<form method="post" action="/watchlist/import" class="card" id="mapping-form">
  ${csrf(ctx)}
  ${carryFields(bytes, filename, plan.mapping)}
  <table id="columns"><thead><tr><th>${t.wlImportColumn}</th><th>${t.wlImportMapApply}</th></tr></thead><tbody>
  ${plan.columns.map((c) => {
    const key = normaliseHeader(c.header);
    const current = plan.mapping[key] ?? '';
    return html`<tr data-column="${c.header}"${c.target === null ? html` class="unmapped"` : ''}><td>${c.header}${c.looksLikeAccounts ? html` <strong class="error">⚠</strong>` : ''}</td><td><select name="map:${key}" aria-label="${c.header}">
    <option value="">${t.wlImportMapAuto}${c.source === 'known' && c.target ? html`: ${targetLabel(t, c.target)}` : c.source === 'unknown' ? html`: ${t.wlImportNotRead}` : ''}</option>
    ${COLUMN_TARGETS.map((target) => html`<option value="${target}"${current === target ? html` selected` : ''}>${targetLabel(t, target)}</option>`)}
  </select></td></tr>`;
  })}
  </tbody></table>
  <button type="submit">${t.wlImportMapApply}</button>
</form>`;
}

export function planTables(ctx: Ctx, plan: ImportPlan): SafeHtml {
  const t = ctx.t;
  const action = (a: string | null) =>
    a === 'create' ? t.wlCreate : a === 'update' ? t.wlUpdate : a === 'unchanged' ? t.wlUnchanged : t.none;
  const changed = plan.rows.filter((r) => r.person !== 'unchanged' || r.accounts.some((a) => a.action !== 'unchanged'));
  return html`<div class="card" id="import-summary"><dl>
  <dt>${t.wlImportRows}</dt><dd><b data-count="rows-read">${plan.rowsRead}</b></dd>
  <dt>${t.wlImportRowsAccepted}</dt><dd><b data-count="rows-accepted">${plan.rowsAccepted}</b></dd>
  <dt>${t.wlImportRowsRejected}</dt><dd><b data-count="rejected">${plan.rowsRejected}</b></dd>
  <dt>${t.wlImportAccountsRejected}</dt><dd><b data-count="accounts-rejected">${plan.accountsRejected}</b></dd>
  <dt>${t.wlImportProblems}</dt><dd><b data-count="problems">${plan.rejected.length}</b></dd>
  <dt>${t.wlPeople}</dt><dd>${t.wlCreate}: <b data-count="people-create">${plan.people.create}</b>, ${t.wlUpdate}: <b data-count="people-update">${plan.people.update}</b>, ${t.wlUnchanged}: <b data-count="people-unchanged">${plan.people.unchanged}</b></dd>
  <dt>${t.wlAccounts}</dt><dd>${t.wlCreate}: <b data-count="accounts-create">${plan.accounts.create}</b>, ${t.wlUpdate}: <b data-count="accounts-update">${plan.accounts.update}</b>, ${t.wlUnchanged}: <b data-count="accounts-unchanged">${plan.accounts.unchanged}</b></dd>
  ${plan.ignoredColumns.length > 0 ? html`<dt>${t.wlImportIgnored}</dt><dd>${plan.ignoredColumns.join(', ')}</dd>` : ''}
</dl></div>
${
  plan.warnings.length > 0
    ? html`<div class="card" id="import-warnings" role="alert"><h2>${t.wlImportWarnings}</h2><ul>${plan.warnings.map((w) => html`<li data-code="${w.code}">${w.message}</li>`)}</ul></div>`
    : ''
}
${
  plan.rejected.length > 0
    ? html`<h2>${t.wlImportProblemsTitle}</h2><p>${t.wlImportProblemsHelp}</p>
<table id="rejected"><thead><tr><th>${t.wlImportRow}</th><th>${t.wlImportColumn}</th><th>${t.wlImportValue}</th><th>${t.wlImportReason}</th></tr></thead><tbody>
${plan.rejected.map((r) => html`<tr data-scope="${r.scope}" data-code="${r.code}"><td>${r.row}</td><td>${r.column}</td><td><code>${r.value}</code></td><td>${r.message} <small>${r.code}</small></td></tr>`)}
</tbody></table>`
    : ''
}
${
  changed.length > 0
    ? html`<h2>${t.wlImportChanges}</h2><table id="changes"><thead><tr><th>${t.wlImportRow}</th><th>${t.wlNip}</th><th>${t.wlName}</th><th>${t.wlPeople}</th><th>${t.wlAccounts}</th><th>${t.wlImportChanges}</th></tr></thead><tbody>
${changed
  .slice(0, 500)
  .map(
    (r) =>
      html`<tr><td>${r.row}</td><td><code>${r.nip}</code></td><td>${r.name}</td><td>${action(r.person)}</td><td>${r.accounts.length > 0 ? r.accounts.map((a) => html`${a.platform}/${a.handle}: ${action(a.action)}<br>`) : t.none}</td><td>${r.changes.join(', ')}</td></tr>`,
  )}
</tbody></table>${changed.length > 500 ? html`<p>… ${changed.length - 500}</p>` : ''}`
    : html`<p>${t.wlImportNothing}</p>`
}`;
}

export function importBytes(body: Record<string, unknown>): Buffer | null {
  const content = str(body, 'content');
  if (content) return Buffer.from(content, 'base64');
  const text = str(body, 'text');
  return text.trim() ? Buffer.from(text, 'utf8') : null;
}

export const IMPORT_SCRIPT = `'use strict';
// Reads the chosen file in the browser and sends it base64-encoded in the form (the CSP allows no inline script).
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-file-import]');
  if (!form) return;
  const input = form.querySelector('input[type=file]');
  form.addEventListener('submit', (event) => {
    const file = input && input.files && input.files[0];
    if (!file || form.dataset.ready === '1') return;
    event.preventDefault();
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      form.elements.namedItem('content').value = url.slice(url.indexOf(',') + 1);
      form.elements.namedItem('filename').value = file.name;
      form.dataset.ready = '1';
      form.submit();
    };
    reader.readAsDataURL(file);
  });
});
`;

export function importPage(ctx: Ctx, body: SafeHtml, flash?: string) {
  const page = layout({ title: ctx.t.wlImportTitle, t: ctx.t, lang: ctx.lang, user: ctx.user, body, flash });
  return page.replace('</body>', '<script src="/assets/file-import.js" defer></script>\n</body>');
}
