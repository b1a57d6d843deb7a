import { type Contest, localDateInRegion } from '@netra/core';

/**
 * Days after voting day until which a contest still counts as running when the registry gives no `recapTo`.
 * After the vote come the count and recapitulation, then the result dispute at the Constitutional Court, and
 * people keep arguing for their candidate until the court has ruled. Presidential: the result is fixed at most
 * 35 days after the vote, a dispute is filed within 3 days and decided within 14 days (about 60 days in
 * all; 2019 and 2024 both ended about ten weeks after the vote). Regional (Pilkada): the court has 45 working
 * days from registration of the case (about 9 weeks) after a recapitulation of two to three weeks. 90 days
 * covers both.
 */
export const AFTER_VOTE_DAYS = 90;

/** Days after the end of recapitulation (`recapTo`) until a result dispute is decided: 3 to file, ~63 to rule. */
export const AFTER_RECAP_DAYS = 66;

/** Inclusive local dates (`YYYY-MM-DD`) in which a contest counts as running. */
export interface ContestWindow {
  from: string;
  to: string;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// ISO dates (`YYYY-MM-DD`) order as strings.
function earliest(dates: readonly (string | undefined)[]): string {
  return dates.filter((d): d is string => !!d).sort()[0]!;
}

function latest(dates: readonly string[]): string {
  return [...dates].sort().at(-1)!;
}

/**
 * The span in which a post naming one of the contest's candidates is most likely about this contest: from the
 * moment the race exists as a race — candidate registration, else penetapan, else the campaign start — until the
 * result dispute after the vote is over. Before it the people may still be talked about as would-be candidates,
 * after it as winners or losers; such posts can still be about this contest, so the window only orders
 * contests that a post names equally strongly, it never removes one.
 */
export function contestWindow(
  contest: Pick<Contest, 'campaignPeriod' | 'electionDate' | 'registrationPeriod' | 'determinedOn' | 'recapTo'>,
): ContestWindow {
  const from = earliest([contest.registrationPeriod?.from, contest.determinedOn, contest.campaignPeriod.from]);
  const ends = [addDays(contest.electionDate, AFTER_VOTE_DAYS)];
  if (contest.recapTo) ends.push(addDays(contest.recapTo, AFTER_RECAP_DAYS));
  return { from, to: latest(ends) };
}

/** `before` the window, `during` it or `after` it. */
export type WindowPhase = 'before' | 'during' | 'after';

export function phaseOf(window: ContestWindow, date: string): WindowPhase {
  if (date < window.from) return 'before';
  if (date > window.to) return 'after';
  return 'during';
}

/** Whole days between a local date and the window (0 inside it). */
export function daysOutside(window: ContestWindow, date: string): number {
  const day = Date.parse(`${date}T00:00:00Z`);
  if (date < window.from) return Math.round((Date.parse(`${window.from}T00:00:00Z`) - day) / 86_400_000);
  if (date > window.to) return Math.round((day - Date.parse(`${window.to}T00:00:00Z`)) / 86_400_000);
  return 0;
}

/**
 * For a post published at `postedAt` (ISO 8601 with offset): a memoised function giving, per contest id, the days
 * between the post's local date in that contest's zone and the contest's window (0 inside it; a contest not in
 * `contests` is infinitely far). Null for an undated post or an unreadable date (schemas reject bad ones first).
 */
export function daysOutsideAt(
  postedAt: string | null | undefined,
  contests: readonly { id: string; regionCode: string; window: ContestWindow }[],
): ((contestId: string) => number) | null {
  if (!postedAt) return null;
  const at = new Date(postedAt);
  if (Number.isNaN(at.getTime())) return null;
  const memo = new Map<string, number>();
  return (contestId) => {
    let d = memo.get(contestId);
    if (d === undefined) {
      const contest = contests.find((c) => c.id === contestId);
      d = contest ? daysOutside(contest.window, localDateInRegion(at, contest.regionCode)) : Number.POSITIVE_INFINITY;
      memo.set(contestId, d);
    }
    return d;
  };
}
