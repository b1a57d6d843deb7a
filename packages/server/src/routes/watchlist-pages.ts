import { NetraError } from '@netra/core';
import { type AccountRow, listAccountsOfPerson, listPeople, type PersonRow } from '@netra/db';
import {
  accountInputSchema,
  applyWatchlistImport,
  createAccountAudited,
  createPersonAudited,
  deleteAccountAudited,
  deletePersonAudited,
  type ImportPlan,
  personInputSchema,
  planWatchlistImport,
  regionName,
  requireAccount,
  requirePerson,
  updateAccountAudited,
  updatePersonAudited,
} from '@netra/watchlist';
import { z } from 'zod';
import { hasRole } from '../auth/roles.ts';
import { defineRoute, type RouteContext, requireUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { httpActor, peopleQuerySchema, sendWatchlistExport } from './watchlist-api-routes.ts';

type Ctx = RouteContext<unknown, unknown, unknown>;
type FieldErrors = Record<string, string>;

const idParams = z.object({ id: z.uuid() });
/** Forms are validated inside the handler so that a mistake re-shows the form with the message beside the field. */
const formBody = z.record(z.string(), z.unknown());

const STATUSES = ['active', 'paused', 'retired'] as const;
const PLATFORMS = ['facebook', 'instagram', 'tiktok', 'x', 'youtube'] as const;
const LINK_METHODS = ['self_declared', 'analyst_verified', 'found'] as const;

function statusLabel(t: Messages, status: string): string {
  return status === 'paused' ? t.wlStatusPaused : status === 'retired' ? t.wlStatusRetired : t.wlStatusActive;
}

function linkLabel(t: Messages, method: string): string {
  return method === 'analyst_verified'
    ? t.wlLinkAnalyst_verified
    : method === 'found'
      ? t.wlLinkFound
      : t.wlLinkSelf_declared;
}

function page(ctx: Ctx, title: string, body: SafeHtml, flash?: string) {
  return layout({ title, t: ctx.t, lang: ctx.lang, user: ctx.user, body, flash });
}

function csrf(ctx: Ctx): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${requireUser(ctx).csrfToken}">`;
}

function isAdmin(ctx: Ctx): boolean {
  return !!ctx.user && hasRole(ctx.user.role, 'admin');
}

