import {
  type CandidateRef,
  type Classifiable,
  type ClassificationResult,
  type ContestTiming,
  type EvidenceSpan,
  localDateInRegion,
  type Registry,
  type SkbCategory,
} from '@netra/core';
import { type Analysis, analyse, fullText } from '../features/extract-features.ts';
import { SIGNALS } from '../features/feature-names.ts';
import { OPPONENT, OPPONENT_FACTOR } from '../features/opponents.ts';
import { detectLanguage } from '../language/detect-language.ts';
import { loadModel, type Model } from '../model/artefact.ts';
import { predictCompiled, STAGE_MARGINS, stageInput } from '../model/boost.ts';
import { applyPlatt } from '../model/calibrate.ts';
import { dot, sigmoid } from '../model/logistic.ts';
import { type CompiledRegistry, compileRegistry } from '../registry/compile-registry.ts';
import { daysOutsideAt, phaseOf } from '../registry/contest-window.ts';

const compiledCache = new WeakMap<Registry, CompiledRegistry>();

function compiledOf(registry: Registry | CompiledRegistry): CompiledRegistry {
  if ('patterns' in registry) return registry;
  let c = compiledCache.get(registry);
  if (!c) {
    c = compileRegistry(registry);
    compiledCache.set(registry, c);
  }
  return c;
}

/**
 * The candidate with the most evidence (ties: the first one found). In a contest against the empty box, a post
 * against (stance `contra`) that names both the single candidate and the box attacks the candidate: backing the
 * box is the means, the candidate the target (`calon tunggal takut debat, pilih kotak kosong aja`); the candidate
 * must be named in the post itself, not only in the parent post it replies to.
 */
export function resolveCandidate(
  analysis: Analysis,
  stance: 'pro' | 'contra' | null = null,
  options: { ignoreDate?: boolean } = {},
): CandidateRef | null {
  let best: CandidateRef | null = null;
  let bestScore = 0.6;
  // Ties (a person who ran in two contests, `Prabowo` in two presidential races) go to the contest whose election
  // year the post writes, then — for a dated post — to the contest running on the post's day (else the one whose
  // running window is nearest to it), then to a local contest over a national one (unless the post is about the
  // presidency), then to the contest with more evidence overall (a running mate or rival named), else to the
  // contest listed first in the registry. (Preferring the later election was tried and cost candidate accuracy
  // on real posts written about the earlier one.) The year the post writes comes before its date: a 2024 post
  // that writes 2019 is looking back at 2019.
  const presidential = analysis.frame === 'president' || analysis.frame === 'both';
  const outside = options.ignoreDate ? null : daysOutsideOf(analysis);
  const regionOf = (ref: CandidateRef) => analysis.contests.find((c) => c.id === ref.split('#')[0])?.regionCode ?? '00';
  const scores = comparedScores(analysis, emptyBoxAsOpponent(analysis) ?? analysis.scores, stance);
  const contestTotal = new Map<string, number>();
  for (const [ref, s] of scores) {
    const c = ref.split('#')[0]!;
    contestTotal.set(c, (contestTotal.get(c) ?? 0) + s);
  }
  const better = (ref: CandidateRef, s: number) => {
    if (s > bestScore + 1e-9) return true;
    if (!best || s < bestScore - 1e-9) return false;
    const yearA = analysis.yearContests.has(ref.split('#')[0]!);
    const yearB = analysis.yearContests.has(best.split('#')[0]!);
    if (yearA !== yearB) return yearA;
    if (outside) {
      const da = outside(ref.split('#')[0]!);
      const db = outside(best.split('#')[0]!);
      if (da !== db) return da < db;
    }
    // A national figure and a local candidate named as often: the presidential race when the post talks about it,
    // else the local race (national figures appear in regional campaigns as backers).
    const localA = regionOf(ref) !== '00';
    if (localA !== (regionOf(best) !== '00')) return localA !== presidential;
    const a = contestTotal.get(ref.split('#')[0]!) ?? 0;
    const b = contestTotal.get(best.split('#')[0]!) ?? 0;
    return a > b + 1e-9;
  };
  // Cue words next to a mention that match the stance count half a mention more (`A hebat, B pecundang`).
  const bonus = stance ? analysis.cueNear[stance] : undefined;
  for (const [ref, raw] of scores) {
    const s = raw + 0.5 * (bonus?.get(ref) ?? 0);
    if (better(ref, s)) {
      best = ref;
      bestScore = s;
    }
  }
  if (stance === 'contra' && best) {
    const contest = analysis.contests.find((c) => c.candidates.some((x) => x.ref === best));
    const box = contest?.candidates.find((x) => x.emptyBox);
    const real = contest?.candidates.filter((x) => !x.emptyBox) ?? [];
    const single = real.length === 1 ? real[0]!.ref : null;
    // The candidate must be named in the post itself: a parent post about the race does not make it the target.
    if (box && best === box.ref && single && analysis.named.has(single)) return single;
  }
  return best ?? analysis.cues.parentCandidate ?? soleWeakName(analysis);
}

