import { type CandidateRef, type Classifiable, classifiedText, type EvidenceSpan } from '@netra/core';
import { fold } from '../normalise/fold.ts';
import { standardise } from '../normalise/slang.ts';
import { stem } from '../normalise/stem.ts';
import { type Token, tokenize } from '../normalise/tokenize.ts';
import { type CompiledContest, type CompiledRegistry, contestsOf } from '../registry/compile-registry.ts';
import { type Mention, matchMentions } from '../registry/match-mentions.ts';
import { addresseeEvidence } from './addressee.ts';
import { BALLOT_WEIGHT, findBallotNumbers } from './ballot-numbers.ts';
import { colloquialStanceSignals } from './colloquial-stance.ts';
import { comparedAgainst } from './comparison.ts';
import { contestsByYear, dropPresidentialInRegionalFrame, type RaceFrame, raceFrame } from './contest-frame.ts';
import { SIGNAL_INDEX, SIGNALS, type SignalName } from './feature-names.ts';
import { headlineCopy } from './headline-copy.ts';
import { LEXICON, MOCK_EMOJI, POSITIVE_EMOJI, wordSet } from './lexicon.ts';
import { campaignMobilisation, campaignWords, gestureOutsideElection } from './mobilisation.ts';
import { near } from './near.ts';
import { neutralCueSignals } from './neutral-cues.ts';
import { nicknameEvidence } from './nicknames.ts';
import { type MentionSpan, OPPONENT, opponentSubject } from './opponents.ts';
import { SparseAccumulator } from './sparse-accumulator.ts';

export const HASH_BITS = 18;
// No character n-grams since 1.7.0 (issue 7): the character 3/4-grams of 1.4.0–1.6.0 added nothing that carried
// over to unseen sources and cost a fifth of the CPU per post. Without them (same suite, docs/classifier.md, 1.7.0):
// leave-one-source-out AUC 0.786 → 0.793 and best-threshold F1 0.685 → 0.692 (at the stored threshold 0.681 → 0.678,
// within its ±0.01 threshold noise), 5-fold CV 0.857 → 0.860, dev CV 0.920 → 0.931, challenge 0.930 → 0.940;
// cpuMicrosPerPost ≈105 → ≈83.
const HASH_MASK = (1 << HASH_BITS) - 1;
/**
 * Word n-grams read from images hash into their own 2^14 slots after the text's 2^18: a poster word that
 * collided with a text word would otherwise move that text word's weight (issue 12 keeps text scores unchanged).
 */
export const IMAGE_HASH_BITS = 14;
const IMAGE_HASH_MASK = (1 << IMAGE_HASH_BITS) - 1;

/** A sparse feature vector: parallel index/value arrays (indices unique). */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface Analysis {
  tokens: Token[];
  contests: CompiledContest[];
  /** Evidence weight per candidate of the author's contests. */
  scores: Map<CandidateRef, number>;
  /** Candidates the post's own text points at (a mention, `calon tunggal` or a ballot number), not its parent. */
  named: Set<CandidateRef>;
  evidence: EvidenceSpan[];
  /**
   * Per candidate named in the post: how many of its mentions have a support cue (vote verb, praise, wish,
   * cheering emoji) or an attack cue (scorn, mockery, a negated vote) close by. Candidate resolution adds the
   * cues matching the post's stance, so `A hebat, B pecundang` goes to A when pro and to B when contra.
   */
  cueNear: { pro: Map<CandidateRef, number>; contra: Map<CandidateRef, number> };
  vector: SparseVector;
  contraCue: boolean;
  /** Every vote verb in the post is negated (`jangan pilih`, `ojo dipilih`) and a candidate is named: contra. */
  negVoteOnly: boolean;
  /**
   * Candidates named right after a word of comparison (`daripada X`, `ketimbang X`, Javanese `tinimbang X`): the
   * one the post measures another against (features/comparison.ts). Resolution reads it with the stance.
   */
  comparedAgainst: ReadonlySet<CandidateRef>;
  /** A headline shared with its own link and nothing added (features/headline-copy.ts): never flagged. */
  headlineCopy: boolean;
  /** The author calls people to a campaign gathering, transport or ID collection (features/mobilisation.ts): flagged. */
  mobilisation: boolean;
  /**
   * A hand gesture beside a word of agreement (`☝️ betul`) is the strongest number and nothing says "election"
   * (features/mobilisation.ts): not flagged.
   */
  gestureOutsideElection: boolean;
  cues: { gesture: boolean; share: boolean; parentCandidate: CandidateRef | null; mock: boolean };
  /** Contests whose election year the post writes (tie-break between contests that share a person). */
  yearContests: ReadonlySet<string>;
  /** The race the post (else its parent) names: `regional` (`pilkada`, `cagub`), `president`, `both` or null. */
  frame: RaceFrame;
  /**
   * When the post was published (`postedAt` as given), or null when unknown: orders contests a post names equally.
   * Kept as text: only a flagged post's resolution reads it, so the others never pay for parsing it.
   */
  postedAt: string | null;
}

