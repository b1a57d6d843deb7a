import { STAGE_LABELS, TARGET_STATUS_LABELS, TRACK_LABELS } from '@netra/cases';
import { caseIdOfReviewItem, findReviewItemStatus, getCaseRow, listCases, listCasesOfReviewItems } from '@netra/db';
import { hasRole } from '../auth/roles.ts';
import type { RouteContext } from '../http/route.ts';
import { clockBadge } from '../ui/case-pages.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { caseSettings } from './case-context.ts';
import { caseClock, itemStage } from './case-service.ts';

/**
 * The case side's small hook on the review item page: the case the item belongs to with its time left, or,
 * for a confirmed item not yet in a case, the "Buat kasus" button (analysts).
 */
export async function reviewItemCaseHook(
  ctx: RouteContext<unknown, unknown, unknown>,
  reviewItemId: string,
): Promise<SafeHtml> {
  const user = ctx.user;
  if (!user) return html``;
  const inCase = await caseIdOfReviewItem(ctx.deps.db, reviewItemId);
  if (inCase) {
    const row = await getCaseRow(ctx.deps.db, inCase.id);
    if (!row) return html``;
    const clock = caseClock(caseSettings(ctx.deps), row, ctx.deps.now?.() ?? new Date());
    return html`<p class="card case-hook">${ctx.t.caseInCase}: <a href="/cases/${inCase.id}">${inCase.case_number}</a> · ${clockBadge(ctx.t, clock)}</p>`;
  }
  const [item, stage] = await Promise.all([
    findReviewItemStatus(ctx.deps.db, reviewItemId),
    itemStage(ctx.deps.db, reviewItemId),
  ]);
  const stageLine = stage
    ? html`<p class="card item-stage">Tahapan saat unggah: <strong>${STAGE_LABELS[stage.stage]}</strong> · sasaran: <strong>${TARGET_STATUS_LABELS[stage.target]}</strong>${stage.suggestion ? html` · saran jalur SKB (analis memutuskan): ${TRACK_LABELS[stage.suggestion.track]}` : ''}</p>`
    : html``;
  if (item?.status !== 'confirmed' || !hasRole(user.role, 'analyst')) return stageLine;
  return html`${stageLine}<form method="post" action="/cases" class="card case-hook"><input type="hidden" name="_csrf" value="${user.csrfToken}">
<input type="hidden" name="itemIds" value="${reviewItemId}"><input type="hidden" name="caseType" value="temuan">
<span>${ctx.t.caseCreateHint}</span> <button type="submit" class="create-case">${ctx.t.caseCreate}</button></form>`;
}

const OPEN = new Set(['draft', 'second_review', 'adjudication', 'ready']);

/**
 * The queue's hook: how many open cases are past or near their legal deadline, linking to /cases (sorted by
 * deadline). Shown only when there is something to act on.
 */
export async function caseDeadlineBanner(ctx: RouteContext<unknown, unknown, unknown>): Promise<SafeHtml> {
  const settings = caseSettings(ctx.deps);
  const now = ctx.deps.now?.() ?? new Date();
  const cases = (await listCases(ctx.deps.db)).filter((c) => OPEN.has(c.status));
  const states = cases.map((c) => caseClock(settings, c, now).urgency);
  const overdue = states.filter((s) => s === 'overdue').length;
  const near = states.filter((s) => s === 'near').length;
  if (overdue + near === 0) return html``;
  return html`<p class="card case-deadlines"><a href="/cases"><span class="deadline-overdue">${ctx.t.caseOverdue}: ${overdue}</span> · <span class="deadline-near">${ctx.t.caseNear}: ${near}</span></a></p>`;
}

/**
 * The queue's time-left column: for each listed item that is in an open case, the case number and the legal
 * clock's time left (past or near the deadline highlighted), linking to the case.
 */
export async function queueCaseClocks(
  ctx: RouteContext<unknown, unknown, unknown>,
  reviewItemIds: readonly string[],
): Promise<Map<string, SafeHtml>> {
  const settings = caseSettings(ctx.deps);
  const now = ctx.deps.now?.() ?? new Date();
  const out = new Map<string, SafeHtml>();
  for (const row of await listCasesOfReviewItems(ctx.deps.db, reviewItemIds)) {
    if (!OPEN.has(row.status)) continue;
    const clock = caseClock(settings, row, now);
    out.set(row.review_item_id, html`<a href="/cases/${row.id}">${row.case_number}</a><br>${clockBadge(ctx.t, clock)}`);
  }
  return out;
}