/**
 * `mending A daripada B`, `daripada B, mending A`, `B kalah jauh dibanding A`: the post measures A against B. For
 * it (stance `pro`) it is about A, against it (`contra`) about B. The side that is not the post's target keeps
 * `OPPONENT_FACTOR` of its evidence — only when both sides are named candidates of one contest (`mending A
 * daripada golput` says nothing about whom B is). Returns `scores` itself when there is nothing to weigh.
 */
function comparedScores(
  analysis: Analysis,
  scores: Map<CandidateRef, number>,
  stance: 'pro' | 'contra' | null,
): Map<CandidateRef, number> {
  const against = analysis.comparedAgainst;
  if (against.size === 0 || !stance) return scores;
  const contestOf = (ref: CandidateRef) => ref.slice(0, ref.lastIndexOf('#'));
  let out: Map<CandidateRef, number> | null = null;
  for (const b of against) {
    const favoured = [...analysis.named].filter((a) => !against.has(a) && contestOf(a) === contestOf(b));
    if (favoured.length === 0) continue;
    out ??= new Map(scores);
    for (const r of stance === 'pro' ? [b] : favoured) {
      const s = out.get(r);
      if (s !== undefined) out.set(r, s * OPPONENT_FACTOR);
    }
  }
  return out ?? scores;
}

/** Words that make the empty box named next the single candidate's opponent: `lawan`, `vs` … and `lawannya`. */
const BOX_OPPONENT = new Set([...OPPONENT, 'lawannya', 'lawanya', 'musuhnya']);
/** Words allowed between the opponent word and the box: `lawannya cuma kotak kosong`. */
const BOX_FILLER = new Set(['cuma', 'cuman', 'hanya', 'hny', 'cm', 'sekadar', 'sekedar', 'sama', 'sm']);
/** Evidence of the single candidate whose opponent the box is: a name part's (as for other unnamed subjects). */
const BOX_SUBJECT_WEIGHT = 2;

/**
 * A contest against the empty box has two options, so the box named as someone's opponent — `lawan kotak kosong`,
 * `lawannya cuma kotak kosong` — is the single candidate's opponent, and the post is about that candidate
 * (`lawan kotak kosong kok kampanye habis-habisan`, `lawannya kotak kosong, menang pun tak bangga`). The candidate
 * gets a name part's weight and the box keeps 0.3 of its own. Every mention of the box must be as the opponent: a
 * post that also backs the box (`… pilih kotak kosong saja`) is left alone. Returns adjusted scores, or null when no box is named as an opponent (most posts).
 */
