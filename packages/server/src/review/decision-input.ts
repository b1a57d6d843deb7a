import { skbCategorySchema } from '@netra/core';
import { z } from 'zod';

const empty = (v: unknown) => (v === '' ? null : v);

/**
 * What an analyst submits. The decision and the label must agree (a confirmed violation is an
 * endorsement; a dismissal is neutral), and escalating or asking for more information needs a note saying
 * why — the next reader of the case file needs it.
 */
export const decisionInputSchema = z
  .object({
    decision: z.enum(['confirmed', 'dismissed', 'escalated', 'needs_info']),
    label: z.enum(['endorse', 'neutral']),
    candidate: z
      .preprocess(
        empty,
        z
          .string()
          .regex(/^[a-z0-9-]+#\d+$/, 'format: <contest id>#<nomor urut>')
          .nullable(),
      )
      .default(null),
    stance: z.preprocess(empty, z.enum(['pro', 'contra']).nullable()).default(null),
    category: z.preprocess(empty, skbCategorySchema.nullable()).default(null),
    note: z.preprocess(empty, z.string().trim().max(5_000).nullable()).default(null),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'confirmed' && d.label !== 'endorse') {
      ctx.addIssue({
        code: 'custom',
        path: ['label'],
        message: 'pelanggaran harus berlabel endorse / a confirmed violation must be labelled endorse',
      });
    }
    if (d.decision === 'dismissed' && d.label !== 'neutral') {
      ctx.addIssue({
        code: 'custom',
        path: ['label'],
        message: 'penolakan harus berlabel neutral / a dismissal must be labelled neutral',
      });
    }
    if ((d.decision === 'escalated' || d.decision === 'needs_info') && !d.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'wajib diisi / required' });
    }
    if (d.label === 'neutral' && (d.candidate || d.stance)) {
      ctx.addIssue({
        code: 'custom',
        path: ['candidate'],
        message: 'label neutral tidak punya calon / neutral has no candidate',
      });
    }
  });

export type DecisionInput = z.infer<typeof decisionInputSchema>;
