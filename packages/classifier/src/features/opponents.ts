import type { CandidateRef, EvidenceSpan } from '@netra/core';
import type { Token } from '../normalise/tokenize.ts';
import { type CompiledContest, isAddress } from '../registry/compile-registry.ts';
import { daysOutsideAt } from '../registry/contest-window.ts';

/** Words that make the next name an opponent (`lawan X`, `melawan kotak kosong`, `vs X`). */
export const OPPONENT = new Set(['lawan', 'melawan', 'vs', 'versus', 'hadapi', 'menghadapi', 'kontra']);
/** Words that join a second opponent to the first (`lawan A dan B`). */
const AND = new Set(['dan', 'sama', 'serta', 'sm', '&']);
/** Evidence weight of the ticket inferred as the one facing the named opponents: a name part's (2). */
const SUBJECT_WEIGHT = 2;
/** What is left of an opponent's evidence: being named as someone's opponent does not make one the target. */
export const OPPONENT_FACTOR = 0.3;

/** A mention of the post's own text: first token, token after it, candidates. */
export interface MentionSpan {
  at: number;
  to: number;
  refs: CandidateRef[];
}

/**
 * `… mainnya kotor, menjebak lawan A dan B` — the names after `lawan` are the opponents of the unnamed subject.
 * When every candidate a post names in a race is named as an opponent, and exactly one real candidate of that race
 * is left, the post is about that one: it gets a name part's weight and the opponents keep 0.3 of theirs. Does
 * nothing when the subject is named too (`A lawan B`), when two or more candidates are left, or when a person named
 * as an opponent runs in another race where the subject is not unique (one name in two presidential races).
 * A dated post (`postedAt`) first narrows the races an opponent runs in to the one running on the post's day (else
 * the nearest): `lawan X` written during X's second race is about that race, whatever the first one left.
 */
export function opponentSubject(
  tokens: readonly Token[],
  mentions: readonly MentionSpan[],
  named: ReadonlySet<CandidateRef>,
  contests: readonly CompiledContest[],
  scores: Map<CandidateRef, number>,
  evidence: EvidenceSpan[],
  postedAt: string | null = null,
): void {
  // A chain of opponents starts after an opponent word: without one (most posts) there is nothing to do.
  if (mentions.length === 0 || !tokens.some((t) => OPPONENT.has(t.key))) return;
  const sorted = [...mentions].sort((a, b) => a.at - b.at);
  const objects = new Set<CandidateRef>();
  let prevObject: MentionSpan | null = null;
  for (const m of sorted) {
    let k = m.at - 1;
    while (k >= 0 && tokens[k]!.kind === 'word' && isAddress(tokens[k]!.key)) k--;
    const before = tokens[k];
    const isObject: boolean =
      (before !== undefined && OPPONENT.has(before.key)) ||
      (before !== undefined && AND.has(before.key) && prevObject !== null && prevObject.to === k);
    if (isObject) for (const r of m.refs) objects.add(r);
    prevObject = isObject ? m : null;
  }
  if (objects.size === 0) return;
  let races = contests.filter((c) => c.candidates.some((x) => !x.emptyBox && objects.has(x.ref)));
  // The opponents run in several races and the post is dated: only the race(s) nearest its day count.
  const outside = races.length > 1 ? daysOutsideAt(postedAt, races) : null;
  const elsewhere: CompiledContest[] = [];
  if (outside) {
    const nearest = Math.min(...races.map((c) => outside(c.id)));
    elsewhere.push(...races.filter((c) => outside(c.id) !== nearest));
    races = races.filter((c) => outside(c.id) === nearest);
  }
  const subjects: { contest: CompiledContest; ref: CandidateRef }[] = [];
  for (const c of races) {
    const real = c.candidates.filter((x) => !x.emptyBox);
    // The subject is named itself (`A lawan B`): nothing to infer in this race.
    if (real.some((x) => named.has(x.ref) && !objects.has(x.ref))) return;
    const left = real.filter((x) => !objects.has(x.ref));
    if (left.length !== 1) return;
    subjects.push({ contest: c, ref: left[0]!.ref });
  }
  // Races of another time: their opponents are still opponents, not the post's target.
  for (const c of subjects.length > 0 ? elsewhere : []) {
    for (const x of c.candidates) {
      const s = scores.get(x.ref);
      if (s !== undefined && objects.has(x.ref)) scores.set(x.ref, s * OPPONENT_FACTOR);
    }
  }
  for (const { contest, ref } of subjects) {
    for (const x of contest.candidates) {
      const s = scores.get(x.ref);
      if (s !== undefined && objects.has(x.ref)) scores.set(x.ref, s * OPPONENT_FACTOR);
    }
    scores.set(ref, (scores.get(ref) ?? 0) + SUBJECT_WEIGHT);
    const first = sorted.find((m) => m.refs.some((r) => objects.has(r)))!;
    const t = tokens[first.at]!;
    const label = contest.candidates.find((x) => x.ref === ref)?.label ?? ref;
    evidence.push({ start: t.start, end: tokens[first.to - 1]!.end, cue: `opponent of: ${label}` });
  }
}
