import { readFileSync } from 'node:fs';
import type { Registry } from '@netra/core';
import { parseRegistryJson } from '@netra/watchlist';
import { officialAccounts } from '../content/parents.ts';

const REGISTRY_FILE = new URL('../../../../data/corpus/elections.json', import.meta.url);

/**
 * The fictional registry of the corpus, plus the candidates' official accounts on the demo platform, so
 * replies to those accounts are recognised as interaction with a candidate.
 */
export function demoRegistry(): Registry {
  const registry = parseRegistryJson(readFileSync(REGISTRY_FILE, 'utf8'));
  const byCandidate = new Map<
    string,
    { platform: 'facebook' | 'instagram' | 'tiktok' | 'x' | 'youtube'; handle: string }[]
  >();
  for (const [platform, accounts] of Object.entries(officialAccounts)) {
    for (const account of Object.values(accounts)) {
      const list = byCandidate.get(account.candidate) ?? [];
      list.push({ platform: platform as 'facebook', handle: account.handle });
      byCandidate.set(account.candidate, list);
    }
  }
  return {
    contests: registry.contests.map((contest) => ({
      ...contest,
      candidates: contest.candidates.map((c) => ({
        ...c,
        officialAccounts: [...c.officialAccounts, ...(byCandidate.get(`${contest.id}#${c.number}`) ?? [])],
      })),
    })),
  };
}
