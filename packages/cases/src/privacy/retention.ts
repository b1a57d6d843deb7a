/**
 * The retention rule for posts that were never flagged: they are kept only as long as they may still be
 * needed to judge context, then deleted (UU PDP 27/2022 Ps 42-43). Posts in a review item or a case are kept:
 * case records follow the archive schedule and the open legal process (Ps 44).
 */
export interface RetentionPolicy {
  /** Days after capture a never-flagged post is kept. */
  unflaggedPostDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { unflaggedPostDays: 180 };

export function unflaggedCutoff(policy: RetentionPolicy, now: Date): Date {
  if (!Number.isInteger(policy.unflaggedPostDays) || policy.unflaggedPostDays < 1) {
    throw new Error('unflaggedPostDays must be a positive whole number of days');
  }
  return new Date(now.getTime() - policy.unflaggedPostDays * 86_400_000);
}
