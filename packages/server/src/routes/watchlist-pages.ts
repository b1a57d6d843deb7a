import { nipFor } from '@netra/cases';
import { NetraError } from '@netra/core';
import { type AccountRow, listAccountsOfPeople, listPeople } from '@netra/db';
import {
  accountInputSchema,
  applyWatchlistImport,
  createAccountAudited,
  createPersonAudited,
  deleteAccountAudited,
  deletePersonAudited,
  type ImportPlan,
  PLATFORM_LABEL,
  personInputSchema,
  planWatchlistImport,
  regionName,
  requireAccount,
  requirePerson,
  updateAccountAudited,
  updatePersonAudited,
} from '@netra/watchlist';
import { z } from 'zod';
import { logUserListRead, logUserRead } from '../cases/privacy-service.ts';
import { HttpError } from '../http/http-error.ts';
import { defineRoute, requireUser, UPLOAD_BODY_LIMIT } from '../http/route.ts';
import { staticAssetRoute } from '../http/static-asset-route.ts';
import { externalLink, html } from '../ui/html.ts';
import {
  httpActor,
  importErrorStatus,
  peopleQuerySchema,
  sendRejectedRows,
  sendWatchlistExport,
} from './watchlist-api-routes.ts';

import {
  ACCOUNT_KEYS,
  accountForm,
  accountValues,
  type Ctx,
  carryFields,
  csrf,
  formBody,
  IMPORT_SCRIPT,
  idParams,
  importBytes,
  importForm,
  importPage,
  isAdmin,
  mappingForm,
  mappingFromBody,
  PERSON_KEYS,
  page,
  personDetail,
  personForm,
  personValues,
  planTables,
  STATUSES,
  statusLabel,
  str,
  submitForm,
} from './watchlist-page-views.ts';

