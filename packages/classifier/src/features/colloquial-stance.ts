import type { Token } from '../normalise/tokenize.ts';
import type { SignalName } from './feature-names.ts';
import type { LEXICON } from './lexicon.ts';
import { near } from './near.ts';

type LexiconName = keyof typeof LEXICON;

/** What the colloquial-stance signals read from the rest of `analyse`. */
export interface ColloquialStanceInputs {
  /** Word positions per lexicon (empty list when none). */
  idx: (name: LexiconName) => readonly number[];
  /** Token positions of candidate mentions and ballot numbers that cue words attach to. */
  targetIdx: readonly number[];
  /** The parent post names a candidate of the author's contests, or the reply is to a candidate's account. */
  parentNamesCandidate: boolean;
  /** Laughter tokens (`wkwk`, `haha`). */
  laugh: readonly Token[];
  posEmoji: number;
  mockEmoji: number;
  /** The author speaks in their own voice (first/second person, laughter, imperatives; 1.4.0's `ownVoice`). */
  ownVoice: boolean;
}

/**
 * Colloquial-stance signals (issue 7, 2026-11-29, docs/classifier.md "Colloquial stance"): praise and scorn in
 * everyday and regional speech (`praiseColloquial`, `attackColloquial`), alone and aimed at a candidate, and the
 * reply whose stance cue points at the candidate its parent names (`setuju bu` under a debate title). Measured on
 * leave-one-source-out: these raised the AUC on every one of the six real sources; the register (news copy)
 * signals tried beside them did not and were dropped.
 */
export function colloquialStanceSignals(
  set: (name: SignalName, v?: number) => void,
  tokens: readonly Token[],
  inputs: ColloquialStanceInputs,
): void {
  const { idx, targetIdx, parentNamesCandidate, laugh, posEmoji, mockEmoji, ownVoice } = inputs;
  const hasTarget = targetIdx.length > 0;
  const praise = idx('praiseColloquial');
  const attack = idx('attackColloquial');
  const agree = idx('agree');
  // Aimed at a candidate: near a mention in the post, or anywhere in a reply that names none under a parent that does.
  const anyTarget = hasTarget || parentNamesCandidate;
  const aimed = (cues: readonly number[]) => cues.length > 0 && anyTarget && (!hasTarget || near(cues, targetIdx, 6));
  set('stance_praise_colloquial', praise.length > 0 ? 1 : 0);
  set('stance_praise_colloquial_target', aimed(praise) ? 1 : 0);
  set('stance_attack_colloquial', attack.length > 0 ? 1 : 0);
  set('stance_attack_colloquial_target', aimed(attack) ? 1 : 0);

  // A reply that names no candidate itself, under a parent (a video title) that does: its cues are about them.
  const proCue =
    agree.length +
    praise.length +
    idx('support').length +
    idx('praise').length +
    idx('wish').length +
    idx('vote').length +
    posEmoji;
  const contraCue = attack.length + idx('contra').length + idx('scorn').length + laugh.length + mockEmoji;
  const judged = praise.length + attack.length + idx('evaluative').length > 0;
  const parentOnly = parentNamesCandidate && !hasTarget;
  set('reply_agree_parent', parentNamesCandidate && agree.length > 0 ? 1 : 0);
  set('reply_parent_pro_cue', parentOnly && proCue > 0 ? 1 : 0);
  set('reply_parent_contra_cue', parentOnly && contraCue > 0 ? 1 : 0);
  set('reply_parent_short_voice', parentOnly && tokens.length <= 12 && (ownVoice || judged) ? 1 : 0);
}