const MENTION_WEIGHT: Record<Mention['kind'], number> = {
  name: 3,
  alias: 3,
  hashtag: 3,
  slogan: 3,
  handle: 2,
  fuzzy: 2,
  namepart: 2,
  hashtag_part: 2,
  jargon: 1,
  // A party names its candidate when nothing else does (resolution needs > 0.6), but is no target for cue words.
  party: 0.7,
  namepart_weak: 0.5,
  namepart_word: 0.5,
};
/** Words that put a post in an election context (beyond vote verbs and generic candidate words). */
const ELECTION = new Set(
  (
    'tps suara pilkada pemilu partai menang menangkan kalah tunggal kampanye kpu bawaslu panwascam golput ' +
    'coblosan pencoblosan bilik rakyat dukungan relawan periode putaran'
  )
    .split(' ')
    .map((w) => standardise(fold(w))),
);
const EMPTY_BOX_WORDS = new Set(['kosongkan', 'kotaknya', 'kosongnya', 'kolomnya']);
/** Words that, followed by `tunggal`, name the single candidate of a contest against the empty box. */
const SINGLE_CANDIDATE = new Set(
  ['calon', 'paslon', 'kandidat', 'cabup', 'cagub', 'cawalkot', 'pasangan'].map((w) => standardise(fold(w))),
);
const TUNGGAL = standardise(fold('tunggal'));
const STRONG_MENTIONS = new Set(['name', 'alias', 'hashtag', 'slogan', 'handle', 'fuzzy', 'namepart', 'hashtag_part']);

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a state after hashing `s` from state `h` (continuing a state hashes a concatenation without building it). */
function fnvFrom(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function fnv1a(s: string): number {
  return fnvFrom(FNV_OFFSET, s) >>> 0;
}

/** Hash state of each gram-sequence element: grown, never shrunk. */
let seqHash = new Int32Array(256);

// Scratch accumulator for hashed word grams, reused by every post analysed on this thread.
const GRAMS = new SparseAccumulator(SIGNALS.length + (1 << HASH_BITS) + (1 << IMAGE_HASH_BITS));

/**
 * Signal positions as a plain object: `set` and `inc` are inlined at about a hundred call sites, and a Map lookup
 * inlined at each made `analyse` slow to optimise (seconds of compiler time in a 20,000-post run).
 */
const SIGNAL_AT = Object.fromEntries(SIGNALS.map((name, i) => [name, i])) as Record<SignalName, number>;

/** The engineered signals of the post being analysed (copied into its vector; zeroed for each post). */
const SIGNAL_SCRATCH = new Float64Array(SIGNALS.length);

/** What `analyse` needs about the contests of one author region, computed once per registry and region. */
interface ContestView {
  contests: CompiledContest[];
  inContest: Set<string>;
  /** Contests other than the presidential one (region 00). */
  localContests: number;
  /** Every place word of these contests → the one contest it belongs to, or null when several share it. */
  placeOwner: Map<string, string | null>;
  emptyBoxes: CompiledContest['candidates'];
}

const contestViews = new WeakMap<CompiledRegistry, Map<string | undefined, ContestView>>();
const CONTEST_VIEWS_MAX = 10_000;

function contestView(reg: CompiledRegistry, region: string | undefined): ContestView {
  let views = contestViews.get(reg);
  if (!views) {
    views = new Map();
    contestViews.set(reg, views);
  }
  let view = views.get(region);
  if (view) return view;
  const contests = contestsOf(reg, region);
  const placeOwner = new Map<string, string | null>();
  for (const c of contests) for (const p of c.places) placeOwner.set(p, placeOwner.has(p) ? null : c.id);
  view = {
    contests,
    inContest: new Set(contests.map((c) => c.id)),
    localContests: contests.filter((c) => c.regionCode !== '00').length,
    placeOwner,
    emptyBoxes: contests.flatMap((c) => c.candidates.filter((x) => x.emptyBox)),
  };
  // Regions come from posts: bounded like the word caches.
  if (views.size >= CONTEST_VIEWS_MAX) views.clear();
  views.set(region, view);
  return view;
}

/** Shared by every post with fewer than two named candidates (never written to: no allocation per post). */
const NO_CUES: Analysis['cueNear'] = { pro: new Map(), contra: new Map() };

type LexiconName = keyof typeof LEXICON;
const NO_POSITIONS: readonly number[] = [];
/** Every lexicon a word belongs to, so a post's cue positions come from one pass over its tokens. */
const LEXICONS_OF_WORD = new Map<string, LexiconName[]>();
for (const [name, words] of Object.entries(LEXICON) as [LexiconName, Set<string>][]) {
  for (const w of words) {
    const names = LEXICONS_OF_WORD.get(w);
    if (names) names.push(name);
    else LEXICONS_OF_WORD.set(w, [name]);
  }
}

/** Word positions per lexicon (one pass; was one pass per lexicon, a fifth of the classifier's time). */
function lexiconPositions(tokens: readonly Token[]): Map<LexiconName, number[]> {
  const hits = new Map<LexiconName, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    const names = LEXICONS_OF_WORD.get(t.key);
    if (!names) continue;
    for (const name of names) {
      const list = hits.get(name);
      if (list) list.push(i);
      else hits.set(name, [i]);
    }
  }
  return hits;
}

/**
 * A candidate name that is also an ordinary word (`Bagus`, `Lancar`, `Citra`) is a name when written with a
 * capital (`Mas Bagus`, `Citra bilang`) and an ordinary word otherwise (`nilainya bagus`, `BAGUS!`).
 */
export function resolveWordNames(mentions: Mention[], tokens: readonly Token[]): Mention[] {
  for (const m of mentions) {
    if (m.kind !== 'namepart_word') continue;
    const t = tokens[m.from]!;
    m.kind = /^\p{Lu}/u.test(t.raw) && !t.shout ? 'namepart' : 'namepart_weak';
  }
  return mentions;
}

/** Most words of three letters or more are in capitals: the post is written in capitals throughout. */
function writtenInCapitals(tokens: readonly Token[]): boolean {
  let words = 0;
  let shouted = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' || t.folded.length < 3 || !/\p{L}/u.test(t.raw)) continue;
    words++;
    if (t.shout) shouted++;
  }
  return words >= 4 && shouted >= 0.8 * words;
}

const NO_PLACES: ReadonlySet<string> = new Set();

type RaceLevel = 'president' | 'province' | 'regency';
const levelOf = (c: CompiledContest): RaceLevel =>
  c.regionCode === '00' ? 'president' : c.regionCode.includes('.') ? 'regency' : 'province';

/**
 * Words of an office or its race, by level. Narrower than the `governor`/`regent`/`president` lexicons (which feed
 * the model and stay as they are): no administrative words (`provinsi`, `kabupaten`, `kota`, `nasional`), which
 * neutral posts use all the time (`juara tingkat provinsi`).
 */
const RACE_WORDS: Record<RaceLevel, Set<string>> = {
  president: wordSet('presiden capres cawapres pilpres wapres'),
  province: wordSet('gubernur pilgub cagub cawagub wagub'),
  regency: wordSet(
    'bupati pilbup cabup cawabup wabup walikota pilwalkot pilwali walkot wakot cawalkot cawawali wawali wawalkot',
  ),
};

/** The race levels some tokens name by office words, also with `-nya` (`capresnya`, `cagubnya`). */
function raceLevels(tokens: readonly Token[]): Set<RaceLevel> {
  const out = new Set<RaceLevel>();
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const bare = t.key.endsWith('nya') ? t.key.slice(0, -3) : t.key;
    for (const level of ['president', 'province', 'regency'] as const) {
      if (RACE_WORDS[level].has(t.key) || RACE_WORDS[level].has(bare)) out.add(level);
    }
  }
  return out;
}

/**
 * A party backs tickets in several of the author's races (one party behind a presidential, a governor and a regency
 * ticket): named alone, it is split between them and names none. When the post names one race — by its office
 * words (`capres`, `cagubnya`, `Pilbup`), else by a place word of exactly one regional race — the party points at
 * its ticket in that race. Office words come first: `kampanye capres di <province>` is about the presidency.
 * Otherwise (or when the party backs no one in the race named) the split stays. The caller applies it only when
 * the post names no person: a post naming people and a party (who the party will nominate, who it backs) is about
 * them, and the party is not standing in for its ticket.
 */
function partyRefsForRace(
  refs: CandidateRef[],
  contestOf: (ref: CandidateRef) => string,
  contests: readonly CompiledContest[],
  tokens: readonly Token[],
  placeHint: ReadonlySet<string>,
): CandidateRef[] {
  const ids = new Set(refs.map(contestOf));
  if (ids.size < 2) return refs;
  const levels = raceLevels(tokens);
  if (levels.size === 1) {
    const [level] = levels;
    const only = refs.filter((r) => contests.some((c) => c.id === contestOf(r) && levelOf(c) === level));
    if (only.length > 0) return only;
  }
  // Presidential races have no place: their "places" are the halves of their hashtags.
  const regional = [...placeHint].filter((id) => contests.some((c) => c.id === id && levelOf(c) !== 'president'));
  if (regional.length === 1) {
    const only = refs.filter((r) => contestOf(r) === regional[0]);
    if (only.length > 0) return only;
  }
  return refs;
}