export const watchlistPages = [
  staticAssetRoute({
    url: '/assets/file-import.js',
    tag: 'watchlist',
    summary: 'Script of the import forms: reads the chosen file into the form',
    mediaType: 'text/javascript; charset=utf-8',
    body: IMPORT_SCRIPT,
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
      const accountsOf = new Map<string, AccountRow[]>();
      for (const a of await listAccountsOfPeople(
        ctx.deps.db,
        result.rows.map((p) => p.id),
      )) {
        accountsOf.set(a.person_id, [...(accountsOf.get(a.person_id) ?? []), a]);
      }
      const ids = result.rows.map((p) => p.id);
      await logUserListRead(ctx.deps.db, requireUser(ctx), 'GET /watchlist', ids, ctx.request.ip);
      const qs = (o: number) =>
        `?${new URLSearchParams({ q: q ?? '', status: status ?? '', region: region ?? '', agency: agency ?? '', offset: String(o) })}`;
      const body = html`${
        isAdmin(ctx)
          ? html`<p><a href="/watchlist/people/new">${t.wlAddPerson}</a> · <a href="/watchlist/import">${t.wlImport}</a> · <a href="/watchlist/export.csv">${t.wlExportCsv}</a> · <a href="/watchlist/export.csv?delimiter=%3B&amp;layout=wide">${t.wlExportCsvSemicolon}</a> · <a href="/watchlist/export.xlsx">${t.wlExportXlsx}</a></p>`
          : html`<p><a href="/watchlist/export.csv">${t.wlExportCsv}</a> · <a href="/watchlist/export.csv?delimiter=%3B">${t.wlExportCsvSemicolon}</a> · <a href="/watchlist/export.xlsx">${t.wlExportXlsx}</a></p>`
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
    html`<tr><td><a href="/watchlist/people/${p.id}">${p.name}</a></td><td><code>${nipFor(ctx.user?.role ?? 'viewer', p.nip)}</code></td><td>${p.agency}</td><td>${p.position}</td><td data-region="${p.region_code}">${regionName(p.region_code) ?? p.region_code} <small>${p.region_code}</small></td><td>${statusLabel(t, p.status)}</td><td>${accountsCell(t, p.account_count, accountsOf.get(p.id) ?? [])}</td></tr>`,
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
    summary: 'Watchlist as CSV (`?delimiter=;` for Excel in Indonesian locale)',
    query: z.object({
      delimiter: z.enum([',', ';']).default(','),
      layout: z.enum(['long', 'wide']).default('long'),
      lang: z.string().optional(),
    }),
    handler: async (ctx) => sendWatchlistExport(ctx, 'csv', ctx.query.delimiter, ctx.query.layout),
  }),
  defineRoute({
    method: 'GET',
    url: '/watchlist/export.xlsx',
    role: 'viewer',
    kind: 'file',
    tag: 'watchlist',
    summary: 'Watchlist as XLSX (NIP and every cell as text)',
    query: z.object({ layout: z.enum(['long', 'wide']).default('long'), lang: z.string().optional() }),
    handler: async (ctx) => sendWatchlistExport(ctx, 'xlsx', ',', ctx.query.layout),
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
      const user = requireUser(ctx);
      await logUserRead(ctx.deps.db, user, 'person', person.id, ctx.request.ip);
      return personDetail(
        ctx,
        { ...person, nip: nipFor(user.role, person.nip) },
        ctx.query.saved ? ctx.t.wlPersonSaved : undefined,
      );
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
      // The form shows the whole record (NIP unmasked): a read of personal data, logged like the person page.
      await logUserRead(ctx.deps.db, requireUser(ctx), 'person', person.id, ctx.request.ip);
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
      await logUserRead(ctx.deps.db, requireUser(ctx), 'person', account.person_id, ctx.request.ip);
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
    bodyLimit: UPLOAD_BODY_LIMIT,
    role: 'admin',
    kind: 'page',
    tag: 'watchlist',
    summary: 'Import: preview (dry run) with column mapping, or apply when confirmed',
    body: formBody,
    handler: async (ctx) => {
      const t = ctx.t;
      const bytes = importBytes(ctx.body);
      if (!bytes || bytes.length === 0) {
        ctx.reply.status(400);
        return importPage(ctx, html`<p class="error" role="alert">${t.wlImportEmpty}</p>${importForm(ctx)}`);
      }
      const filename = str(ctx.body, 'filename') || null;
      const mapping = mappingFromBody(ctx.body);
      const fileError = (error: unknown) => {
        if (!(error instanceof NetraError) || !error.code.startsWith('IMPORT_')) throw error;
        ctx.reply.status(importErrorStatus(error));
        return importPage(
          ctx,
          html`<p class="error" role="alert" data-code="${error.code}">${error.message}</p>${importForm(ctx)}`,
        );
      };
      if (str(ctx.body, 'confirm') === '1') {
        let plan: ImportPlan;
        try {
          plan = await applyWatchlistImport(ctx.deps.db, bytes, httpActor(ctx), {
            filename,
            mapping,
            expectedFingerprint: str(ctx.body, 'fingerprint') || undefined,
          });
        } catch (error) {
          if (error instanceof NetraError && error.code === 'IMPORT_PLAN_CONFLICT') {
            ctx.reply.status(409);
            return importPage(ctx, html`<p class="error" role="alert">${error.message}</p>${importForm(ctx)}`);
          }
          return fileError(error);
        }
        return importPage(
          ctx,
          html`${planTables(ctx, plan)}${rejectedForm(ctx, plan, bytes, filename)}<h2>${t.wlImport}</h2>${importForm(ctx)}`,
          t.wlImportDone,
        );
      }
      let plan: ImportPlan;
      try {
        plan = await planWatchlistImport(ctx.deps.db, bytes, filename, { mapping });
      } catch (error) {
        return fileError(error);
      }
      const hasChanges = plan.people.create + plan.people.update + plan.accounts.create + plan.accounts.update > 0;
      const confirm = hasChanges
        ? html`<form method="post" action="/watchlist/import" class="card" id="confirm-form">
  ${csrf(ctx)}
  <input type="hidden" name="confirm" value="1">
  <input type="hidden" name="fingerprint" value="${plan.fingerprint}">
  ${carryFields(bytes, filename, plan.mapping)}
  <button type="submit">${t.wlImportConfirm}</button>
</form>`
        : html``;
      return importPage(
        ctx,
        html`<h2>${t.wlImportPreviewTitle}${filename ? html`: ${filename}` : ''}</h2>${planTables(ctx, plan)}${rejectedForm(ctx, plan, bytes, filename)}${mappingForm(ctx, plan, bytes, filename)}${confirm}<h2>${t.wlImport}</h2>${importForm(ctx)}`,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/watchlist/import/rejected',
    // The form re-posts the file the import just read: the same limit, or any file over 64 KiB got a 413.
    bodyLimit: UPLOAD_BODY_LIMIT,
    role: 'admin',
    kind: 'file',
    tag: 'watchlist',
    summary: 'Rows with problems as a file in the uploaded format, with an Alasan column',
    body: formBody,
    handler: async (ctx) => {
      const bytes = importBytes(ctx.body);
      if (!bytes || bytes.length === 0) throw new HttpError(400, 'IMPORT_FILE_EMPTY', ctx.t.wlImportEmpty);
      const filename = str(ctx.body, 'filename') || null;
      return sendRejectedRows(ctx, bytes, filename, mappingFromBody(ctx.body));
    },
  }),
];

/** The account count, expandable (no script) to the accounts with links to their profiles. */
function accountsCell(t: Ctx['t'], count: number, accounts: AccountRow[]) {
  if (count === 0) return html`0`;
  return html`<details class="accounts"><summary>${count} <span class="sr">${t.wlShowAccounts}</span></summary><ul>${accounts.map(
    (a) =>
      html`<li>${PLATFORM_LABEL[a.platform as keyof typeof PLATFORM_LABEL] ?? a.platform}: ${externalLink(a.profile_url, a.handle, 'noopener noreferrer')}</li>`,
  )}</ul></details>`;
}

function rejectedForm(ctx: Ctx, plan: ImportPlan, bytes: Buffer, filename: string | null) {
  if (plan.rowsWithProblems === 0) return html``;
  return html`<form method="post" action="/watchlist/import/rejected" class="card" id="rejected-form">
  ${csrf(ctx)}
  ${carryFields(bytes, filename, plan.mapping)}
  <button type="submit">${ctx.t.wlImportDownloadRejected} (${plan.rowsWithProblems})</button>
</form>`;
}
