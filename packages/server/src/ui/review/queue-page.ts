import { contestTimingParts } from '@netra/core';
import type { listReviewItems } from '@netra/db';
import { DISMISS_REASONS, type QueueParams, queueQueryString, REVIEW_PLATFORMS, REVIEW_STATUSES } from '@netra/review';
import { hasRole } from '../../auth/roles.ts';
import type { SessionUser } from '../../http/route.ts';
import type { Messages } from '../../i18n/messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { categoryLabel, option, percent, reasonLabel, rowZone, stanceLabel, statusLabel, when } from './format.ts';
import { keyboardHelp } from './keyboard-help.ts';

type QueueRow = Awaited<ReturnType<typeof listReviewItems>>[number];

export interface QueuePageModel {
  t: Messages;
  lang: 'id' | 'en';
  user: SessionUser;
  rows: QueueRow[];
  counts: Record<string, number>;
  total: number;
  /** Counts above this were not counted to the end: shown as "> cap". */
  countCap: number;
  params: QueueParams;
  labels: Map<string, string>;
  contests: { id: string; region_name: string }[];
  views: { id: string; name: string; query: string }[];
  assignees: { id: string; display_name: string }[];
  threshold?: { value: number; source: 'env' | 'model' } | undefined;
  /** Item id → its case and the legal clock's time left (items in an open case only; packages/cases). */
  deadlines?: ReadonlyMap<string, SafeHtml>;
}

/**
 * A dated post's day against the contest it was matched to (`contest_timing`), in one line under the candidate:
 * the local day with its zone, the phase, and whether the date chose the contest; the window in the title.
 */
function timingCell(t: Messages, r: QueueRow): SafeHtml {
  const timing = r.contest_timing;
  if (!timing) return html``;
  const p = contestTimingParts(timing, r.timing_region_code);
  const phase = { before: t.queueTimingBefore, during: t.queueTimingDuring, after: t.queueTimingAfter }[timing.phase];
  return html`<br><small class="contest-timing" title="${t.queueTimingWindow} ${timing.contest}: ${p.window}">${t.queueTimingPosted} ${p.postedOn}: ${phase}${timing.decided ? html` · <strong>${t.queueTimingDecided}</strong>` : ''}</small>`;
}

const shownCount = (n: number, cap: number) => (n > cap ? `> ${cap.toLocaleString('id-ID')}` : String(n));

function sortHeader(m: QueuePageModel, key: 'score' | 'posted' | 'captured', label: string): SafeHtml {
  const active = (m.params.sort ?? 'score') === key;
  const dir = active ? (m.params.dir ?? 'desc') : undefined;
  const nextDir = dir === 'desc' ? 'asc' : 'desc';
  const href = `/review?${queueQueryString({ ...m.params, sort: key, dir: nextDir })}`;
  const sortState = dir === 'desc' ? 'descending' : dir === 'asc' ? 'ascending' : 'none';
  return html`<th aria-sort="${sortState}"><a href="${href}">${label}${dir ? (dir === 'desc' ? ' ↓' : ' ↑') : ''}</a></th>`;
}

function hiddenQueue(params: Partial<QueueParams>): SafeHtml {
  return html`<input type="hidden" name="queue" value="${queueQueryString(params)}">`;
}

function bulkForm(m: QueuePageModel): SafeHtml {
  const { t, user } = m;
  return html`<details class="card bulk"><summary>${t.bulkTitle}</summary>
<form method="post" action="/review/bulk" class="filters">
  <input type="hidden" name="_csrf" value="${user.csrfToken}">
  ${hiddenQueue(m.params)}
  <label>${t.bulkAction} <select name="action">
    ${option('dismiss', t.bulkDismiss, 'dismiss')}${option('assign', t.bulkAssign, undefined)}${option('unassign', t.bulkUnassign, undefined)}
  </select></label>
  <label>${t.formDismissReason} <select name="reason">${DISMISS_REASONS.map((r) => option(r, reasonLabel(t, r), undefined))}</select></label>
  <label>${t.bulkAssign} <select name="assignee">${option('', t.none, '')}${m.assignees.map((a) => option(a.id, a.display_name, undefined))}</select></label>
  <label>${t.reviewNote} <input name="note" maxlength="5000"></label>
  <button type="submit">${t.bulkContinue}</button>
</form></details>`;
}

function savedViews(m: QueuePageModel): SafeHtml {
  const { t, user } = m;
  return html`<details class="card views"><summary>${t.viewsTitle} (${m.views.length})</summary>
${
  m.views.length === 0
    ? html`<p>${t.viewsNone}</p>`
    : html`<ul>${m.views.map(
        (v) => html`<li><a href="/review?${v.query}">${v.name}</a>
      <form method="post" action="/review/views/${v.id}/delete" class="inline"><input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit" class="link-button">${t.viewsDelete}</button></form></li>`,
      )}</ul>`
}
<form method="post" action="/review/views" class="filters">
  <input type="hidden" name="_csrf" value="${user.csrfToken}">
  ${hiddenQueue(m.params)}
  <label>${t.viewsName} <input name="name" maxlength="80" required></label>
  <button type="submit">${t.viewsSave}</button>
</form></details>`;
}

