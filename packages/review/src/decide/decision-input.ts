import { issuesFromZod, ValidationError } from '@netra/core';
import { z } from 'zod';
import { DISMISS_REASONS, SKB_CATEGORIES } from './dismiss-reasons.ts';

const empty = (v: unknown) => (v === '' ? null : v);
const optionalText = (max: number) => z.preprocess(empty, z.string().trim().max(max).nullable()).default(null);

/** Field messages, Indonesian first: they are shown next to the field on the item page. */
const M = {
  candidateRequired: 'Calon wajib dipilih untuk pelanggaran / choose the candidate of a violation',
  stanceRequired: 'Sikap wajib dipilih untuk pelanggaran / choose the stance of a violation',
  categoryRequired: 'Kategori SKB wajib dipilih untuk pelanggaran / choose the SKB category of a violation',
  reasonRequired: 'Pilih alasan mengapa bukan pelanggaran / choose why this is not a violation',
  noteRequired: 'Catatan wajib diisi / a note is required',
  noteForOther: 'Tulis catatan untuk alasan "Lainnya" / write a note for the reason "other"',
  confirmedEndorse: 'Pelanggaran harus berlabel dukungan / a confirmed violation must be labelled endorse',
  dismissedNeutral: 'Bukan pelanggaran harus berlabel netral / a dismissal must be labelled neutral',
  neutralNoCandidate: 'Label netral tidak punya calon / neutral has no candidate',
};

/**
 * What an analyst submits. Rules: a violation names candidate, stance and SKB category (and is an
 * endorsement); "not a violation" clears candidate, stance and category in one step and needs only a reason
 * from the list (a note when the reason is "other"); escalating or asking for more information needs a note
 * saying why. The label may be left out: it follows from the decision.
 */
export const decisionInputSchema = z
  .object({
    decision: z.enum(['confirmed', 'dismissed', 'escalated', 'needs_info'], {
      error: 'Pilih keputusan / choose a decision',
    }),
    label: z.preprocess(empty, z.enum(['endorse', 'neutral']).nullable()).default(null),
    candidate: z
      .preprocess(
        empty,
        z
          .string()
          .regex(/^[a-z0-9-]+#\d+$/, 'format: <id kontes>#<nomor urut>')
          .nullable(),
      )
      .default(null),
    stance: z.preprocess(empty, z.enum(['pro', 'contra']).nullable()).default(null),
    category: z.preprocess(empty, z.enum(SKB_CATEGORIES).nullable()).default(null),
    reason: z.preprocess(empty, z.enum(DISMISS_REASONS).nullable()).default(null),
    note: optionalText(5_000),
    /**
     * The decision in force when the analyst's form was drawn (its id, or `none`): when another has been
     * recorded since, the submission is refused as a conflict instead of silently replacing it. The item
     * page always sends it; an API client may leave it out (then it is not checked).
     */
    basedOn: z.preprocess(empty, z.union([z.literal('none'), z.uuid()]).optional()),
  })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (d.decision === 'confirmed') {
      if (d.label === 'neutral') issue('label', M.confirmedEndorse);
      if (!d.candidate) issue('candidate', M.candidateRequired);
      if (!d.stance) issue('stance', M.stanceRequired);
      if (!d.category) issue('category', M.categoryRequired);
    }
    if (d.decision === 'dismissed') {
      if (d.label === 'endorse') issue('label', M.dismissedNeutral);
      if (!d.reason) issue('reason', M.reasonRequired);
      if (d.reason === 'other' && !d.note) issue('note', M.noteForOther);
    }
    if ((d.decision === 'escalated' || d.decision === 'needs_info') && !d.note) issue('note', M.noteRequired);
    if (
      (d.decision === 'escalated' || d.decision === 'needs_info') &&
      d.label === 'neutral' &&
      (d.candidate || d.stance)
    ) {
      issue('candidate', M.neutralNoCandidate);
    }
  })
  .transform((d) => {
    // "Bukan pelanggaran" clears what the model suggested: nothing of it survives into the record.
    if (d.decision === 'dismissed') {
      return { ...d, label: 'neutral' as const, candidate: null, stance: null, category: null };
    }
    const label = d.label ?? (d.decision === 'confirmed' || d.candidate ? 'endorse' : 'neutral');
    return { ...d, label, reason: null };
  });

export type DecisionInput = z.output<typeof decisionInputSchema>;
export type DecisionForm = z.input<typeof decisionInputSchema>;

/** Parses a submitted form; the issues name the form's own fields (`candidate`, `reason`, …). */
export function parseDecisionInput(raw: unknown): DecisionInput {
  const result = decisionInputSchema.safeParse(raw);
  if (!result.success) throw new ValidationError('REVIEW_DECISION_INVALID', issuesFromZod(result.error));
  return result.data;
}