function str(body: Record<string, unknown>, key: string): string {
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

function personForm(ctx: Ctx, action: string, values: Record<string, string>, errors: FieldErrors): SafeHtml {
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

function accountForm(ctx: Ctx, action: string, values: Record<string, string>, errors: FieldErrors): SafeHtml {
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

function personValues(p: PersonRow): Record<string, string> {
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

function accountValues(a: AccountRow): Record<string, string> {
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

const PERSON_KEYS = ['name', 'nip', 'agency', 'unit', 'position', 'regionCode', 'ppk', 'status', 'notes'] as const;
const ACCOUNT_KEYS = ['platform', 'handle', 'profileUrl', 'platformId', 'linkMethod'] as const;

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
async function submitForm<S extends z.ZodType>(
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

async function personDetail(
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
${admin ? html`<p><a href="/watchlist/people/${person.id}/edit">${t.wlEditPerson}</a></p>` : ''}
</div>
<h2>${t.wlAccounts}</h2>
${
  accounts.length === 0
    ? html`<p>${t.wlNoAccounts}</p>`
    : html`<table><thead><tr><th>${t.wlPlatform}</th><th>${t.wlHandle}</th><th>${t.wlProfileUrl}</th><th>${t.wlPlatformId}</th><th>${t.wlLinkMethod}</th><th>${t.wlAccountStatus}</th><th>${t.wlLastCrawled}</th>${admin ? html`<th></th>` : ''}</tr></thead><tbody>
${accounts.map(
  (
    a,
  ) => html`<tr><td>${a.platform}</td><td>${a.handle}</td><td><a href="${a.profile_url}" rel="noopener noreferrer">${a.profile_url}</a></td><td>${a.platform_id ?? t.none}</td><td>${linkLabel(t, a.link_method)}</td><td>${a.status}</td><td>${a.last_crawled_at ? new Date(a.last_crawled_at).toISOString().slice(0, 16).replace('T', ' ') : t.none}</td>
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

function importForm(ctx: Ctx): SafeHtml {
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

function planTables(ctx: Ctx, plan: ImportPlan): SafeHtml {
  const t = ctx.t;
  const action = (a: string | null) =>
    a === 'create' ? t.wlCreate : a === 'update' ? t.wlUpdate : a === 'unchanged' ? t.wlUnchanged : t.none;
  const changed = plan.rows.filter((r) => r.person !== 'unchanged' || (r.account && r.account !== 'unchanged'));
  return html`<div class="card" id="import-summary"><dl>
  <dt>${t.wlImportRows}</dt><dd>${plan.rowsRead}</dd>
  <dt>${t.wlPeople}</dt><dd>${t.wlCreate}: <b data-count="people-create">${plan.people.create}</b>, ${t.wlUpdate}: <b data-count="people-update">${plan.people.update}</b>, ${t.wlUnchanged}: <b data-count="people-unchanged">${plan.people.unchanged}</b></dd>
  <dt>${t.wlAccounts}</dt><dd>${t.wlCreate}: <b data-count="accounts-create">${plan.accounts.create}</b>, ${t.wlUpdate}: <b data-count="accounts-update">${plan.accounts.update}</b>, ${t.wlUnchanged}: <b data-count="accounts-unchanged">${plan.accounts.unchanged}</b></dd>
  <dt>${t.wlImportRejected}</dt><dd><b data-count="rejected">${new Set(plan.rejected.map((r) => r.row)).size}</b></dd>
  ${plan.ignoredColumns.length > 0 ? html`<dt>${t.wlImportIgnored}</dt><dd>${plan.ignoredColumns.join(', ')}</dd>` : ''}
</dl></div>
${
  plan.rejected.length > 0
    ? html`<h2>${t.wlImportRejected}</h2><p>${t.wlImportRejectedHelp}</p>
<table id="rejected"><thead><tr><th>${t.wlImportRow}</th><th>${t.wlImportColumn}</th><th>${t.wlImportValue}</th><th>${t.wlImportReason}</th></tr></thead><tbody>
${plan.rejected.map((r) => html`<tr><td>${r.row}</td><td>${r.column}</td><td><code>${r.value}</code></td><td>${r.message} <small>${r.code}</small></td></tr>`)}
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
      html`<tr><td>${r.row}</td><td><code>${r.nip}</code></td><td>${r.name}</td><td>${action(r.person)}</td><td>${r.platform ? html`${r.platform}/${r.handle}: ${action(r.account)}` : t.none}</td><td>${r.changes.join(', ')}</td></tr>`,
  )}
</tbody></table>${changed.length > 500 ? html`<p>… ${changed.length - 500}</p>` : ''}`
    : html`<p>${t.wlImportNothing}</p>`
}`;
}

function importBytes(body: Record<string, unknown>): Buffer | null {
  const content = str(body, 'content');
  if (content) return Buffer.from(content, 'base64');
  const text = str(body, 'text');
  return text.trim() ? Buffer.from(text, 'utf8') : null;
}

const IMPORT_SCRIPT = `'use strict';
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

export const watchlistPages = [
  defineRoute({
    method: 'GET',
    url: '/assets/file-import.js',
    role: 'public',
    kind: 'file',
    tag: 'watchlist',
    summary: 'Script of the import forms: reads the chosen file into the form',
    handler: async (ctx) => {
      ctx.reply.header('cache-control', 'public, max-age=3600');
      return ctx.reply.type('text/javascript; charset=utf-8').send(IMPORT_SCRIPT);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist',
    role: 'viewer',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Watchlist: search and filter people',
    query: peopleQuerySchema,
    handler: async (ctx) => {
      const t = ctx.t;
      const { q, status, region, agency, limit, offset } = ctx.query;
      const result = await listPeople(ctx.deps.db, { q, status: status || undefined, region, agency, limit, offset });
      const qs = (o: number) =>
        `?${new URLSearchParams({ q: q ?? '', status: status ?? '', region: region ?? '', agency: agency ?? '', offset: String(o) })}`;
      const body = html`${
        isAdmin(ctx)
          ? html`<p><a href="/watchlist/people/new">${t.wlAddPerson}</a> · <a href="/watchlist/import">${t.wlImport}</a> · <a href="/watchlist/export.csv">${t.wlExportCsv}</a> · <a href="/watchlist/export.xlsx">${t.wlExportXlsx}</a></p>`
          : html`<p><a href="/watchlist/export.csv">${t.wlExportCsv}</a> · <a href="/watchlist/export.xlsx">${t.wlExportXlsx}</a></p>`
      }
<form method="get" action="/watchlist" class="filters">
  <label>${t.search} <input name="q" value="${q ?? ''}" placeholder="${t.wlSearchPlaceholder}"></label>
  <label>${t.wlStatus} <select name="status"><option value="">${t.all}</option>${STATUSES.map(
    (s) => html`<option value="${s}" ${status === s ? html`selected` : ''}>${statusLabel(t, s)}</option>`,
  )}</select></label>
  <label>${t.wlRegion} <input name="region" value="${region ?? ''}" size="8"></label>
  <label>${t.wlAgency} <input name="agency" value="${agency ?? ''}"></label>
  <button type="submit">${t.filter}</button>
</form>
<p>${t.wlTotal}: <span id="total">${result.total}</span></p>
${
  result.rows.length === 0
    ? html`<p>${t.wlNoPeople}</p>`
    : html`<table id="people"><thead><tr><th>${t.wlName}</th><th>${t.wlNip}</th><th>${t.wlAgency}</th><th>${t.wlPosition}</th><th>${t.wlRegion}</th><th>${t.wlStatus}</th><th>${t.wlAccountCount}</th></tr></thead><tbody>
${result.rows.map(
  (p) =>
    html`<tr><td><a href="/watchlist/people/${p.id}">${p.name}</a></td><td><code>${p.nip}</code></td><td>${p.agency}</td><td>${p.position}</td><td>${p.region_code}</td><td>${statusLabel(t, p.status)}</td><td>${p.account_count}</td></tr>`,
)}
</tbody></table>`
}
<p>${offset > 0 ? html`<a href="/watchlist${qs(Math.max(0, offset - limit))}">${t.previous}</a> ` : ''}${
        offset + limit < result.total ? html`<a href="/watchlist${qs(offset + limit)}">${t.next}</a>` : ''
      }</p>`;
      return page(ctx, t.wlTitle, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/export.csv',
    role: 'viewer',
    kind: 'file',
    tag: 'watchlist',
    summary: 'Watchlist as CSV',
    handler: async (ctx) => sendWatchlistExport(ctx, 'csv'),
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/export.xlsx',
    role: 'viewer',
    kind: 'file',
    tag: 'watchlist',
    summary: 'Watchlist as XLSX',
    handler: async (ctx) => sendWatchlistExport(ctx, 'xlsx'),
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/people/new',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form: add a person',
    handler: async (ctx) =>
      page(ctx, ctx.t.wlAddPerson, personForm(ctx, '/watchlist/people', { status: 'active' }, {})),
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/people',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form submission: add a person',
    body: formBody,
    handler: async (ctx) => {
      return submitForm(
        ctx,
        PERSON_KEYS,
        personInputSchema,
        async (input) =>
          `/watchlist/people/${(await createPersonAudited(ctx.deps.db, input, httpActor(ctx))).id}?saved=1`,
        (values, errors) => page(ctx, ctx.t.wlAddPerson, personForm(ctx, '/watchlist/people', values, errors)),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/people/:id',
    role: 'viewer',
    kind: 'page',
    tag: 'watchlist',
    summary: 'A person with their accounts',
    params: idParams,
    query: z.object({ saved: z.string().optional(), lang: z.string().optional() }),
    handler: async (ctx) => {
      const person = await requirePerson(ctx.deps.db, ctx.params.id);
      return personDetail(ctx, person, ctx.query.saved ? ctx.t.wlPersonSaved : undefined);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/people/:id/edit',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form: edit a person',
    params: idParams,
    handler: async (ctx) => {
      const person = await requirePerson(ctx.deps.db, ctx.params.id);
      return page(ctx, ctx.t.wlEditPerson, personForm(ctx, `/watchlist/people/${person.id}`, personValues(person), {}));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/people/:id',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form submission: edit a person',
    params: idParams,
    body: formBody,
    handler: async (ctx) => {
      const url = `/watchlist/people/${ctx.params.id}`;
      return submitForm(
        ctx,
        PERSON_KEYS,
        personInputSchema,
        async (input) => {
          await updatePersonAudited(ctx.deps.db, ctx.params.id, input, httpActor(ctx));
          return `${url}?saved=1`;
        },
        (values, errors) => page(ctx, ctx.t.wlEditPerson, personForm(ctx, url, values, errors)),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/people/:id/delete',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form submission: delete a person',
    params: idParams,
    handler: async (ctx) => {
      await deletePersonAudited(ctx.deps.db, ctx.params.id, httpActor(ctx));
      return ctx.reply.redirect('/watchlist', 303);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/people/:id/accounts',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form submission: add an account',
    params: idParams,
    body: formBody,
    handler: async (ctx) => {
      const person = await requirePerson(ctx.deps.db, ctx.params.id);
      return submitForm(
        ctx,
        ACCOUNT_KEYS,
        accountInputSchema,
        async (input) => {
          await createAccountAudited(ctx.deps.db, person.id, input, httpActor(ctx));
          return `/watchlist/people/${person.id}?saved=1`;
        },
        (values, errors) => personDetail(ctx, person, undefined, errors, values),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/accounts/:id/edit',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form: edit an account',
    params: idParams,
    handler: async (ctx) => {
      const account = await requireAccount(ctx.deps.db, ctx.params.id);
      return page(
        ctx,
        ctx.t.wlEditAccount,
        accountForm(ctx, `/watchlist/accounts/${account.id}`, accountValues(account), {}),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/accounts/:id',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form submission: edit an account',
    params: idParams,
    body: formBody,
    handler: async (ctx) => {
      const account = await requireAccount(ctx.deps.db, ctx.params.id);
      return submitForm(
        ctx,
        ACCOUNT_KEYS,
        accountInputSchema,
        async (input) => {
          await updateAccountAudited(ctx.deps.db, account.id, input, httpActor(ctx));
          return `/watchlist/people/${account.person_id}?saved=1`;
        },
        (values, errors) =>
          page(ctx, ctx.t.wlEditAccount, accountForm(ctx, `/watchlist/accounts/${account.id}`, values, errors)),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/accounts/:id/delete',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Form submission: delete an account',
    params: idParams,
    handler: async (ctx) => {
      const account = await deleteAccountAudited(ctx.deps.db, ctx.params.id, httpActor(ctx));
      return ctx.reply.redirect(`/watchlist/people/${account.person_id}`, 303);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/import',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Import page: upload a CSV/XLSX file',
    handler: async (ctx) => importPage(ctx, importForm(ctx)),
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/import',
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Import: preview (dry run), or apply when confirmed',
    body: formBody,
    handler: async (ctx) => {
      const t = ctx.t;
      const bytes = importBytes(ctx.body);
      if (!bytes || bytes.length === 0) {
        ctx.reply.status(400);
        return importPage(ctx, html`<p class="error" role="alert">${t.wlImportEmpty}</p>${importForm(ctx)}`);
      }
      const filename = str(ctx.body, 'filename') || null;
      if (str(ctx.body, 'confirm') === '1') {
        let plan: ImportPlan;
        try {
          plan = await applyWatchlistImport(ctx.deps.db, bytes, httpActor(ctx), {
            filename,
            expectedFingerprint: str(ctx.body, 'fingerprint') || undefined,
          });
        } catch (error) {
          if (!(error instanceof NetraError) || error.code !== 'IMPORT_PLAN_CONFLICT') throw error;
          ctx.reply.status(409);
          return importPage(ctx, html`<p class="error" role="alert">${error.message}</p>${importForm(ctx)}`);
        }
        return importPage(ctx, html`${planTables(ctx, plan)}<h2>${t.wlImport}</h2>${importForm(ctx)}`, t.wlImportDone);
      }
      const plan = await planWatchlistImport(ctx.deps.db, bytes, filename);
      const hasChanges = plan.people.create + plan.people.update + plan.accounts.create + plan.accounts.update > 0;
      const confirm = hasChanges
        ? html`<form method="post" action="/watchlist/import" class="card" id="confirm-form">
  ${csrf(ctx)}
  <input type="hidden" name="confirm" value="1">
  <input type="hidden" name="fingerprint" value="${plan.fingerprint}">
  <input type="hidden" name="filename" value="${filename ?? ''}">
  <input type="hidden" name="content" value="${bytes.toString('base64')}">
  <button type="submit">${t.wlImportConfirm}</button>
</form>`
        : html``;
      return importPage(
        ctx,
        html`<h2>${t.wlImportPreviewTitle}${filename ? html`: ${filename}` : ''}</h2>${planTables(ctx, plan)}${confirm}<h2>${t.wlImport}</h2>${importForm(ctx)}`,
      );
    },
  }),
];

function importPage(ctx: Ctx, body: SafeHtml, flash?: string) {
  const page = layout({ title: ctx.t.wlImportTitle, t: ctx.t, lang: ctx.lang, user: ctx.user, body, flash });
  return page.replace('</body>', '<script src="/assets/file-import.js" defer></script>\n</body>');
}