/** True when only spaces separate two tokens (no comma, dash or full stop): `Samarinda Keren`, not `Samarinda, betah`. */
function adjacent(text: string, a: Token | undefined, b: Token | undefined): boolean {
  if (!a || !b) return false;
  return /^[ \t]+$/.test(text.slice(a.end, b.start));
}

/** The post's text followed by the text read from its images, one part per line (core's `classifiedText`). */
export function fullText(post: Pick<Classifiable, 'text' | 'imageText'>): string {
  return post.imageText?.length ? classifiedText(post.text, [], post.imageText) : post.text;
}

/**
 * Tokenises, matches the registry and computes the engineered signals plus hashed word n-grams over a
 * masked token stream (`<cand>`, `<num>`, `<jargon>`, `<place>`), so no candidate-specific word is learnt.
 */
export function analyse(post: Classifiable, reg: CompiledRegistry): Analysis {
  // Image text (OCR) is read as more lines of the post: evidence spans then index into `classifiedText`.
  const text = fullText(post);
  const tokens = tokenize(text);
  const view = contestView(reg, post.region);
  const { contests, inContest } = view;
  const contestOf = (ref: CandidateRef) => reg.candidates.get(ref)?.contestId ?? '';
  const mentions = resolveWordNames(matchMentions(reg, tokens), tokens);
  const f = SIGNAL_SCRATCH.fill(0);
  const set = (name: SignalName, v = 1) => {
    f[SIGNAL_AT[name]] = v;
  };
  const inc = (name: SignalName, v = 1) => {
    f[SIGNAL_AT[name]]! += v;
  };
  set('bias');

  const scores = new Map<CandidateRef, number>();
  const named = new Set<CandidateRef>();
  const addScore = (ref: CandidateRef, w: number) => scores.set(ref, (scores.get(ref) ?? 0) + w);
  const evidence: EvidenceSpan[] = [];
  const mask: (string | null)[] = new Array(tokens.length).fill(null);
  const targetIdx: number[] = [];
  const strongTargetIdx: number[] = [];
  // Token position and candidates of every named mention (for cue-near-candidate bonuses).
  const mentionAt: MentionSpan[] = [];

  // Contest preference for bare ballot numbers: the regency contest unless governor words appear.
  let governorHint = false;
  let regentHint = false;
  let presidentHint = false;
  for (const t of tokens) {
    if (LEXICON.governor.has(t.key)) governorHint = true;
    if (LEXICON.regent.has(t.key)) regentHint = true;
    if (LEXICON.president.has(t.key)) presidentHint = true;
  }
  const { localContests, placeOwner } = view;
  // A place word of exactly one of the author's contests (`Tuba`, `Lamtim`) points at that contest.
  const placeHint = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const owner = placeOwner.get(t.key);
    if (owner) placeHint.add(owner);
  }
  // The parent post, tokenised once (its race words below, its names and numbers in `replyContext`).
  const parentTokens = post.context?.parentText ? tokenize(post.context.parentText) : null;
  // Which race a bare number is about. A reply that names no race and no place of its own goes by its parent's
  // (`nomor 2 wae` under a post about the governor race). Scores only: `presidentHint` above stays the post's own,
  // as the model reads it.
  let race: { governor: boolean; regent: boolean; president: boolean; place: ReadonlySet<string> } = {
    governor: governorHint,
    regent: regentHint,
    president: presidentHint,
    place: placeHint,
  };
  if (parentTokens && !governorHint && !regentHint && !presidentHint && placeHint.size === 0) {
    const levels = raceLevels(parentTokens);
    // Race words only: a parent's place names are mostly where something happened (`lomba tingkat provinsi di …`).
    race = {
      governor: levels.has('province'),
      regent: levels.has('regency'),
      president: levels.has('president'),
      place: NO_PLACES,
    };
  }
  const contestFactor = (c: CompiledContest) => {
    // The presidential contest (region 00) applies everywhere; a bare number in a post from a region with its own
    // contest reads as the local one unless the post talks about the presidency.
    if (c.regionCode === '00') return localContests === 0 || race.president ? 1 : 0.3;
    const province = !c.regionCode.includes('.');
    // The only regional contest of the author's region: nothing local to tell it from.
    if (contests.length === 1 || localContests === 1) return 1;
    if (race.place.size === 1) return race.place.has(c.id) ? 1 : 0.45;
    if (province) return race.governor ? 1 : 0.45;
    return race.regent || !race.governor ? 1 : 0.45;
  };

  const placeIdx: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'word' && placeOwner.has(t.key)) {
      placeIdx.push(i);
      mask[i] = '<place>';
    }
  });

  const voteNear = (i: number) => {
    for (let k = Math.max(0, i - 3); k <= Math.min(tokens.length - 1, i + 3); k++) {
      if (k !== i && tokens[k]!.kind === 'word' && LEXICON.vote.has(tokens[k]!.key)) return true;
    }
    return false;
  };
  // Does anything besides an empty-box word or a hand gesture say "election"? (vote verbs, election words,
  // a registry mention of a real candidate, a reply to a candidate, a parent post about the race.)
  const electionContext =
    tokens.some(
      (t) =>
        (t.kind === 'word' && (ELECTION.has(t.key) || LEXICON.vote.has(t.key) || LEXICON.generic.has(t.key))) ||
        (t.kind === 'hashtag' && reg.hashtags.has(t.key)),
    ) ||
    mentions.some(
      (m) =>
        m.kind !== 'namepart_weak' &&
        m.kind !== 'jargon' &&
        m.kind !== 'party' &&
        !m.refs.every((r) => reg.candidates.get(r)?.emptyBox),
    ) ||
    Boolean(post.context?.parentCandidate || post.context?.parentText);
  // In a contest against the empty box: `kosongkan`, `kotaknya`, 📦 point at the box (no registry word needed).
  const { emptyBoxes } = view;
  if (emptyBoxes.length > 0) {
    tokens.forEach((t, i) => {
      const strong =
        t.kind === 'word' && EMPTY_BOX_WORDS.has(t.key) && (voteNear(i) || (t.key === 'kosongkan' && electionContext));
      const emoji = t.kind === 'emoji' && t.key === '📦';
      if (!strong && !emoji) return;
      const b = emptyBoxes[0]!;
      const kind = strong || electionContext ? 'namepart' : 'namepart_weak';
      mentions.push({ kind, refs: [b.ref], from: i, to: i + 1, start: t.start, end: t.end });
    });
  }

  let jargonOnly = true;
  let emptyBoxMention = false;
  let allCaps: boolean | null = null;
  const candsMentioned = new Set<CandidateRef>();
  // Non-jargon mentions first: whether a jargon word is meant as jargon depends on what surrounds it.
  const ordered = [...mentions.filter((m) => m.kind !== 'jargon'), ...mentions.filter((m) => m.kind === 'jargon')];
  // The post names a person of the author's contests (for parties: see `partyRefsForRace`).
  const personNamed = mentions.some(
    (m) => STRONG_MENTIONS.has(m.kind) && m.kind !== 'hashtag' && m.refs.some((r) => inContest.has(contestOf(r))),
  );
  for (const m of ordered) {
    let refs = m.refs.filter((r) => inContest.has(contestOf(r)));
    if (m.kind === 'party' && refs.length > 1 && !personNamed) {
      refs = partyRefsForRace(refs, contestOf, contests, tokens, placeHint);
    }
    // `kotak kosong di lemari`, `kolom kosong di tabel`: the empty box's name with nothing about an election.
    if (!electionContext && refs.length > 0 && refs.every((r) => reg.candidates.get(r)?.emptyBox)) continue;
    if (refs.length === 0) {
      if (m.kind !== 'jargon' && m.kind !== 'namepart_weak' && m.kind !== 'party') {
        set('m_other_contest');
        for (let k = m.from; k < m.to; k++) mask[k] = '<ocand>';
      }
      continue;
    }
    let kind: string = m.kind;
    let plainJargon = false;
    let weight = MENTION_WEIGHT[m.kind];
    let tag = m.kind === 'party' ? '<party>' : '<cand>';
    if (m.kind === 'jargon') {
      const shout = tokens.slice(m.from, m.to).every((t) => t.shout);
      // Jargon next to a place word reads as the slogan (`Samarinda KEREN`, `Tuba Joss`) only when written as one
      // phrase: adjacent with nothing but spaces between, and the jargon capitalised or shouted.
      const capital = /^\p{Lu}/u.test(tokens[m.from]!.raw);
      const placed =
        capital &&
        placeIdx.some(
          (p) =>
            (p === m.from - 1 && adjacent(text, tokens[p], tokens[m.from])) ||
            (p === m.to && adjacent(text, tokens[m.to - 1], tokens[p])),
        );
      const nearCand = near([m.from], strongTargetIdx, 6);
      tag = '<jargon>';
      if (shout) {
        inc('m_jargon_shout');
        weight = 2;
        kind = 'jargon shout';
      }
      if (placed) {
        inc('m_jargon_place');
        weight = 2.5;
        kind = 'jargon with place';
      }
      if (nearCand) inc('m_jargon_near_cand');
      if (!shout && !placed && !nearCand) {
        inc('m_jargon_plain');
        tag = '<jw>';
        // A jargon word in plain lower case with nothing else pointing at the campaign may be the ordinary word:
        // it still points at its candidate, but is not a target that cue words around it can attach to.
        plainJargon = true;
      }
    }
    if (m.kind !== 'jargon' && m.kind !== 'namepart_weak' && m.kind !== 'party') jargonOnly = false;
    // `lawan kotak kosong`, `melawan kolom kosong`: the empty box named as the opponent, not backed.
    const emptyBoxRef = refs.every((r) => reg.candidates.get(r)?.emptyBox);
    if (emptyBoxRef && m.from > 0 && OPPONENT.has(tokens[m.from - 1]!.key)) weight *= 0.3;
    // `coblos yang kosong`, `pilih kosong saja`: the bare word next to a vote verb means the empty box.
    if (emptyBoxRef && m.kind === 'namepart_weak' && voteNear(m.from)) {
      weight = 2;
      kind = 'empty box with vote';
    }
    inc(`m_${m.kind}` as SignalName);
    // A name shared by candidates of ONE contest is split between them; a person who runs in two contests (one
    // name in two presidential races) is named in full in each (splitting made any rival outweigh them).
    // A party backs different tickets in different contests: named alone it points at its ticket only when it
    // backs one in the author's contests (split over the contests, it stays under the resolution floor).
    const spread = m.kind === 'party' ? new Set(refs.map(contestOf)).size : 1;
    for (const r of refs) {
      let sameContest = 0;
      if (refs.length > 1) for (const o of refs) if (contestOf(o) === contestOf(r)) sameContest++;
      // A slogan word in capitals is shouted only if the post is not written in capitals throughout.
      if (kind === 'jargon shout') allCaps ??= writtenInCapitals(tokens);
      const scoreWeight = kind === 'jargon shout' && allCaps ? 1 : weight;
      addScore(r, scoreWeight / Math.max(1, sameContest) / spread);
      if (weight >= 1) {
        candsMentioned.add(r);
        named.add(r);
      }
      if (reg.candidates.get(r)?.emptyBox) emptyBoxMention = true;
    }
    for (let k = m.from; k < m.to; k++) mask[k] = tag;
    if (weight >= 1 && !plainJargon) {
      targetIdx.push(m.from);
      mentionAt.push({ at: m.from, to: m.to, refs });
    }
    if (STRONG_MENTIONS.has(m.kind) || weight >= 2) strongTargetIdx.push(m.from);
    const label = reg.candidates.get(refs[0]!)?.label ?? refs[0]!;
    evidence.push({ start: m.start, end: m.end, cue: `${kind.replace('_', ' ')}: ${label}` });
  }
  // `calon tunggal`, `paslon tunggal`: the one real candidate of a contest against the empty box. A generic
  // reference, weaker than a name or a vote for the box (`calon tunggal nda turun, coblos kotaknya` backs the box).
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind !== 'word' || !SINGLE_CANDIDATE.has(t.key) || next?.key !== TUNGGAL) return;
    for (const c of contests) {
      const real = c.candidates.filter((x) => !x.emptyBox);
      if (real.length !== 1 || real.length === c.candidates.length) continue;
      addScore(real[0]!.ref, 1);
      named.add(real[0]!.ref);
      evidence.push({ start: t.start, end: next.end, cue: `single candidate: ${real[0]!.label}` });
    }
  });
  if (mentions.length > 0) {
    set('m_any', candsMentioned.size > 0 ? 1 : 0);
    set('m_strong_any', strongTargetIdx.length > 0 ? 1 : 0);
    if (jargonOnly && f[SIGNAL_INDEX.get('m_jargon')!]! > 0) set('m_jargon_only');
  }

  nicknameEvidence(text, tokens, mentions, reg, inContest, addScore, evidence);

  // Ballot numbers that are numbers of a candidate in the author's contests.
  const ballots = findBallotNumbers(tokens);
  const ballotValues = new Set<number>();
  let strongBallot = false;
  let gestureOnly = true;
  for (const b of ballots) {
    const owners = contests.filter((c) => c.byNumber.has(b.value));
    if (owners.length === 0) continue;
    ballotValues.add(b.value);
    inc(`b_${b.form}` as SignalName);
    const weight = BALLOT_WEIGHT[b.form];
    if (weight >= 2) strongBallot = true;
    if (b.form !== 'gesture') gestureOnly = false;
    for (const c of owners) {
      addScore(c.byNumber.get(b.value)!.ref, weight * contestFactor(c));
      if (weight >= 1) named.add(c.byNumber.get(b.value)!.ref);
    }
    mask[b.index] = b.form === 'gesture' ? '<gest>' : '<num>';
    if (weight >= 1) {
      targetIdx.push(b.index);
      if (weight >= 2) strongTargetIdx.push(b.index);
      const t = tokens[b.index]!;
      evidence.push({ start: t.start, end: t.end, cue: `ballot number ${b.value} (${b.form.replace('_', ' ')})` });
    }
  }
  if (ballotValues.size > 0) {
    set('b_strong_any', strongBallot ? 1 : 0);
    set('b_multi', ballotValues.size > 1 ? 1 : 0);
    set('b_gesture_only', gestureOnly ? 1 : 0);
  }

  // `memalukan lawan A dan B`: every candidate named is an opponent, so the post is about the one left.
  opponentSubject(tokens, mentionAt, named, contests, scores, evidence, post.postedAt ?? null);

  // Reply context.
  // The parent (often a video title) names the race's people; when the post names a candidate itself, the
  // parent's names only break ties (`setuju sama bu X` under a title about Y is about X).
  const parent = post.context
    ? replyContext(
        post.context,
        parentTokens,
        reg,
        view,
        { set, addScore, contestFactor, contestOf },
        named.size > 0 ? 0.25 : 1,
      )
    : null;
  const parentCandidate = parent?.candidate ?? null;
  // A reply's bare `bu`/`pak` addressing the one ticket, of a race its parent is about, with a person of that gender.
  // When the parent has a known author who is no candidate, `bu` may be that author (`Setuju bu` under her post).
  const authorUnknownOrCandidate = !post.context?.parentAuthor || parentCandidate !== null;
  if (parent && parent.contests.size > 0 && authorUnknownOrCandidate) {
    const covered = new Set<number>();
    for (const m of mentions) if (m.kind !== 'namepart_weak') for (let k = m.from; k < m.to; k++) covered.add(k);
    const thread = contests.filter((c) => parent.contests.has(c.id));
    const addressee = addresseeEvidence(text, tokens, covered, thread, addScore, evidence);
    if (addressee) mentionAt.push({ at: addressee.at, to: addressee.at + 1, refs: addressee.refs });
  }

  // Cue words, alone and near a target.
  const lexiconHits = lexiconPositions(tokens);
  const idx = (name: LexiconName) => lexiconHits.get(name) ?? NO_POSITIONS;
  const vote = idx('vote');
  const exhort = idx('exhort');
  const support = idx('support');
  const contra = idx('contra');
  const admin = idx('admin');
  const official = idx('official');
  const share = idx('share');
  const gestureWords = idx('gesture');
  const first = idx('firstPerson');
  const generic = idx('generic');
  const negvote = vote.filter((i) => {
    const p = tokens[i - 1]?.key;
    const p2 = tokens[i - 2]?.key;
    return (
      p === 'jangan' ||
      p === 'tidak' ||
      p2 === 'jangan' ||
      (p === 'bukan' && p2 === 'asal') ||
      (p === 'usah' && p2 === 'tidak')
    );
  });
  // A vote verb negated outright (`jangan pilih`, `ojo dipilih`, `ndak usah dipilih`), not `jangan lupa coblos`.
  const strongNeg = vote.filter((i) => {
    const p = tokens[i - 1]?.key;
    const p2 = tokens[i - 2]?.key;
    return p === 'jangan' || p === 'tidak' || (p === 'usah' && (p2 === 'tidak' || p2 === 'jangan'));
  });
  const asalBukan = tokens.some((t, i) => t.key === 'asal' && tokens[i + 1]?.key === 'bukan');
  const posEmoji = tokens.filter((t) => t.kind === 'emoji' && POSITIVE_EMOJI.has(t.key)).length;
  const mockEmoji = tokens.filter((t) => t.kind === 'emoji' && MOCK_EMOJI.has(t.key)).length;
  const hasTarget = targetIdx.length > 0;
  const W = 4;

  set('n_cands', Math.min(candsMentioned.size, 3) / 3);
  const perContest = new Map<string, number>();
  for (const r of candsMentioned) perContest.set(contestOf(r), (perContest.get(contestOf(r)) ?? 0) + 1);
  set('multi_cand', [...perContest.values()].some((n) => n > 1) ? 1 : 0);
  set('target_any', hasTarget ? 1 : 0);
  set('target_strong', strongTargetIdx.length > 0 ? 1 : 0);
  set('vote_near_target', near(vote, targetIdx, W) ? 1 : 0);
  set('exhort_near_target', near(exhort, targetIdx, W) ? 1 : 0);
  set('support_near_target', near(support, targetIdx, 6) ? 1 : 0);
  const contraNear = near(contra, targetIdx, 6) || near(negvote, targetIdx, W) || (asalBukan && hasTarget);
  set('contra_near_target', contraNear ? 1 : 0);
  set('negvote_near_target', near(negvote, targetIdx, W) || (asalBukan && hasTarget) ? 1 : 0);
  set('vote_any', vote.length > 0 ? 1 : 0);
  set('exhort_any', Math.min(exhort.length, 3) / 3);
  set('support_any', Math.min(support.length, 3) / 3);
  set('contra_any', Math.min(contra.length, 3) / 3);
  set('negvote_any', negvote.length > 0 || asalBukan ? 1 : 0);
  set('admin_any', admin.length > 0 ? 1 : 0);
  set('admin_many', admin.length > 2 ? 1 : 0);
  set('admin_with_target', admin.length > 0 && hasTarget ? 1 : 0);
  set('target_near_admin', near(admin, targetIdx, 3) ? 1 : 0);
  set('official_any', official.length > 0 ? 1 : 0);
  set('official_with_target', official.length > 0 && hasTarget ? 1 : 0);
  set('share_any', share.length > 0 ? 1 : 0);
  set('share_with_target', share.length > 0 && hasTarget ? 1 : 0);
  set('gesture_word_any', gestureWords.length > 0 ? 1 : 0);
  set('gesture_word_with_target', gestureWords.length > 0 && hasTarget ? 1 : 0);
  set('first_person_with_target', near(first, targetIdx, 6) ? 1 : 0);
  set('generic_cand_word', generic.length > 0 ? 1 : 0);
  set('generic_with_vote', near(generic, vote, 3) ? 1 : 0);
  set('no_target_vote', vote.length > 0 && !hasTarget ? 1 : 0);
  set('question', text.includes('?') ? 1 : 0);
  set('quote', /["“”'‘’]/.test(text) ? 1 : 0);
  set('pos_emoji', posEmoji > 0 ? 1 : 0);
  set('mock_emoji', mockEmoji > 0 ? 1 : 0);
  set('mock_with_target', mockEmoji > 0 && hasTarget ? 1 : 0);
  set('pos_with_target', posEmoji > 0 && hasTarget ? 1 : 0);
  const imageParts = (post.imageText ?? []).filter((t) => t.trim());
  set('image_text', imageParts.length > 0 ? 1 : 0);
  set('image_text_only', imageParts.length > 0 && !post.text.trim() ? 1 : 0);
  set('kind_comment', post.kind === 'comment' ? 1 : 0);
  set('kind_caption', post.kind === 'caption' ? 1 : 0);
  set('kind_share', post.kind === 'share' ? 1 : 0);
  const parentCand = f[SIGNAL_INDEX.get('parent_candidate_in_contest')!]! > 0;
  set('parent_cand_and_support', parentCand && (support.length > 0 || exhort.length > 0 || vote.length > 0) ? 1 : 0);
  set('parent_cand_and_pos_emoji', parentCand && posEmoji > 0 ? 1 : 0);
  set('parent_cand_short', parentCand && tokens.length < 12 ? 1 : 0);
  set('empty_box_contest', contests.some((c) => c.candidates.some((x) => x.emptyBox)) ? 1 : 0);
  set('empty_box_mention', emptyBoxMention ? 1 : 0);
  set('len_short', tokens.length < 8 ? 1 : 0);
  set('len_long', tokens.length > 40 ? 1 : 0);
  set('url', tokens.some((t) => t.kind === 'url') ? 1 : 0);
  set('region_known', post.region ? 1 : 0);
  // A place name alone says nothing (people name their own town all the time); only next to support it does.
  set('place_any', 0);
  set('place_with_support', near(placeIdx, [...support, ...exhort], 3) ? 1 : 0);
  for (const name of [
    'm_name',
    'm_alias',
    'm_namepart',
    'm_fuzzy',
    'm_hashtag',
    'm_hashtag_part',
    'm_jargon',
  ] as const) {
    const i = SIGNAL_INDEX.get(name)!;
    f[i] = Math.min(f[i]!, 3) / 2;
  }

  const { laugh, wish, ownVoice } = voiceSignals(f, tokens, text, lexiconHits, {
    targetIdx,
    strongTargetIdx,
    hasTarget,
    parentCand,
    presidentHint,
    ballotValues,
    exhort,
  });
  const signal = (name: SignalName) => f[SIGNAL_AT[name]]!;
  colloquialStanceSignals(set, tokens, {
    idx,
    targetIdx,
    parentNamesCandidate: parentCand || signal('parent_mentions_cand') > 0,
    laugh,
    posEmoji,
    mockEmoji,
    ownVoice,
  });

  let cueNear: Analysis['cueNear'] = NO_CUES;
  // Only worth computing when two or more mentions compete.
  if (mentionAt.length > 1) {
    // Cue words within 4 tokens of the closest mention (comments follow their subject: `A hebat, B pecundang`).
    const positiveWords = [...support, ...wish, ...vote.filter((i) => !negvote.includes(i)), ...idx('praise')];
    const attackWords = [...contra, ...negvote, ...idx('scorn')];
    cueNear = cuesNearMentions(tokens, mentionAt, positiveWords, attackWords, laugh);
  }

  // A post about the whole field, or formal copy, favours no side (1.9.0; features/neutral-cues.ts).
  neutralCueSignals(set, tokens, named.size, hasTarget);

  if (hasTarget) {
    for (const list of [vote, exhort, negvote]) {
      for (const i of list) {
        if (!near([i], targetIdx, W)) continue;
        const t = tokens[i]!;
        evidence.push({
          start: t.start,
          end: t.end,
          cue: negvote.includes(i) ? 'vote against' : 'call to vote/support',
        });
      }
    }
    for (const i of contra) {
      if (!near([i], targetIdx, 6)) continue;
      const t = tokens[i]!;
      evidence.push({ start: t.start, end: t.end, cue: 'attack' });
    }
  }

  const vector = hashedGrams(post, tokens, mask, f, parent?.tokens ?? null);
  const rules = ruleCues({
    tokens,
    mentions,
    ballots,
    contests,
    inContest,
    contestOf,
    strongBallot,
    electionContext,
    parentFrame: parentCand || signal('parent_mentions_cand') > 0,
    parentTokens,
  });

  // The post's own words say which race it is about; a reply that says nothing goes by its parent (a video title).
  // (Only read when there is evidence to weigh.)
  const frame = scores.size === 0 ? null : (raceFrame(tokens) ?? (parentTokens ? raceFrame(parentTokens) : null));
  dropPresidentialInRegionalFrame(scores, contests, frame);
  return {
    tokens,
    contests,
    scores,
    yearContests: contestsByYear(text, scores, contests),
    frame,
    postedAt: post.postedAt ?? null,
    named,
    evidence,
    cueNear,
    vector,
    contraCue: contraNear,
    negVoteOnly: strongNeg.length > 0 && strongNeg.length === vote.length && hasTarget,
    comparedAgainst: comparedAgainst(tokens, mentionAt),
    headlineCopy: headlineCopy(
      tokens,
      mentions.some((m) => m.kind === 'hashtag' || m.kind === 'hashtag_part'),
    ),
    mobilisation: rules.mobilisation,
    gestureOutsideElection: rules.gestureOutsideElection,
    cues: {
      gesture: ballots.some((b) => b.form === 'gesture' || b.form === 'jari') || gestureWords.length > 0,
      share: share.length > 0,
      parentCandidate,
      mock: mockEmoji > 0,
    },
  };
}

/** What `ruleCues` reads of a post being analysed. */
interface RuleInputs {
  tokens: readonly Token[];
  mentions: readonly Mention[];
  ballots: ReturnType<typeof findBallotNumbers>;
  contests: readonly CompiledContest[];
  inContest: ReadonlySet<string>;
  contestOf: (ref: CandidateRef) => string;
  /** A number written in a strong ballot form (`nomor 2`, 2️⃣, `coblos 2`). */
  strongBallot: boolean;
  electionContext: boolean;
  /** The parent names a candidate of the author's contests (its campaign words are read here, lazily). */
  parentFrame: boolean;
  parentTokens: readonly Token[] | null;
}

/**
 * The post-level cues of the rules `decide` applies after the model (features/mobilisation.ts). Apart from
 * `analyse` so that function stays small for the JIT; the frame is read only when the post makes a call.
 */
function ruleCues(x: RuleInputs): { mobilisation: boolean; gestureOutsideElection: boolean } {
  const { tokens, mentions, ballots, contests, inContest, contestOf, parentTokens } = x;
  const ownsNumber = (value: number) => contests.some((c) => c.byNumber.has(value));
  // Registry evidence (a name, party or campaign hashtag, or a number written as a ballot number: `nomor 1`,
  // `coblos 2`, 2️⃣; not plain jargon words, gestures or zero-padded numbers such as `SDN 02`, which everyday posts
  // write too) or a parent post about the race.
  const mobilisation = campaignMobilisation(
    tokens,
    () =>
      mentions.some(
        (m) => (STRONG_MENTIONS.has(m.kind) || m.kind === 'party') && m.refs.some((r) => inContest.has(contestOf(r))),
      ) ||
      ballots.some(
        (b) => BALLOT_WEIGHT[b.form] >= 2 && b.form !== 'padded' && b.form !== 'gesture' && ownsNumber(b.value),
      ) ||
      x.parentFrame ||
      (parentTokens !== null && campaignWords(parentTokens)),
  );
  // Only when a gesture is the strongest number: bare numbers (`satu per satu`) may sit beside it, nothing stronger.
  const gestures: number[] = [];
  if (!x.strongBallot) for (const b of ballots) if (b.form === 'gesture' && ownsNumber(b.value)) gestures.push(b.index);
  return {
    mobilisation,
    gestureOutsideElection: gestureOutsideElection({
      gestures,
      mentions: mentions.length,
      electionContext: x.electionContext,
      tokens,
    }),
  };
}

/**
 * The engineered signals `f` followed by the hashed word n-grams of the masked token stream and the parent post's
 * unigrams (`parentTokens`: the parent's text as `replyContext` tokenised it). Apart from `analyse` so each is optimised on its own: one function of this
 * size took the JIT seconds to (re)compile, a large part of a 20,000-post run.
 */
function hashedGrams(
  post: Classifiable,
  tokens: readonly Token[],
  mask: readonly (string | null)[],
  f: Float64Array,
  parentTokens: readonly Token[] | null,
): SparseVector {
  // Hashed n-grams over the masked stream, plus parent-context unigrams.
  const grams = GRAMS;
  grams.clear();
  // Words read from images get a range of their own (image examples train only weights text never uses).
  const addGram = (g: string, image = false) =>
    grams.add(
      image
        ? SIGNALS.length + (1 << HASH_BITS) + (fnv1a(g) & IMAGE_HASH_MASK)
        : SIGNALS.length + (fnv1a(g) & HASH_MASK),
    );
  const seq: string[] = [];
  tokens.forEach((t, i) => {
    const m = mask[i];
    if (m) seq.push(m);
    else if (t.kind === 'word') seq.push(t.num ? '<n>' : stem(t.key));
    else if (t.kind === 'hashtag') seq.push(/\d/.test(t.key) ? '#<tag>' : `#${t.key}`);
    else if (t.kind === 'mention') seq.push('<at>');
    else if (t.kind === 'url') seq.push('<url>');
    else seq.push(t.key);
  });
  // Words read from images get their own n-grams (a separate hash range): posters shout in capitals and OCR breaks lines, and
  // sharing weights with the post's own words moved the text model (measured: real-post LOSO F1 went down).
  // Registry matches and the engineered signals stay shared, so a name or number counts wherever it is.
  const imageFrom = post.imageText?.length ? post.text.length + 1 : Number.POSITIVE_INFINITY;
  const inImage = (i: number) => tokens[i]!.start >= imageFrom;
  // Each element is hashed once; a bigram `a b` continues a's state with ' ' and b (the same hash as the joined
  // string, without building a string per bigram).
  if (seqHash.length < seq.length) seqHash = new Int32Array(seq.length * 2);
  for (let i = 0; i < seq.length; i++) seqHash[i] = fnvFrom(FNV_OFFSET, seq[i]!);
  const imageBase = SIGNALS.length + (1 << HASH_BITS);
  for (let i = 0; i < seq.length; i++) {
    const image = inImage(i);
    const bits = image ? IMAGE_HASH_MASK : HASH_MASK;
    const base = image ? imageBase : SIGNALS.length;
    grams.add(base + (seqHash[i]! & bits));
    if (i + 1 < seq.length) grams.add(base + (fnvFrom(Math.imul(seqHash[i]! ^ 32, FNV_PRIME), seq[i + 1]!) & bits));
  }
  if (post.kind) addGram(`kind=${post.kind}`);
  if (parentTokens) {
    for (const t of parentTokens) if (t.kind === 'word' && !t.num) addGram(`p:${stem(t.key)}`);
  }
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] !== 0) {
      indices.push(i);
      values.push(f[i]!);
    }
  }
  const norm = grams.sumOfSquares();
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const h of grams.indices) {
    indices.push(h);
    values.push(grams.get(h) * scale * 2);
  }
  grams.clear();
  return { indices, values };
}

