import type { CandidateRef } from '@netra/core';
import type { Token } from '../normalise/tokenize.ts';
import { isAddress } from '../registry/compile-registry.ts';
import { wordSet } from './lexicon.ts';
import type { MentionSpan } from './opponents.ts';

/**
 * Words of comparison whose object is the one measured against: `daripada`, `ketimbang`, `dibanding(kan)`,
 * Javanese `tinimbang`/`timbang`, Sundanese `batan` (`leuwih alus batan X`). Written from general knowledge of
 * the languages, not from any corpus.
 */
const THAN = wordSet(
  'daripada drpd dripada darpada ketimbang dibanding dibandingkan dibandingin banding tinimbang timbang batan',
);

const NONE: ReadonlySet<CandidateRef> = new Set();

/**
 * The candidates a post names right after a word of comparison (a form of address may stand between:
 * `daripada Pak X`): `mending A daripada B`, `daripada B, mending A` — B is the one measured against. Most posts
 * have no comparison word and get a shared empty set.
 */
export function comparedAgainst(tokens: readonly Token[], mentions: readonly MentionSpan[]): ReadonlySet<CandidateRef> {
  if (mentions.length < 2) return NONE;
  let out: Set<CandidateRef> | null = null;
  for (const m of mentions) {
    let k = m.at - 1;
    while (k >= 0 && tokens[k]!.kind === 'word' && isAddress(tokens[k]!.key)) k--;
    if (k < 0 || !THAN.has(tokens[k]!.key)) continue;
    out ??= new Set();
    for (const r of m.refs) out.add(r);
  }
  return out ?? NONE;
}
