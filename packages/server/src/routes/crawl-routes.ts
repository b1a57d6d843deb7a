import {
  type CanaryResultRow,
  type Database,
  findCrawlRun,
  latestCanaryResults,
  listCrawlableAccounts,
  listCrawlRuns,
  listUsernamesByIds,
} from '@netra/db';
import { requestCrawlRun } from '@netra/pipeline/crawl-runs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { hasRole } from '../auth/roles.ts';
import { HttpError } from '../http/http-error.ts';
import { defineRoute, type RouteContext, requireUser, type SessionUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { zonedTime } from '../ui/zoned-time.ts';

/** Errors shown per run on the page; the API returns them all. */
const PAGE_ERRORS = 5;
const MAX_ACCOUNT_IDS = 5_000;

type CrawlRunRow = NonNullable<Awaited<ReturnType<typeof findCrawlRun>>>;

const crawlErrorSchema = z.object({ code: z.string(), message: z.string(), accountId: z.string().nullable() });

export const crawlRunViewSchema = z.object({
  id: z.string(),
  trigger: z.enum(['nightly', 'on_demand']),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  requestedBy: z.object({ id: z.string(), username: z.string().nullable() }).nullable(),
  accountsTotal: z.number(),
  accountsDone: z.number(),
  accountsFailed: z.number(),
  /** Share of accounts reported, 0–100. */
  progressPercent: z.number(),
  postsFound: z.number(),
  errors: z.array(crawlErrorSchema),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type CrawlRunView = z.infer<typeof crawlRunViewSchema>;

function iso(value: Date | string | null): string | null {
  return value ? new Date(value).toISOString() : null;
}

function errorsOf(value: unknown): CrawlRunView['errors'] {
  if (!Array.isArray(value)) return [];
  return value.map((e) => {
    const r = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    return {
      code: typeof r.code === 'string' ? r.code : 'UNKNOWN',
      message: typeof r.message === 'string' ? r.message : String(e),
      accountId: typeof r.accountId === 'string' ? r.accountId : null,
    };
  });
}

async function usernames(db: Kysely<Database>, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await listUsernamesByIds(db, wanted);
  return new Map(rows.map((r) => [r.id, r.username]));
}

function runView(row: CrawlRunRow, names: Map<string, string>): CrawlRunView {
  const total = row.accounts_total;
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    requestedBy: row.requested_by ? { id: row.requested_by, username: names.get(row.requested_by) ?? null } : null,
    accountsTotal: total,
    accountsDone: row.accounts_done,
    accountsFailed: row.accounts_failed,
    progressPercent: total === 0 ? 100 : Math.min(100, Math.round((row.accounts_done / total) * 100)),
    postsFound: row.posts_found,
    errors: errorsOf(row.errors),
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

async function listRunViews(db: Kysely<Database>, limit: number): Promise<CrawlRunView[]> {
  const rows = await listCrawlRuns(db, limit);
  const names = await usernames(
    db,
    rows.map((r) => r.requested_by),
  );
  return rows.map((r) => runView(r, names));
}

/**
 * Starts an on-demand crawl for the signed-in user. Named accounts must all be watched (active) accounts,
 * otherwise nothing starts and the unknown ids are named. `requestCrawlRun` writes the audit entry with the run,
 * or returns the queued or running crawl of the same accounts (`repeated`) and starts nothing.
 */
async function startOnDemand(
  db: Kysely<Database>,
  ctx: RouteContext<unknown, unknown, unknown>,
  user: SessionUser,
  accountIds: string[] | undefined,
): Promise<{ run: CrawlRunView; repeated: boolean }> {
  const ids = accountIds && accountIds.length > 0 ? [...new Set(accountIds)] : undefined;
  if (ids) {
    const found = new Set((await listCrawlableAccounts(db, ids)).map((a) => a.id));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) {
      throw new HttpError(
        400,
        'CRAWL_ACCOUNTS_UNKNOWN',
        `body.accountIds: akun tidak ditemukan atau tidak dipantau / unknown or unwatched accounts: ${unknown.slice(0, 10).join(', ')}`,
        { issues: [{ field: 'body.accountIds', message: `unknown or unwatched: ${unknown.slice(0, 10).join(', ')}` }] },
      );
    }
  }
  const { run, existing } = await requestCrawlRun(db, ctx.deps.queues, {
    trigger: 'on_demand',
    requestedBy: { id: user.id, username: user.username },
    accountIds: ids,
  });
  const names = existing ? await usernames(db, [run.requested_by]) : new Map([[user.id, user.username]]);
  return { run: runView(run, names), repeated: existing };
}

/** The form sends one text field; ids may be separated by spaces, commas or new lines. */
const pageStartBody = z.object({
  accountIds: z
    .string()
    .max(MAX_ACCOUNT_IDS * 40)
    .optional()
    .transform((v) => (v ?? '').split(/[\s,;]+/).filter((s) => s.length > 0))
    .pipe(z.array(z.uuid('each account ID must be a UUID')).max(MAX_ACCOUNT_IDS)),
});

function statusLabel(t: Messages, status: CrawlRunView['status']): string {
  const key = `crawlStatus${status[0]!.toUpperCase()}${status.slice(1)}` as 'crawlStatusQueued';
  return t[key];
}

function triggerLabel(t: Messages, trigger: CrawlRunView['trigger']): string {
  return trigger === 'nightly' ? t.crawlTriggerNightly : t.crawlTriggerOn_demand;
}

function time(value: string | null, lang: 'id' | 'en'): SafeHtml {
  return zonedTime(value, lang);
}

function runRow(t: Messages, run: CrawlRunView, lang: 'id' | 'en'): SafeHtml {
  const shown = run.errors.slice(0, PAGE_ERRORS);
  const errors =
    run.errors.length === 0
      ? t.none
      : html`<ul class="errors">${shown.map(
          (e) =>
            html`<li><code>${e.code}</code> ${e.message}${e.accountId ? html` <small>(${e.accountId})</small>` : ''}</li>`,
        )}</ul>${run.errors.length > shown.length ? html`<small>+${run.errors.length - shown.length} ${t.crawlMoreErrors}</small>` : ''}`;
  return html`<tr class="crawl-${run.status}">
  <td>${triggerLabel(t, run.trigger)}${run.requestedBy ? html`<br><small>${run.requestedBy.username ?? run.requestedBy.id}</small>` : ''}</td>
  <td>${statusLabel(t, run.status)}</td>
  <td><progress max="${Math.max(run.accountsTotal, 1)}" value="${run.accountsTotal === 0 ? 1 : run.accountsDone}">${run.progressPercent}%</progress>
    ${run.accountsDone}/${run.accountsTotal}${run.accountsFailed > 0 ? html` <strong>(${run.accountsFailed} ${t.crawlFailedAccounts})</strong>` : ''}</td>
  <td>${run.postsFound}</td>
  <td>${errors}</td>
  <td>${time(run.startedAt ?? run.createdAt, lang)}</td>
  <td>${time(run.finishedAt, lang)}</td>
</tr>`;
}

function verdictLabel(t: Messages, verdict: CanaryResultRow['verdict']): string {
  const key = `canaryVerdict${verdict[0]!.toUpperCase()}${verdict.slice(1)}` as 'canaryVerdictRecognised';
  return t[key];
}

/** The latest canary verdict of each page platform: a definition that no longer recognises its platform stands out. */
function canarySection(t: Messages, results: CanaryResultRow[], lang: 'id' | 'en'): SafeHtml {
  const table =
    results.length === 0
      ? html`<p>${t.canaryNone}</p>`
      : html`<table class="canary">
<thead><tr><th>${t.canaryPlatform}</th><th>${t.canaryVerdict}</th><th>${t.canaryVersion}</th><th>${t.canaryAccount}</th><th>${t.canaryItems}</th><th>${t.canaryDetail}</th><th>${t.canaryCheckedAt}</th></tr></thead>
<tbody>${results.map(
          (r) => html`<tr class="canary-${r.verdict}">
  <td>${r.platform}</td>
  <td>${r.verdict === 'recognised' ? verdictLabel(t, r.verdict) : html`<strong>${verdictLabel(t, r.verdict)}</strong>`}</td>
  <td><code>${r.definition_version ?? '—'}</code></td>
  <td><small>${r.account}</small></td>
  <td>${r.items}</td>
  <td><small>${r.detail}</small></td>
  <td>${time(new Date(r.checked_at).toISOString(), lang)}</td>
</tr>`,
        )}</tbody>
</table>`;
  return html`<section id="canary">
<h2>${t.canaryTitle}</h2>
<p><small>${t.canaryIntro}</small></p>
${table}
</section>`;
}

function crawlsPage(
  ctx: RouteContext<unknown, { done?: string | undefined }, unknown>,
  runs: CrawlRunView[],
  canary: CanaryResultRow[],
): string {
  const { t } = ctx;
  const user = requireUser(ctx);
  const form = hasRole(user.role, 'supervisor')
    ? html`<section>
<h2>${t.crawlStart}</h2>
<form method="post" action="/crawls" class="crawl-start">
  <input type="hidden" name="_csrf" value="${user.csrfToken}">
  <label>${t.crawlAccountIds}<br><textarea name="accountIds" rows="2" cols="60"></textarea></label>
  <button type="submit">${t.crawlStart}</button>
</form>
</section>`
    : '';
  const table =
    runs.length === 0
      ? html`<p>${t.crawlNone}</p>`
      : html`<table class="crawls">
<thead><tr><th>${t.crawlTrigger}</th><th>${t.crawlStatus}</th><th>${t.crawlProgress}</th><th>${t.crawlPosts}</th><th>${t.crawlErrors}</th><th>${t.crawlStartedAt}</th><th>${t.crawlFinishedAt}</th></tr></thead>
<tbody>${runs.map((r) => runRow(t, r, ctx.lang))}</tbody>
</table>`;
  return layout({
    title: t.crawlsTitle,
    t,
    lang: ctx.lang,
    user,
    body: html`${form}${table}${canarySection(t, canary, ctx.lang)}`,
    flash:
      ctx.query.done === 'started' ? t.crawlStarted : ctx.query.done === 'running' ? t.crawlAlreadyRunning : undefined,
    refreshSeconds: runs.some((r) => r.status === 'queued' || r.status === 'running') ? 10 : undefined,
  });
}

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20), lang: z.string().optional() });

