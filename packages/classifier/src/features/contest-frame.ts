import type { CandidateRef } from '@netra/core';
import type { Token } from '../normalise/tokenize.ts';
import type { CompiledContest } from '../registry/compile-registry.ts';

/**
 * Words that name a regional race (governor, regent, mayor) as an election, not an office: `pilkada`, `cagub`,
 * `calon bupati`. `gubernur` alone is not one: presidential posts often recall a candidate's past office.
 */
const REGIONAL_RACE = new Set([
  'pilkada',
  'pilgub',
  'pilbup',
  'pilwalkot',
  'pilwali',
  'cagub',
  'cawagub',
  'cabup',
  'cawabup',
  'cawalkot',
  'cawawali',
]);
/** `calon` followed by one of these names a regional race too. */
const REGIONAL_OFFICE = new Set(['gubernur', 'bupati', 'walikota', 'wali']);
/** Words that name the presidential race or office. */
const PRESIDENT_RACE = new Set(['presiden', 'capres', 'cawapres', 'pilpres', 'wapres']);
/** Inside a hashtag (`#DebatPilpres2019`, `#PilkadaJateng`) only the unmistakable compounds count. */
const REGIONAL_IN_TAG = ['pilkada', 'pilgub', 'pilbup', 'pilwalkot', 'cagub', 'cabup', 'cawalkot'];
const PRESIDENT_IN_TAG = ['pilpres', 'capres', 'cawapres', 'presiden'];

export type RaceFrame = 'regional' | 'president' | 'both' | null;

/** Which kind of race the post talks about, from its own words (not its parent's). */
export function raceFrame(tokens: readonly Token[]): RaceFrame {
  let regional = false;
  let president = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'hashtag') {
      const body = t.key;
      if (REGIONAL_IN_TAG.some((w) => body.includes(w))) regional = true;
      if (PRESIDENT_IN_TAG.some((w) => body.includes(w))) president = true;
    } else if (t.kind === 'word') {
      if (REGIONAL_RACE.has(t.key)) regional = true;
      else if (t.key === 'calon' && REGIONAL_OFFICE.has(tokens[i + 1]?.key ?? '')) regional = true;
      if (PRESIDENT_RACE.has(t.key)) president = true;
    }
  }
  if (regional && president) return 'both';
  return regional ? 'regional' : president ? 'president' : null;
}

/**
 * A post about a regional race (`pilkada`, `cagub`, and no word about the presidency) that names someone who runs
 * only for president is not a vote for the presidential ticket: that person backs a local ticket or is a would-be
 * regional candidate outside the registry. Their evidence is dropped, so the post resolves to a local candidate it
 * names, or to none. A candidate who also runs in a regional contest keeps that contest's evidence.
 */
export function dropPresidentialInRegionalFrame(
  scores: Map<CandidateRef, number>,
  contests: readonly CompiledContest[],
  frame: RaceFrame,
): void {
  if (frame !== 'regional') return;
  for (const c of contests) {
    if (c.regionCode !== '00') continue;
    for (const x of c.candidates) scores.delete(x.ref);
  }
}

const YEAR = /(?:^|\D)((?:19|20)\d\d)(?!\d)/g;

/**
 * Contests whose election year the post writes (`pilpres 2019`, `#DebatPilpres2024`): a tie between contests that
 * share a person goes to the one whose year is written. Only computed when the evidence spans two contests.
 */
export function contestsByYear(
  text: string,
  scores: ReadonlyMap<CandidateRef, number>,
  contests: readonly CompiledContest[],
): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const ref of scores.keys()) ids.add(ref.slice(0, ref.lastIndexOf('#')));
  if (ids.size < 2 || !/\d{4}/.test(text)) return NO_YEARS;
  const years = new Set<string>();
  for (const m of text.matchAll(YEAR)) years.add(m[1]!);
  const out = new Set<string>();
  for (const c of contests) if (ids.has(c.id) && years.has(c.electionDate.slice(0, 4))) out.add(c.id);
  return out;
}
const NO_YEARS: ReadonlySet<string> = new Set();
