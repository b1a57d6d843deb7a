import type { CandidateRef } from '@netra/core';
import type { Token } from '../normalise/tokenize.ts';
import type { CompiledRegistry, MatchKind } from './compile-registry.ts';
import { deletes, editDistance } from './fuzzy.ts';

/** A span of the post that names a candidate in some way (name, alias, hashtag, slogan, jargon, party…). */
export interface Mention {
  kind: MatchKind | 'hashtag_part' | 'fuzzy' | 'handle';
  refs: CandidateRef[];
  /** Token range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
}

const fuzzyCache = new WeakMap<CompiledRegistry, Map<string, string | null>>();

function fuzzyCacheOf(reg: CompiledRegistry): Map<string, string | null> {
  let cache = fuzzyCache.get(reg);
  if (!cache) {
    cache = new Map();
    fuzzyCache.set(reg, cache);
  }
  return cache;
}

function fuzzyLookup(reg: CompiledRegistry, cache: Map<string, string | null>, key: string): string | null {
  if (key.length < 5) return null;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const found = fuzzySearch(reg, key);
  if (cache.size > 100_000) cache.clear();
  cache.set(key, found);
  return found;
}

function fuzzySearch(reg: CompiledRegistry, key: string): string | null {
  if (!/^\p{L}+$/u.test(key)) return null;
  for (const probe of [key, ...deletes(key)]) {
    const targets = reg.fuzzy.get(probe);
    if (!targets) continue;
    for (const t of targets) if (t !== key && editDistance(key, t, 1) <= 1) return t;
  }
  return null;
}

/**
 * Finds every registry mention in a tokenised post, longest pattern first at each position. Candidates of
 * all contests are found; which of them matter for the author is decided by the feature layer.
 */
export function matchMentions(reg: CompiledRegistry, tokens: readonly Token[]): Mention[] {
  const out: Mention[] = [];
  // Looked up once per post, not once per word (a WeakMap lookup per word showed in profiles).
  const cache = fuzzyCacheOf(reg);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'hashtag') {
      const exact = reg.hashtags.get(t.key);
      if (exact) out.push({ kind: 'hashtag', refs: exact.refs, from: i, to: i + 1, start: t.start, end: t.end });
      else {
        for (const part of reg.hashtagParts) {
          if (t.key.includes(part.key)) {
            out.push({ kind: 'hashtag_part', refs: part.refs, from: i, to: i + 1, start: t.start, end: t.end });
            break;
          }
        }
      }
      i++;
      continue;
    }
    if (t.kind === 'mention') {
      const ref = reg.handles.get(t.key);
      if (ref) out.push({ kind: 'handle', refs: [ref], from: i, to: i + 1, start: t.start, end: t.end });
      i++;
      continue;
    }
    if (t.kind !== 'word') {
      i++;
      continue;
    }
    const candidates = reg.patterns.get(t.key);
    let matched = false;
    if (candidates) {
      for (const p of candidates) {
        let ok = true;
        for (let k = 1; k < p.keys.length; k++) {
          const next = tokens[i + k];
          if (next?.kind !== 'word' || next.key !== p.keys[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const last = tokens[i + p.keys.length - 1]!;
        out.push({ kind: p.kind, refs: p.refs, from: i, to: i + p.keys.length, start: t.start, end: last.end });
        i += p.keys.length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const target = fuzzyLookup(reg, cache, t.key);
    if (target) {
      const p = reg.fuzzyTargets.get(target)!;
      out.push({ kind: 'fuzzy', refs: p.refs, from: i, to: i + 1, start: t.start, end: t.end });
    }
    i++;
  }
  return out;
}
