import type { CandidateRef, EvidenceSpan } from '@netra/core';
import type { Token } from '../normalise/tokenize.ts';
import { type CompiledRegistry, isAddress } from '../registry/compile-registry.ts';
import type { Mention } from '../registry/match-mentions.ts';

/** Evidence weight of a short form after a form of address: a name part's (2). */
const NICKNAME_WEIGHT = 2;

/**
 * Candidate evidence from short forms of a candidate's name words after a form of address (`Pak Prab`, `om Bowo`,
 * `pa Ade`): people shorten names in ways no registry lists. Resolution only: the model's features do not see
 * it (a shortened word is too weak to say "campaign"; it only says which candidate a flagged post is about).
 * A form shared by two candidates of one contest says nothing and is skipped; words already matched (other than weakly) are skipped.
 */
export function nicknameEvidence(
  text: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
  reg: CompiledRegistry,
  inContest: ReadonlySet<string>,
  add: (ref: CandidateRef, weight: number) => void,
  evidence: EvidenceSpan[],
): void {
  if (reg.nicknames.size === 0) return;
  let covered: Set<number> | null = null;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const before = tokens[i - 1]!;
    if (t.kind !== 'word' || before.kind !== 'word' || before.key.length < 2 || !isAddress(before.key)) continue;
    // One phrase: only spaces between (`mbak, aamiin` is an address and then a prayer).
    if (!/^[ \t]+$/.test(text.slice(before.end, t.start))) continue;
    const refs = reg.nicknames.get(t.key);
    if (!refs) continue;
    if (!covered) {
      covered = new Set();
      // A weak match (`ade`, an ordinary word) is upgraded by the form of address in front of it.
      for (const m of mentions) if (m.kind !== 'namepart_weak') for (let k = m.from; k < m.to; k++) covered.add(k);
    }
    if (covered.has(i)) continue;
    const byContest = new Map<string, CandidateRef[]>();
    for (const r of refs) {
      const cand = reg.candidates.get(r);
      const c = cand?.contestId;
      if (!c || !inContest.has(c) || cand.emptyBox) continue;
      byContest.set(c, [...(byContest.get(c) ?? []), r]);
    }
    for (const list of byContest.values()) {
      if (list.length !== 1) continue;
      add(list[0]!, NICKNAME_WEIGHT);
      const label = reg.candidates.get(list[0]!)?.label ?? list[0]!;
      evidence.push({ start: before.start, end: t.end, cue: `nickname: ${label}` });
    }
  }
}
