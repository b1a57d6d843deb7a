import { z } from 'zod';
import { DEFAULT_CASE_NUMBER_FORMAT, validateCaseNumberFormat } from './case/case-number.ts';
import { DEFAULT_CLOCK_RULES } from './clock/legal-clock.ts';
import { DEFAULT_RECIPIENTS } from './referral/referral-lists.ts';

const dayMode = z.enum(['calendar', 'working']);

/** An office's case settings; every field has a default, the API's config reads overrides from the environment. */
export const caseSettingsSchema = z.object({
  caseNumberFormat: z
    .string()
    .default(DEFAULT_CASE_NUMBER_FORMAT)
    .refine((f) => {
      try {
        validateCaseNumberFormat(f);
        return true;
      } catch {
        return false;
      }
    }, 'format nomor kasus harus memuat {seq} dan hanya token yang dikenal'),
  officeCodes: z.record(z.string(), z.string()).default({}),
  clock: z
    .object({
      pemiluTemuan: dayMode,
      pemiluLaporan: dayMode,
      pemiluFollowUp: dayMode,
      pilkada: dayMode,
      nearHours: z.number().positive(),
    })
    .default(DEFAULT_CLOCK_RULES),
  /** Share of cases (0–1) sent to a blind second analyst instead of a supervisor. */
  blindShare: z.number().min(0).max(1).default(0.2),
  recipients: z
    .array(z.string().min(1))
    .min(1)
    .default([...DEFAULT_RECIPIENTS]),
  /** Days after a referral letter to chase the recipient for the outcome. */
  followUpDays: z.number().int().positive().default(14),
  /** Whether cuti bersama count as days off in working-day periods. */
  countCutiBersama: z.boolean().default(true),
  retention: z.object({ unflaggedPostDays: z.number().int().positive() }).default({ unflaggedPostDays: 180 }),
});

export type CaseSettings = z.infer<typeof caseSettingsSchema>;

export const DEFAULT_CASE_SETTINGS: CaseSettings = caseSettingsSchema.parse({});
