import { listAudit } from '@netra/db';
import { formatInZone, zoneForRegion } from '@netra/review';
import { z } from 'zod';
import { logUserListRead } from '../cases/privacy-service.ts';
import { defineRoute, type RouteContext, requireUser } from '../http/route.ts';
import { auditActionLabel } from '../i18n/audit-labels.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
/** Longest value shown in a diff cell; audit values are small, but a stray payload must not flood the page. */
const MAX_VALUE_CHARS = 400;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

const auditQuery = z.object({
  entityType: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
  entityId: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  actor: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  beforeId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT)),
  lang: z.string().optional(),
});
type AuditQuery = z.output<typeof auditQuery>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** One page of entries, newest first, and the cursor (`beforeId`) of the next older page if there is one. */
async function auditPage(ctx: RouteContext<unknown, AuditQuery, unknown>, route: string) {
  const q = ctx.query;
  const rows = await listAudit(ctx.deps.db, {
    entityType: q.entityType,
    entityId: q.entityId,
    actorUsername: q.actor,
    beforeId: q.beforeId,
    limit: q.limit + 1,
  });
  const entries: AuditEntryView[] = rows.slice(0, q.limit).map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
  }));
  // A person's audit entries carry their data (name, NIP before and after an edit): the read is logged.
  const persons = entries.filter((e) => e.entityType === 'person' && UUID.test(e.entityId)).map((e) => e.entityId);
  await logUserListRead(ctx.deps.db, requireUser(ctx), route, persons, ctx.request.ip);
  const last = entries.at(-1);
  return { entries, nextBeforeId: rows.length > q.limit && last ? last.id : null };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Key-by-key comparison of an entry's before and after states (whole values when they are not objects). */
export function diffStates(before: unknown, after: unknown): DiffRow[] {
  if (before === null && after === null) return [];
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) {
    return [{ key: '', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => ({
    key,
    before: b[key],
    after: a[key],
    changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]),
  }));
}

function diffTable(ctx: { t: RouteContext<unknown, unknown, unknown>['t'] }, entry: AuditEntryView): SafeHtml {
  const { t } = ctx;
  const rows = diffStates(entry.before, entry.after);
  if (rows.length === 0) return html`<small>${t.auditNoChanges}</small>`;
  return html`<table class="diff">
<thead><tr><th>${t.auditField}</th><th>${t.auditBefore}</th><th>${t.auditAfter}</th></tr></thead>
<tbody>${rows.map((r) =>
    r.changed
      ? html`<tr class="changed"><th scope="row"><mark>${r.key}</mark></th><td>${r.before === undefined ? '' : html`<del>${show(r.before)}</del>`}</td><td>${r.after === undefined ? '' : html`<ins>${show(r.after)}</ins>`}</td></tr>`
      : html`<tr><th scope="row">${r.key}</th><td>${show(r.before)}</td><td>${show(r.after)}</td></tr>`,
  )}</tbody>
</table>`;
}

function pageLink(q: AuditQuery, beforeId: number | undefined): string {
  const params = new URLSearchParams();
  if (q.entityType) params.set('entityType', q.entityType);
  if (q.entityId) params.set('entityId', q.entityId);
  if (q.actor) params.set('actor', q.actor);
  if (q.limit !== DEFAULT_LIMIT) params.set('limit', String(q.limit));
  if (beforeId) params.set('beforeId', String(beforeId));
  const s = params.toString();
  return s ? `/admin/audit?${s}` : '/admin/audit';
}

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/audit',
    role: 'admin',
    kind: 'api',
    tag: 'audit',
    summary:
      'Audit log, newest first; filter by entityType, entityId, actor (username); page with beforeId = nextBeforeId',
    query: auditQuery,
    response: z.object({ entries: z.array(auditEntrySchema), nextBeforeId: z.number().nullable() }),
    handler: async (ctx) => auditPage(ctx, 'GET /api/audit'),
  }),
  defineRoute({
    method: 'GET',
    url: '/admin/audit',
    role: 'admin',
    kind: 'page',
    tag: 'audit',
    summary: 'Audit log page with filters, paging and before/after differences',
    query: auditQuery,
    handler: async (ctx) => {
      const { t } = ctx;
      const q = ctx.query;
      const { entries, nextBeforeId } = await auditPage(ctx, 'GET /admin/audit');
      const filters = html`<form method="get" action="/admin/audit" class="filters">
  <label>${t.auditEntityType} <input name="entityType" value="${q.entityType ?? ''}" maxlength="100"></label>
  <label>${t.auditEntityId} <input name="entityId" value="${q.entityId ?? ''}" maxlength="200"></label>
  <label>${t.auditActor} <input name="actor" value="${q.actor ?? ''}" maxlength="200"></label>
  <label>${t.auditLimit} <input type="number" name="limit" value="${q.limit}" min="1" max="${MAX_LIMIT}"></label>
  <button type="submit">${t.filter}</button>
</form>`;
      const table =
        entries.length === 0
          ? html`<p>${t.auditEmpty}</p>`
          : html`<table class="audit">
<thead><tr><th>${t.auditWhen}</th><th>${t.auditActor}</th><th>${t.auditAction}</th><th>${t.auditEntity}</th><th>${t.auditChanges}</th></tr></thead>
<tbody>${entries.map(
              (e) => html`<tr>
  <td><time datetime="${e.at}">${formatInZone(new Date(e.at), zoneForRegion(null), ctx.lang)}</time></td>
  <td><a href="${pageLink({ ...q, actor: e.actorUsername, beforeId: undefined }, undefined)}">${e.actorUsername}</a>${e.ip ? html`<br><small>${e.ip}</small>` : ''}</td>
  <td>${auditActionLabel(e.action, ctx.lang)}<br><small><code>${e.action}</code></small></td>
  <td><a href="${pageLink({ ...q, entityType: e.entityType, entityId: e.entityId, beforeId: undefined }, undefined)}">${e.entityType}<br><small>${e.entityId}</small></a></td>
  <td>${diffTable(ctx, e)}</td>
</tr>`,
            )}</tbody>
</table>`;
      const paging = html`<nav class="paging" aria-label="paging">
  ${q.beforeId ? html`<a href="${pageLink(q, undefined)}">${t.auditNewest}</a>` : ''}
  ${nextBeforeId ? html`<a href="${pageLink(q, nextBeforeId)}" rel="next">${t.auditOlder}</a>` : ''}
</nav>`;
      return layout({
        title: t.auditTitle,
        t,
        lang: ctx.lang,
        user: requireUser(ctx),
        body: html`${filters}${table}${paging}`,
      });
    },
  }),
];
