import { isReverseCrawlPlatform, type ReverseCrawlPlatform } from '@netra/collectors';
import { candidateRef, type Registry } from '@netra/core';

/** The registry's official accounts on platforms whose reply threads are public (the reverse crawl's list). */
export function reverseCrawlAccountsOf(
  registry: Registry,
): { platform: ReverseCrawlPlatform; handle: string; candidate: string }[] {
  const out = new Map<string, { platform: ReverseCrawlPlatform; handle: string; candidate: string }>();
  for (const contest of registry.contests) {
    for (const candidate of contest.candidates) {
      for (const account of candidate.officialAccounts) {
        if (!isReverseCrawlPlatform(account.platform)) continue;
        const handle = account.handle.replace(/^@/, '');
        out.set(`${account.platform}:${handle.toLowerCase()}`, {
          platform: account.platform,
          handle,
          candidate: candidateRef(contest.id, candidate.number),
        });
      }
    }
  }
  return [...out.values()];
}
