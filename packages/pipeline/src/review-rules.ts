import type { ClassificationResult } from '@netra/core';
import type { ClassifyJob } from '@netra/queue';

/**
 * Score given to an interaction toward a candidate when the text model scores it lower: a like, follow, repost
 * or reply on a candidate's official account is an SKB behaviour by itself (SKB 2022: ASN must not like,
 * comment on or share a candidate's posts), so it ranks with strong text findings in the queue.
 */
export const CANDIDATE_INTERACTION_SCORE = 0.9;

/**
 * Rules that put a post in review whatever the text model says. An interaction toward a candidate's official
 * account is flagged as `candidate_interaction` with that candidate (a like, follow or repost counts as
 * support; a reply keeps the model's stance when the model flagged it). Tips are handled by `needsReview`.
 */
export function applyReviewRules(job: ClassifyJob, result: ClassificationResult): ClassificationResult {
  const candidate = job.interaction?.target.candidate;
  if (!candidate) return result;
  const stance = job.interaction?.kind === 'reply' ? (result.flagged ? result.stance : null) : 'pro';
  return {
    ...result,
    flagged: true,
    candidate,
    stance,
    category: 'candidate_interaction',
    score: Math.max(result.score, CANDIDATE_INTERACTION_SCORE),
  };
}

/** A tip is reviewed regardless of its score: an analyst already judged it worth a look. */
export function needsReview(job: ClassifyJob, result: ClassificationResult): boolean {
  return result.flagged || job.tip === true;
}
