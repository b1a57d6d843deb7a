import type { FieldIssue } from '@netra/core';
import { DISMISS_REASONS, type ReviewItem, SKB_CATEGORIES } from '@netra/review';
import type { SessionUser } from '../../http/route.ts';
import type { Messages } from '../../i18n/messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { categoryLabel, option, reasonLabel, statusLabel } from './format.ts';

export interface DecisionFormValues {
  decision: string;
  label: string;
  candidate: string;
  stance: string;
  category: string;
  reason: string;
  note: string;
}

export interface DecisionFormState {
  values: DecisionFormValues;
  /** Where the values came from: the decision in force, the model's suggestion, or what was just submitted. */
  source: 'current' | 'model' | 'submitted';
  errors: readonly FieldIssue[];
}

/**
 * The form starts from the decision in force, or — when there is none — from the model's suggestion, marked
 * as such so a stray save is not mistaken for a human judgement.
 */
export function initialFormState(item: ReviewItem): DecisionFormState {
  const current = item.decisions.at(-1);
  if (current && current.decision !== 'reopened') {
    return {
      source: 'current',
      errors: [],
      values: {
        decision: current.decision,
        label: current.label,
        candidate: current.candidate ?? '',
        stance: current.stance ?? '',
        category: current.category ?? '',
        reason: current.reason ?? '',
        note: '',
      },
    };
  }
  return {
    source: 'model',
    errors: [],
    values: {
      decision: 'confirmed',
      label: 'endorse',
      candidate: item.candidate ?? '',
      stance: item.stance ?? '',
      category: item.category ?? '',
      reason: '',
      note: '',
    },
  };
}

/** Submitted form fields as strings, so a refused form is shown again exactly as it was sent. */
export function submittedFormState(body: Record<string, unknown>, errors: readonly FieldIssue[]): DecisionFormState {
  const get = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    source: 'submitted',
    errors,
    values: {
      decision: get('decision'),
      label: get('label'),
      candidate: get('candidate'),
      stance: get('stance'),
      category: get('category'),
      reason: get('reason'),
      note: get('note'),
    },
  };
}

function fieldError(errors: readonly FieldIssue[], field: string): SafeHtml {
  const issue = errors.find((e) => e.field === field || e.field === `body.${field}`);
  return issue ? html`<p class="field-error" id="err-${field}" role="alert">${issue.message}</p>` : html``;
}

const invalid = (errors: readonly FieldIssue[], field: string) =>
  errors.some((e) => e.field === field || e.field === `body.${field}`)
    ? html`aria-invalid="true" aria-describedby="err-${field}"`
    : html``;

const FIELD_NAMES: Record<string, keyof Messages> = {
  decision: 'reviewDecision',
  label: 'reviewLabel',
  candidate: 'reviewCandidate',
  stance: 'reviewStance',
  category: 'reviewCategory',
  reason: 'formDismissReason',
  note: 'reviewNote',
};

export function decisionForm(
  t: Messages,
  user: SessionUser,
  item: ReviewItem,
  labels: Map<string, string>,
  state: DecisionFormState,
  queueQuery: string,
  disabled: boolean,
): SafeHtml {
  const v = state.values;
  const contest = (v.candidate || item.candidate || '').split('#')[0];
  const candidates = [...labels.entries()].filter(([ref]) => !contest || ref.split('#')[0] === contest);
  const errors = state.errors;
  const summary =
    errors.length > 0
      ? html`<div class="error" role="alert" id="form-errors" tabindex="-1"><p>${t.formErrors}</p><ul>${errors.map(
          (e) => {
            const field = e.field.replace(/^body\./, '');
            const name = FIELD_NAMES[field] ? (t[FIELD_NAMES[field]] as string) : field;
            return html`<li><a href="#f-${field}">${name}</a>: ${e.message}</li>`;
          },
        )}</ul></div>`
      : '';
  const sourceNote =
    state.source === 'model'
      ? html`<p class="suggestion" data-source="model"><strong>${t.formFromModel}</strong></p>`
      : state.source === 'current'
        ? html`<p class="suggestion" data-source="current">${t.formFromCurrent}</p>`
        : '';
  const dismiss = v.decision === 'dismissed';
  return html`<form method="post" action="/review/${item.id}/decide" class="card decision-form" id="decide-form" novalidate>
  <h2>${t.reviewDecide}</h2>
  ${summary}${sourceNote}
  <input type="hidden" name="_csrf" value="${user.csrfToken}">
  <input type="hidden" name="queue" value="${queueQuery}">
  <input type="hidden" name="basedOn" value="${item.decisions.at(-1)?.id ?? 'none'}">
  <fieldset ${disabled ? html`disabled` : ''} class="plain">
  <label for="f-decision">${t.reviewDecision}</label>
  <select name="decision" id="f-decision" required ${invalid(errors, 'decision')}>
    ${(['confirmed', 'dismissed', 'escalated', 'needs_info'] as const).map((d) => option(d, statusLabel(t, d), v.decision))}
  </select>${fieldError(errors, 'decision')}
  <fieldset class="violation-fields" data-violation ${dismiss ? html`hidden` : ''}>
    <legend>${t.formViolationFields}</legend>
    <label for="f-label">${t.reviewLabel}</label>
    <select name="label" id="f-label" ${invalid(errors, 'label')}>${option('endorse', t.labelEndorse, v.label)}${option('neutral', t.labelNeutral, v.label)}</select>${fieldError(errors, 'label')}
    <label for="f-candidate">${t.reviewCandidate}</label>
    <select name="candidate" id="f-candidate" ${invalid(errors, 'candidate')}>${option('', t.none, v.candidate)}${candidates.map(([ref, label]) => option(ref, label, v.candidate))}</select>${fieldError(errors, 'candidate')}
    <label for="f-stance">${t.reviewStance}</label>
    <select name="stance" id="f-stance" ${invalid(errors, 'stance')}>${option('', t.none, v.stance)}${option('pro', t.stancePro, v.stance)}${option('contra', t.stanceContra, v.stance)}</select>${fieldError(errors, 'stance')}
    <label for="f-category">${t.reviewCategory}</label>
    <select name="category" id="f-category" ${invalid(errors, 'category')}>${option('', t.none, v.category)}${SKB_CATEGORIES.map((c) => option(c, categoryLabel(t, c), v.category))}</select>${fieldError(errors, 'category')}
  </fieldset>
  <fieldset class="dismiss-fields" data-dismiss id="f-reason" ${dismiss ? '' : html`hidden`} ${invalid(errors, 'reason')}>
    <legend>${t.formDismissReason}</legend>
    ${DISMISS_REASONS.map(
      (r, i) =>
        html`<label class="radio"><input type="radio" name="reason" value="${r}" data-key="${i + 1}" ${v.reason === r ? html`checked` : ''}> <kbd>${i + 1}</kbd> ${reasonLabel(t, r)}</label>`,
    )}
    ${fieldError(errors, 'reason')}
  </fieldset>
  <label for="f-note">${t.reviewNote}</label>
  <textarea name="note" id="f-note" rows="3" maxlength="5000" ${invalid(errors, 'note')}>${v.note}</textarea>${fieldError(errors, 'note')}
  <button type="submit" id="f-save">${t.save}</button> <small class="muted">${t.formSaveHint}</small>
  </fieldset>
</form>`;
}
