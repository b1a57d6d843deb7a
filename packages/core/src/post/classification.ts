import { z } from 'zod';

/** SKB 2022 behaviours a flagged post most likely falls under; a suggestion for the analyst, not a verdict. */
export const skbCategorySchema = z.enum([
  'online_campaigning',
  'negative_campaigning',
  'photo_gesture',
  'sharing_campaign_material',
  'candidate_interaction',
]);
export type SkbCategory = z.infer<typeof skbCategorySchema>;

export const stanceSchema = z.enum(['pro', 'contra']);
export type Stance = z.infer<typeof stanceSchema>;

export const evidenceSpanSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  cue: z.string(),
});
export type EvidenceSpan = z.infer<typeof evidenceSpanSchema>;

export const classificationResultSchema = z.object({
  score: z.number().min(0).max(1),
  flagged: z.boolean(),
  candidate: z.string().nullable(),
  stance: stanceSchema.nullable(),
  category: skbCategorySchema.nullable(),
  evidence: z.array(evidenceSpanSchema),
  language: z.string(),
  modelVersion: z.string(),
});
export type ClassificationResult = z.infer<typeof classificationResultSchema>;