/**
 * Per candidate, how many support and attack cues (word positions; cheering or mocking emoji and laughter are
 * added here) sit within 4 tokens of one of its mentions, the closest mention owning the cue.
 */
function cuesNearMentions(
  tokens: readonly Token[],
  mentionAt: readonly MentionSpan[],
  positiveWords: number[],
  attackWords: number[],
  laugh: readonly Token[],
): Analysis['cueNear'] {
  const cueNear = { pro: new Map<CandidateRef, number>(), contra: new Map<CandidateRef, number>() };
  for (let t = 0; t < tokens.length; t++) {
    const tk = tokens[t]!;
    if (tk.kind === 'emoji') {
      if (POSITIVE_EMOJI.has(tk.key)) positiveWords.push(t);
      if (MOCK_EMOJI.has(tk.key)) attackWords.push(t);
    } else if (laugh.includes(tk)) attackWords.push(t);
  }
  const starts = mentionAt.map((m) => m.at).sort((a, b) => a - b);
  const owner = (i: number) => {
    // The closest mention, preferring the one before the cue (Indonesian puts the comment after its subject).
    let best = -1;
    let dist = Number.POSITIVE_INFINITY;
    for (const s of starts) {
      const d = s <= i ? i - s : (s - i) * 1.5;
      if (d < dist) {
        dist = d;
        best = s;
      }
    }
    return dist <= 4 ? best : -1;
  };
  for (const [list, into] of [
    [positiveWords, cueNear.pro],
    [attackWords, cueNear.contra],
  ] as const) {
    for (const i of new Set(list)) {
      const at = owner(i);
      if (at < 0) continue;
      for (const m of mentionAt) {
        if (m.at !== at) continue;
        for (const r of m.refs) into.set(r, (into.get(r) ?? 0) + 1 / m.refs.length);
      }
    }
  }
  return cueNear;
}

