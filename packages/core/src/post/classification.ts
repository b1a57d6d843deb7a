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

/**
 * How the post's date relates to the chosen candidate's contest; only for a dated post with a candidate. `window`
 * is the span in which Netra counts the contest as running (registration or campaign start until the dispute
 * period after the vote is over), `postedOn` the post's local date in the contest's zone, `phase` where it falls
 * (`before` registration, `during`, `after` the dispute period) and `decided` whether the date picked this contest
 * over another one the post names exactly as strongly (one person or ballot number in two contests).
 */
export const contestTimingSchema = z.object({
  contest: z.string(),
  postedOn: z.iso.date(),
  window: z.object({ from: z.iso.date(), to: z.iso.date() }),
  phase: z.enum(['before', 'during', 'after']),
  decided: z.boolean(),
});
export type ContestTiming = z.infer<typeof contestTimingSchema>;

export const classificationResultSchema = z.object({
  score: z.number().min(0).max(1),
  flagged: z.boolean(),
  candidate: z.string().nullable(),
  stance: stanceSchema.nullable(),
  category: skbCategorySchema.nullable(),
  evidence: z.array(evidenceSpanSchema),
  language: z.string(),
  modelVersion: z.string(),
  /** Present only when the post carried `postedAt` and a candidate was named (see `contestTimingSchema`). */
  contestTiming: contestTimingSchema.optional(),
});
export type ClassificationResult = z.infer<typeof classificationResultSchema>;