function emptyBoxAsOpponent(analysis: Analysis): Map<CandidateRef, number> | null {
  let out: Map<CandidateRef, number> | null = null;
  for (const contest of analysis.contests) {
    const box = contest.candidates.find((x) => x.emptyBox);
    if (!box || !analysis.scores.has(box.ref)) continue;
    const real = contest.candidates.filter((x) => !x.emptyBox);
    if (real.length !== 1) continue;
    // Every mention of the box must be as the opponent: `… saya pilih kotak kosong` after it backs the box.
    const boxSpans = analysis.evidence.filter((e) => e.cue.endsWith(`: ${box.label}`));
    let reduced = true;
    const opposed = (e: EvidenceSpan) => {
      let i = analysis.tokens.findIndex((t) => t.start === e.start) - 1;
      // Right after `lawan`, the box's weight was already cut to 0.3 when the post was analysed.
      if (i >= 0 && BOX_FILLER.has(analysis.tokens[i]!.key)) {
        i--;
        reduced = false;
      } else if (i >= 0 && !OPPONENT.has(analysis.tokens[i]!.key)) reduced = false;
      return i >= 0 && BOX_OPPONENT.has(analysis.tokens[i]!.key);
    };
    if (boxSpans.length === 0 || !boxSpans.every(opposed)) continue;
    out ??= new Map(analysis.scores);
    if (!reduced) out.set(box.ref, (out.get(box.ref) ?? 0) * OPPONENT_FACTOR);
    out.set(real[0]!.ref, (out.get(real[0]!.ref) ?? 0) + BOX_SUBJECT_WEIGHT);
  }
  return out;
}

/**
 * Evidence below the floor of {@link resolveCandidate} — a name part that is also an ordinary word (`pakde`, a
 * flower's name; 0.5) — does not name a candidate on its own in general. But resolution only runs on a post the
 * model has flagged as an endorsement: when such a word is the only registry hook in it, pointing at one candidate
 * and nothing else, the author is using it as that candidate's name (`tanya pakde-mu, mana lapangan kerjanya` in a
 * flagged post about the 2019 race is Jokowi). Shared by two candidates (`amin`: a person in one race, a slogan in another) it says
 * nothing, and so does any other weak evidence (a party split over contests, a number word in another sense), and
 * so does the empty box's bare `kosong` (`programnya kosong`: empty promises, not the box).
 */
export const WEAK_NAME_FLOOR = 0.5;
const WEAK_NAME_CUE = /^namepart (weak|word): /;

function soleWeakName(analysis: Analysis): CandidateRef | null {
  if (analysis.scores.size !== 1) return null;
  const [ref, s] = analysis.scores.entries().next().value!;
  if (s < WEAK_NAME_FLOOR - 1e-9) return null;
  const cand = analysis.contests.flatMap((c) => c.candidates).find((x) => x.ref === ref);
  // The empty box has no person's name: its weak words are `kotak`/`kosong` in their ordinary sense.
  if (!cand || cand.emptyBox) return null;
  const label = cand.label;
  const weakName = (e: EvidenceSpan) => WEAK_NAME_CUE.test(e.cue) && e.cue.slice(e.cue.indexOf(': ') + 2) === label;
  return analysis.evidence.some(weakName) ? ref : null;
}

/** The post's publication instant; an absent or unreadable `postedAt` is no date (schemas reject bad ones first). */
function postedInstant(analysis: Analysis): Date | null {
  if (!analysis.postedAt) return null;
  const at = new Date(analysis.postedAt);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Days between the post's local date and each contest's running window (memoised), or null for an undated post. */
function daysOutsideOf(analysis: Analysis): ((contestId: string) => number) | null {
  // A contest outside the author's view cannot be in a tie (it has no score); it counts as far away.
  return daysOutsideAt(analysis.postedAt, analysis.contests);
}

/**
 * For a dated post with a candidate: where the post's day falls against that candidate's contest, and whether the
 * date is what chose this contest over another one named as strongly (shown to the analyst with the result).
 */
function contestTimingOf(
  analysis: Analysis,
  stance: 'pro' | 'contra' | null,
  candidate: CandidateRef | null,
): ContestTiming | undefined {
  const at = candidate ? postedInstant(analysis) : null;
  if (!at || !candidate) return undefined;
  const contest = analysis.contests.find((c) => c.id === candidate.split('#')[0]);
  if (!contest) return undefined;
  const postedOn = localDateInRegion(at, contest.regionCode);
  return {
    contest: contest.id,
    postedOn,
    window: { from: contest.window.from, to: contest.window.to },
    phase: phaseOf(contest.window, postedOn),
    decided: resolveCandidate(analysis, stance, { ignoreDate: true }) !== candidate,
  };
}

function categoryOf(analysis: Analysis, stance: 'pro' | 'contra', candidate: CandidateRef | null): SkbCategory {
  if (stance === 'contra') return 'negative_campaigning';
  if (analysis.cues.parentCandidate && analysis.cues.parentCandidate === candidate) return 'candidate_interaction';
  if (analysis.cues.gesture) return 'photo_gesture';
  if (analysis.cues.share) return 'sharing_campaign_material';
  return 'online_campaigning';
}

function mergeEvidence(spans: EvidenceSpan[]): EvidenceSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: EvidenceSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) continue;
    out.push(s);
  }
  return out;
}

