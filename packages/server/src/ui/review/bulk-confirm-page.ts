import type { BulkAction } from '@netra/review';
import type { SessionUser } from '../../http/route.ts';
import type { Messages } from '../../i18n/messages.ts';
import { fill } from '../../i18n/workspace-messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { reasonLabel } from './format.ts';

/** "Dismiss 37 items?" — the count is stated and sent back, so a changed selection is caught, not applied. */
export function bulkConfirmBody(
  t: Messages,
  user: SessionUser,
  input: { queue: string; action: BulkAction; count: number; assigneeName?: string | undefined; changed?: boolean },
): SafeHtml {
  const { action, count } = input;
  const question =
    action.action === 'dismiss'
      ? fill(t.bulkConfirmDismiss, { n: count, reason: reasonLabel(t, action.reason) })
      : action.action === 'assign'
        ? fill(t.bulkConfirmAssign, { n: count, who: input.assigneeName ?? '?' })
        : fill(t.bulkConfirmUnassign, { n: count });
  return html`${input.changed ? html`<p class="error" role="alert">${t.bulkChanged}</p>` : ''}
<form method="post" action="/review/bulk" class="card bulk-confirm">
  <p class="bulk-question"><strong>${question}</strong></p>
  <p><small>${t.bulkConfirmNote}</small></p>
  <input type="hidden" name="_csrf" value="${user.csrfToken}">
  <input type="hidden" name="queue" value="${input.queue}">
  <input type="hidden" name="action" value="${action.action}">
  ${action.action === 'dismiss' ? html`<input type="hidden" name="reason" value="${action.reason}"><input type="hidden" name="note" value="${action.note ?? ''}">` : ''}
  ${action.action === 'assign' ? html`<input type="hidden" name="assignee" value="${action.assignee}">` : ''}
  <input type="hidden" name="confirmedCount" value="${count}">
  <button type="submit" id="bulk-confirm">${fill(t.bulkConfirmYes, { n: count })}</button>
  <a href="/review?${input.queue}">${t.bulkCancel}</a>
</form>`;
}
