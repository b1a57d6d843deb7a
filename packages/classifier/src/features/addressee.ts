import type { CandidateRef, EvidenceSpan } from '@netra/core';
import type { Token } from '../normalise/tokenize.ts';
import { NOT_ADDRESS_AFTER, VOCATIVES } from '../registry/address-gender.ts';
import type { CompiledContest } from '../registry/compile-registry.ts';
import { isDictionaryWord } from '../registry/dictionary.ts';

/** Evidence weight of a bare form of address that can only mean one ticket: a name part's (2). */
const ADDRESSEE_WEIGHT = 2;

/**
 * A reply that addresses someone with a bare `bu`/`pak` (`Setuju bu, jembatannya ambruk`, `Keren pak`) speaks to a
 * person of the thread, usually the candidate in the video or post it answers. When exactly one ticket of such a race
 * has a person of that gender (the registry's aliases say `Bu X`/`Pak Y`), the address names that ticket.
 * Not an address: a title followed by a name (`bu Wati`, a word that is no ordinary word, or a registry mention),
 * compounds (`ibu kota`, `bapak ibu`). `contests` are the races the parent is about (it names one of their
 * candidates or numbers, or is a candidate's account): a `bu` under a post that names no candidate speaks to its
 * author. Counted once per post. Resolution only: the model's features do not see it.
 * Returns the position and ticket of the address (for cue words next to it), or null.
 */
export function addresseeEvidence(
  text: string,
  tokens: readonly Token[],
  covered: ReadonlySet<number>,
  contests: readonly CompiledContest[],
  add: (ref: CandidateRef, weight: number) => void,
  evidence: EvidenceSpan[],
): { at: number; refs: CandidateRef[] } | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || covered.has(i)) continue;
    const gender = VOCATIVES.get(t.key);
    if (!gender) continue;
    const prev = tokens[i - 1];
    if (prev?.kind === 'word' && NOT_ADDRESS_AFTER.has(prev.key) && /^[ \t-]+$/.test(text.slice(prev.end, t.start)))
      continue;
    const next = tokens[i + 1];
    if (next?.kind === 'word' && /^[ \t-]+$/.test(text.slice(t.end, next.start))) {
      // `bu Wati`, `pak Ade`: a title in front of a name addresses that person, not the thread's.
      if (NOT_ADDRESS_AFTER.has(next.key) || covered.has(i + 1) || next.num || !isDictionaryWord(next.key)) continue;
    }
    const refs: CandidateRef[] = [];
    for (const c of contests) {
      const match = c.candidates.filter((x) => !x.emptyBox && x.genders.has(gender));
      if (match.length !== 1) continue;
      add(match[0]!.ref, ADDRESSEE_WEIGHT);
      refs.push(match[0]!.ref);
      evidence.push({ start: t.start, end: t.end, cue: `addressee: ${match[0]!.label}` });
    }
    if (refs.length > 0) return { at: i, refs };
  }
  return null;
}
