import { describe, expect, it } from 'vitest';
import { loadClassifierConfig } from './config.ts';

/** Hostile environment values (docs/security.md, "Fourth attack, 2026-11-29"). */
describe('classifier configuration', () => {
  it('refuses timer settings longer than a Node timer holds, naming the variable and the limit', () => {
    // A stalled-job check every 3e9 ms became one every 1 ms (Node's TimeoutOverflowWarning), hammering Redis.
    for (const variable of ['CLASSIFIER_STALLED_CHECK_MS', 'CLASSIFIER_BATCH_WAIT_MS', 'CLASSIFIER_LOCK_MS']) {
      expect(() => loadClassifierConfig({ [variable]: '1e12' }), variable).toThrow(/2147483647/);
    }
    expect(loadClassifierConfig({ CLASSIFIER_STALLED_CHECK_MS: '30000' }).CLASSIFIER_STALLED_CHECK_MS).toBe(30_000);
  });
});