export const crawlRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/crawls',
    role: 'viewer',
    kind: 'api',
    tag: 'crawls',
    summary: 'Recent crawl runs, newest first, with progress and errors',
    query: listQuery,
    response: z.object({ runs: z.array(crawlRunViewSchema) }),
    handler: async (ctx) => ({ runs: await listRunViews(ctx.deps.db, ctx.query.limit) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/crawls/:id',
    role: 'viewer',
    kind: 'api',
    tag: 'crawls',
    summary: 'One crawl run',
    params: z.object({ id: z.uuid() }),
    response: z.object({ run: crawlRunViewSchema }),
    handler: async (ctx) => {
      const row = await findCrawlRun(ctx.deps.db, ctx.params.id);
      if (!row) throw new HttpError(404, 'CRAWL_RUN_NOT_FOUND', 'Perayapan tidak ditemukan / crawl run not found');
      return { run: runView(row, await usernames(ctx.deps.db, [row.requested_by])) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/crawls',
    role: 'supervisor',
    kind: 'api',
    tag: 'crawls',
    summary:
      'Start an on-demand crawl of all watched accounts, or only of `accountIds`; while a crawl of the same accounts is queued or running, 200 with that run (`repeated`)',
    body: z.object({ accountIds: z.array(z.uuid()).max(MAX_ACCOUNT_IDS).optional() }),
    response: z.object({ run: crawlRunViewSchema, repeated: z.boolean(), message: z.string().optional() }),
    handler: async (ctx) => {
      const { run, repeated } = await startOnDemand(ctx.deps.db, ctx, requireUser(ctx), ctx.body.accountIds);
      ctx.reply.status(repeated ? 200 : 201);
      return repeated ? { run, repeated, message: ctx.t.crawlAlreadyRunning } : { run, repeated };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/crawls',
    role: 'viewer',
    kind: 'page',
    tag: 'crawls',
    summary: 'Crawl runs page with the latest canary result per platform; supervisors can start a crawl',
    query: z.object({ done: z.string().max(20).optional(), lang: z.string().optional() }),
    handler: async (ctx) =>
      crawlsPage(ctx, await listRunViews(ctx.deps.db, 50), await latestCanaryResults(ctx.deps.db)),
  }),
  defineRoute({
    method: 'POST',
    url: '/crawls',
    role: 'supervisor',
    kind: 'page',
    tag: 'crawls',
    summary: 'Start-crawl form submission',
    body: pageStartBody,
    handler: async (ctx) => {
      const { repeated } = await startOnDemand(ctx.deps.db, ctx, requireUser(ctx), ctx.body.accountIds);
      return ctx.reply.redirect(`/crawls?done=${repeated ? 'running' : 'started'}`, 303);
    },
  }),
];
