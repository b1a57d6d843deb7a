import { z } from 'zod';
import { calendarDateSchema } from '../time/instant-input.ts';

/** Kemendagri region code: province `18`, regency/city `18.11`, district `18.11.01`, village `18.11.01.2001`. */
export const regionCodeSchema = z
  .string()
  .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'kode wilayah Kemendagri tidak valid (contoh: 18 atau 18.11)');

/**
 * A calendar date from 2000 to 2100: year 0 passed a dry run and then failed the applied import in PostgreSQL
 * (a 500), and year 9999 was stored.
 */
const isoDate = calendarDateSchema();

export const periodSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: '`from` harus sebelum atau sama dengan `to`', path: ['to'] });

export const contestKindSchema = z.enum(['presiden', 'gubernur', 'bupati', 'walikota', 'dpr', 'dpd', 'dprd']);

/**
 * `bakal_calon` until KPU fixes the candidate list, `calon` after: the legal track of a violation differs
 * (before the list is fixed it is a neutrality-ethics matter, after it a campaign violation).
 */
export const candidateStageSchema = z.enum(['bakal_calon', 'calon']);

const words = z.array(z.string().trim().min(1)).default([]);

export const officialAccountSchema = z.object({
  platform: z.enum(['facebook', 'instagram', 'tiktok', 'x', 'youtube', 'bluesky', 'mastodon', 'telegram']),
  handle: z.string().trim().min(1),
});

export const candidateSchema = z.object({
  number: z.number().int().min(1).max(99),
  names: z.array(z.string().trim().min(1)).min(1),
  aliases: words,
  jargon: words,
  hashtags: words,
  slogans: words,
  parties: words,
  officialAccounts: z.array(officialAccountSchema).default([]),
  stage: candidateStageSchema.default('calon'),
});

export const contestSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id hanya huruf kecil, angka dan tanda hubung'),
    kind: contestKindSchema,
    region: z.object({ code: regionCodeSchema, name: z.string().trim().min(1) }),
    electionDate: isoDate,
    campaignPeriod: periodSchema,
    quietPeriod: periodSchema.optional(),
    /** Selects the deadline rules (UU 7/2017 or UU 10/2016); absent: derived from `kind`. */
    regime: z.enum(['pemilu', 'pilkada']).optional(),
    /** Candidate registration; with `determinedOn` it decides the stage of an act (docs/review.md). */
    registrationPeriod: periodSchema.optional(),
    /** Penetapan: the day KPU determines the candidates (bakal calon → calon). */
    determinedOn: isoDate.optional(),
    /** Last day of the recapitulation of results. */
    recapTo: isoDate.optional(),
    candidates: z.array(candidateSchema).min(1),
  })
  .superRefine((contest, ctx) => {
    const seen = new Set<number>();
    contest.candidates.forEach((candidate, index) => {
      if (seen.has(candidate.number)) {
        ctx.addIssue({
          code: 'custom',
          path: ['candidates', index, 'number'],
          message: `nomor urut ${candidate.number} dipakai lebih dari sekali`,
        });
      }
      seen.add(candidate.number);
    });
  });

export const registrySchema = z
  .object({
    $comment: z.string().optional(),
    contests: z.array(contestSchema),
  })
  .superRefine((registry, ctx) => {
    const seen = new Set<string>();
    registry.contests.forEach((contest, index) => {
      if (seen.has(contest.id)) {
        ctx.addIssue({ code: 'custom', path: ['contests', index, 'id'], message: `id ganda: ${contest.id}` });
      }
      seen.add(contest.id);
    });
  });

export type RegionCode = z.infer<typeof regionCodeSchema>;
export type Candidate = z.infer<typeof candidateSchema>;
export type Contest = z.infer<typeof contestSchema>;
export type Registry = z.infer<typeof registrySchema>;
export type ContestKind = z.infer<typeof contestKindSchema>;
export type CandidateStage = z.infer<typeof candidateStageSchema>;

/** A candidate reference as used everywhere outside the registry: `<contest id>#<ballot number>`. */
export type CandidateRef = `${string}#${number}`;

export function candidateRef(contestId: string, number: number): CandidateRef {
  return `${contestId}#${number}`;
}

/**
 * The "empty box" option of a single-candidate contest is a candidate too: people campaign for it. KPU's ballot
 * calls it `kolom kosong`, most people `kotak kosong`; a registry may list either.
 */
export function isEmptyBox(candidate: Pick<Candidate, 'names'>): boolean {
  return candidate.names.some((n) => /^(kotak|kolom)\s+kosong$/i.test(n.trim()));
}