/** Raw (uncalibrated) margin of a post; used by training for out-of-fold calibration. */
export function margin(analysis: Analysis, model: Pick<Model, 'weights'>): number {
  return dot(model.weights, analysis.vector);
}

/**
 * Scores one post for candidate endorsement. Pure given its inputs: the registry (raw, or compiled once by
 * `compileRegistry` and reused) and the model (default: the shipped artefact).
 *
 * @example
 * classify({ id: 'p1', text: 'Coblos no 2 ya! ✌️', region: '18.11' }, registry)
 * // → { score: 0.97, flagged: true, candidate: 'pilbup-mesuji-2024#2', stance: 'pro', ... }
 */
export function classify(
  post: Classifiable,
  registry: Registry | CompiledRegistry,
  model: Model = loadModel(),
): ClassificationResult {
  return decide(analyse(post, compiledOf(registry)), fullText(post), model);
}

const STAGE_INPUT = new Float64Array(SIGNALS.length + STAGE_MARGINS);

/** The score before calibration: the first-stage margin, or the second stage's log-odds over it and the signals. */
export function rawScore(analysis: Analysis, model: Pick<Model, 'weights' | 'stage2' | 'paired'>): number {
  if (!model.stage2 || !model.paired) return margin(analysis, model);
  const { indices, values } = analysis.vector;
  const w = model.paired;
  let m = 0;
  let real = 0;
  for (let k = 0; k < indices.length; k++) {
    const at = 2 * indices[k]!;
    m += w[at]! * values[k]!;
    real += w[at + 1]! * values[k]!;
  }
  return predictCompiled(model.stage2, stageInput(analysis.vector, m, real, SIGNALS.length, STAGE_INPUT));
}

/** The decision part of `classify`, for an already analysed post (training and evaluation reuse analyses). */
export function decide(analysis: Analysis, text: string, model: Model): ClassificationResult {
  // A headline shared with its own link, nothing added (the guideline's "news reporting without stance"): a rule
  // after the model, because only one training source has such links, so no fold could learn it (docs, 1.10.0).
  // Mobilisation without a name inside a campaign frame (the "support the classifier must catch") is
  // flagged at least at the threshold; a gesture with nothing about an election is not flagged (docs, "Nameless
  // mobilisation"). Rules, because the corpus holds too few such posts for any fold to learn them.
  const modelScore = applyPlatt(model.calibration, rawScore(analysis, model));
  const veto = analysis.headlineCopy || analysis.gestureOutsideElection;
  let score = veto ? modelScore / 2 : modelScore;
  if (!veto && analysis.mobilisation) score = Math.max(score, model.threshold);
  const flagged = !veto && score >= model.threshold;
  let candidate: CandidateRef | null = null;
  let stance: 'pro' | 'contra' | null = null;
  let category: SkbCategory | null = null;
  let contestTiming: ContestTiming | undefined;
  if (flagged) {
    const contra = sigmoid(dot(model.stanceWeights, analysis.vector));
    stance = contra >= 0.5 || analysis.negVoteOnly ? 'contra' : 'pro';
    candidate = resolveCandidate(analysis, stance);
    category = categoryOf(analysis, stance, candidate);
    contestTiming = contestTimingOf(analysis, stance, candidate);
  }
  return {
    score: Math.round(score * 1e4) / 1e4,
    flagged,
    candidate,
    stance,
    category,
    evidence: mergeEvidence(analysis.evidence),
    language: detectLanguage(text, analysis.tokens),
    modelVersion: model.version,
    // Only for a dated post: an undated one's result keeps exactly the keys it always had.
    ...(contestTiming ? { contestTiming } : {}),
  };
}