export function reviewQueueBody(m: QueuePageModel): SafeHtml {
  const { t, lang, user, params, rows, labels } = m;
  const qs = queueQueryString(params);
  const thresholdLine = m.threshold
    ? html`<p class="threshold"><small>${t.reviewThreshold}: <strong>${percent(m.threshold.value)}</strong> (${m.threshold.source === 'env' ? t.reviewThresholdEnv : t.reviewThresholdModel})</small></p>`
    : '';
  const page = (offset: number) => `/review?${queueQueryString(params, { offset: String(offset) })}`;
  const exportLinks = hasRole(user.role, 'supervisor')
    ? html`<p><a href="/api/review/export?format=csv">${t.reviewExportCsv}</a> · <a href="/api/review/export?format=jsonl">${t.reviewExportJsonl}</a></p>`
    : '';
  const analyst = hasRole(user.role, 'analyst');
  return html`${thresholdLine}
<p class="status-counts">${REVIEW_STATUSES.map((s) => html`<a class="status-${s}" href="/review?${queueQueryString({ ...params, status: s })}">${statusLabel(t, s)}: <strong>${shownCount(m.counts[s] ?? 0, m.countCap)}</strong></a> `)}</p>
<p class="tabs"><a href="/review?${queueQueryString({ ...params, assigned: undefined })}" ${params.assigned ? '' : html`aria-current="page"`}>${t.queueAll}</a> · <a href="/review?${queueQueryString({ ...params, assigned: 'me' })}" ${params.assigned === 'me' ? html`aria-current="page"` : ''}>${t.queueMine}</a></p>
<form method="get" action="/review" class="filters" role="search">
  ${params.assigned ? html`<input type="hidden" name="assigned" value="${params.assigned}">` : ''}
  <label>${t.search} <input id="review-search" type="search" name="q" value="${params.q ?? ''}" maxlength="200" placeholder="${t.queueSearchHint}"></label>
  <label>${t.reviewStatus} <select name="status">${option('', t.all, params.status ?? '')}${REVIEW_STATUSES.map((s) => option(s, statusLabel(t, s), params.status))}</select></label>
  <label>${t.reviewPlatform} <select name="platform">${option('', t.all, params.platform ?? '')}${REVIEW_PLATFORMS.map((p) => option(p, p, params.platform))}</select></label>
  <label>${t.dimContest} <select name="contest">${option('', t.all, params.contest ?? '')}${m.contests.map((c) => option(c.id, c.region_name, params.contest))}</select></label>
  <label>${t.queueSort} <select name="sort">${option('score', t.sortScore, params.sort ?? 'score')}${option('posted', t.sortPosted, params.sort)}${option('captured', t.sortCaptured, params.sort)}</select></label>
  <label>&nbsp;<select name="dir" aria-label="${t.queueSort}">${option('desc', t.sortDesc, params.dir ?? 'desc')}${option('asc', t.sortAsc, params.dir)}</select></label>
  <button type="submit">${t.filter}</button>
</form>
${
  analyst
    ? html`<form method="post" action="/review/next" class="take"><input type="hidden" name="_csrf" value="${user.csrfToken}">${hiddenQueue(params)}<button type="submit" id="take-next">${t.queueTake}</button> <small>${t.queueTakeHint}</small></form>`
    : ''
}
<p><strong class="queue-total">${shownCount(m.total, m.countCap)}</strong> ${t.queueTotal}</p>
${savedViews(m)}
${analyst ? bulkForm(m) : ''}
${exportLinks}
${
  rows.length === 0
    ? html`<p>${t.reviewEmpty}</p>`
    : html`<div class="table-wrap"><table class="queue">
<thead><tr>${sortHeader(m, 'score', t.reviewScore)}<th>${t.reviewPerson}</th><th>${t.reviewText}</th><th>${t.reviewCandidate}</th><th>${t.reviewCategory}</th><th>${t.reviewStatus}</th>${sortHeader(m, 'posted', t.sortPosted)}${sortHeader(m, 'captured', t.sortCaptured)}<th>${t.caseTimeLeft}</th></tr></thead>
<tbody>${rows.map((r) => {
        const zone = rowZone(r);
        return html`<tr data-item="${r.id}">
  <td class="score">${percent(r.score)}</td>
  <td>${r.person_id ? html`<a href="/orang/${r.person_id}">${r.person_name}</a>` : r.author_handle}<br><small>${r.agency ?? ''} · ${r.platform}</small></td>
  <td><a class="item-link" href="/review/${r.id}${qs ? `?${qs}` : ''}">${r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text}</a></td>
  <td>${r.candidate ? (labels.get(r.candidate) ?? r.candidate) : t.none}<br><small>${stanceLabel(t, r.stance)}</small>${timingCell(t, r)}</td>
  <td>${categoryLabel(t, r.category)}</td>
  <td class="status-${r.status}">${statusLabel(t, r.status)}${r.claimed_by && r.claim_expires_at && r.claim_expires_at > new Date() ? html`<br><small>${t.queueClaimedBy}</small>` : ''}</td>
  <td>${when(r.posted_at, zone, lang)}</td>
  <td>${when(r.captured_at, zone, lang)}</td>
  <td class="deadline">${m.deadlines?.get(r.id) ?? '—'}</td>
</tr>`;
      })}</tbody></table></div>`
}
<p>${params.offset > 0 ? html`<a href="${page(Math.max(0, params.offset - params.limit))}">${t.previous}</a> ` : ''}${rows.length === params.limit ? html`<a href="${page(params.offset + params.limit)}">${t.next}</a>` : ''}</p>
${keyboardHelp(t)}`;
}
