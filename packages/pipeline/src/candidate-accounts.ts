import { candidateRef, type Registry } from '@netra/core';

/**
 * `<platform>:<handle>` of every official campaign account → its candidate, so a collector can mark a
 * comment as a reply to a candidate (SKB: interacting with a candidate's account).
 */
export function candidateAccountsOf(registry: Registry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const contest of registry.contests) {
    for (const candidate of contest.candidates) {
      for (const account of candidate.officialAccounts) {
        out[`${account.platform}:${account.handle.replace(/^@/, '').toLowerCase()}`] = candidateRef(
          contest.id,
          candidate.number,
        );
      }
    }
  }
  return out;
}