/** Signals computed earlier in `analyse` that the register-and-voice signals combine with. */
interface VoiceInputs {
  targetIdx: readonly number[];
  strongTargetIdx: readonly number[];
  hasTarget: boolean;
  parentCand: boolean;
  presidentHint: boolean;
  ballotValues: ReadonlySet<number>;
  exhort: readonly number[];
}

/**
 * Sets the register-and-voice signals in `f`; returns the laughter tokens and wish-word positions (the cue-near-mention
 * pass uses them). Apart from `analyse` so the JIT compiles smaller functions.
 */
function voiceSignals(
  f: Float64Array,
  tokens: readonly Token[],
  text: string,
  lexiconHits: Map<LexiconName, number[]>,
  inputs: VoiceInputs,
): { laugh: Token[]; wish: readonly number[]; ownVoice: boolean } {
  const { targetIdx, strongTargetIdx, hasTarget, parentCand, presidentHint, ballotValues, exhort } = inputs;
  const set = (name: SignalName, v = 1) => {
    f[SIGNAL_AT[name]] = v;
  };
  const idx = (name: LexiconName) => lexiconHits.get(name) ?? NO_POSITIONS;
  // Register and voice: the author's own words (first/second person, laughter, evaluation, imperatives, emoji)
  // against the shape of a headline or a report (reporting verbs, poll words, title case, a bare link).
  const firstSg = idx('firstSingular');
  const second = idx('second');
  // `wkwk…`, `haha…`, `hehe…` (was /^(wk){2,}|^(ha){2,}|^(he){2,}/, the same test without a regex per word).
  const laugh = tokens.filter(
    (t) =>
      t.kind === 'word' &&
      (LEXICON.laugh.has(t.key) || t.key.startsWith('wkwk') || t.key.startsWith('haha') || t.key.startsWith('hehe')),
  );
  const evaluative = idx('evaluative');
  const imperative = idx('imperative');
  const reporting = idx('reporting');
  const poll = idx('poll');
  const newsTime = idx('newsTime');
  const mobilise = idx('mobilise');
  const compare = idx('compare');
  const wish = idx('wish');
  const words = tokens.filter((t) => t.kind === 'word' && !t.num);
  const emojiCount = tokens.filter((t) => t.kind === 'emoji').length;
  const titled = words.filter((t) => startsUpper(t.raw)).length;
  const ownVoice = firstSg.length + second.length + laugh.length + imperative.length > 0;
  const headline = words.length >= 5 && titled / words.length >= 0.6 && !ownVoice && !text.includes('!');
  let leadingMentions = 0;
  for (const t of tokens) {
    if (t.kind !== 'mention') break;
    leadingMentions++;
  }
  const anyTarget = hasTarget || parentCand;
  set('voice_first_sg', firstSg.length > 0 ? 1 : 0);
  set('voice_second', second.length > 0 ? 1 : 0);
  set('voice_first_with_target', firstSg.length > 0 && anyTarget ? 1 : 0);
  set('voice_second_with_target', second.length > 0 && anyTarget ? 1 : 0);
  set('voice_laugh', laugh.length > 0 ? 1 : 0);
  set('voice_laugh_with_target', laugh.length > 0 && anyTarget ? 1 : 0);
  set('voice_exclaim', /!/.test(text) ? 1 : 0);
  set('voice_emoji_many', emojiCount >= 3 ? 1 : 0);
  set('voice_evaluative', evaluative.length > 0 ? 1 : 0);
  set('voice_evaluative_with_target', near(evaluative, targetIdx, 8) ? 1 : 0);
  set('voice_imperative', imperative.length > 0 ? 1 : 0);
  set('news_reporting_verb', reporting.length > 0 ? 1 : 0);
  set('news_reporting_with_target', near(reporting, targetIdx, 6) && !ownVoice ? 1 : 0);
  set('news_headline_shape', headline ? 1 : 0);
  set('news_headline_with_target', headline && hasTarget ? 1 : 0);
  set('news_poll', poll.length > 0 ? 1 : 0);
  set('news_poll_with_target', poll.length > 0 && hasTarget ? 1 : 0);
  set(
    'news_url_only_share',
    tokens.some((t) => t.kind === 'url') && !ownVoice && evaluative.length === 0 && words.length <= 25 ? 1 : 0,
  );
  set('news_time_words', newsTime.length > 0 ? 1 : 0);
  set('reply_leading_mentions', leadingMentions > 0 ? 1 : 0);
  set('mobilise_event', mobilise.length > 0 ? 1 : 0);
  set('mobilise_with_target', mobilise.length > 0 && (anyTarget || exhort.length > 0) ? 1 : 0);
  set(
    'party_only',
    f[SIGNAL_INDEX.get('m_party')!]! > 0 && strongTargetIdx.length === 0 && ballotValues.size === 0 ? 1 : 0,
  );
  set('presidential_hint', presidentHint ? 1 : 0);
  set('compare_prefer', compare.length > 0 ? 1 : 0);
  set('compare_with_target', near(compare, targetIdx, 5) ? 1 : 0);
  set('wish_with_target', near(wish, targetIdx, 6) || (wish.length > 0 && parentCand) ? 1 : 0);
  return { laugh, wish, ownVoice };
}

