import { classifiableSchema } from '@netra/core';
import { z } from 'zod';

/** A labelled post: the corpus line format (dev.jsonl) and the review store's export of reviewer decisions. */
export const labelledPostSchema = classifiableSchema.extend({
  label: z.enum(['endorse', 'neutral']),
  candidate: z
    .string()
    .regex(/^[a-z0-9-]+#\d+$/)
    .nullable()
    .optional(),
  stance: z.enum(['pro', 'contra']).nullable().optional(),
  difficulty: z.string().optional(),
  rationale: z.string().optional(),
  /** Where a real post came from (`owner/repo:path#row`): leave-one-source-out groups by the repository. */
  source: z.string().max(500).optional(),
});
export type LabelledPost = z.infer<typeof labelledPostSchema>;