/** `/^\p{Lu}/u.test(s)` without the regex when the first character is ASCII (its only capitals are A–Z). */
function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(s);
}

/** The callbacks of `analyse` that the reply-context signals write through. */
interface ReplyWriters {
  set: (name: SignalName, v?: number) => void;
  addScore: (ref: CandidateRef, w: number) => void;
  contestFactor: (c: CompiledContest) => number;
  contestOf: (ref: CandidateRef) => string;
}

/**
 * Reply-context signals and scores (the parent post's candidate, author, names and ballot numbers, each name and
 * number weighing `parentWeight`); returns the candidate replied to and the parent's tokens. Apart from `analyse`: few posts are replies, and a branch first taken after the JIT has
 * optimised a function throws its code away (this one is small to recompile).
 */
function replyContext(
  ctx: NonNullable<Classifiable['context']>,
  ptoks: Token[] | null,
  reg: CompiledRegistry,
  { contests, inContest }: ContestView,
  { set, addScore, contestFactor, contestOf }: ReplyWriters,
  parentWeight: number,
): { candidate: CandidateRef | null; tokens: Token[] | null; contests: Set<string> } {
  let parentCandidate: CandidateRef | null = null;
  let parentTokens: Token[] | null = null;
  // Contests the parent is about: its candidate's, and those of the candidates and numbers it names.
  const about = new Set<string>();
  set('has_parent');
  // A reply to a candidate's official account: given, or found from the parent author's handle.
  const viaHandle = ctx.parentAuthor ? reg.handles.get(fold(ctx.parentAuthor.replace(/^@/, ''))) : undefined;
  const parentRef = ctx.parentCandidate ?? viaHandle;
  if (parentRef) {
    parentCandidate = parentRef as CandidateRef;
    if (inContest.has(contestOf(parentCandidate))) {
      set('parent_candidate_in_contest');
      addScore(parentCandidate, 2.5);
      about.add(contestOf(parentCandidate));
    } else set('parent_candidate_other');
  }
  if (ptoks) {
    parentTokens = ptoks;
    for (const m of resolveWordNames(matchMentions(reg, ptoks), ptoks)) {
      for (const r of m.refs) {
        if (!inContest.has(contestOf(r)) || MENTION_WEIGHT[m.kind] < 1) continue;
        set('parent_mentions_cand');
        addScore(r, parentWeight);
        about.add(contestOf(r));
      }
    }
    for (const b of findBallotNumbers(ptoks)) {
      if (BALLOT_WEIGHT[b.form] < 2) continue;
      for (const c of contests) {
        const cand = c.byNumber.get(b.value);
        if (cand) {
          set('parent_target_number');
          addScore(cand.ref, parentWeight * contestFactor(c));
          about.add(c.id);
        }
      }
    }
  }
  return { candidate: parentCandidate, tokens: parentTokens, contests: about };
}
