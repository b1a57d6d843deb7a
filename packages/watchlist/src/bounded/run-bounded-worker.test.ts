import { describe, expect, it } from 'vitest';
import { RegistryFileError } from '../registry/parse-registry.ts';
import { parseRegistryJsonBounded } from '../registry/parse-registry-bounded.ts';
import { boundedWorkerStats, MAX_BOUNDED_WORKERS, resetBoundedWorkerPeak } from './run-bounded-worker.ts';

describe('bounded worker threads', () => {
  it('run at most MAX_BOUNDED_WORKERS at once; the others wait their turn and are answered all the same', async () => {
    // Each of these may grow to 512 MiB: six concurrent uploads used to start six threads at once.
    const content = `{"contests":[${Array.from({ length: 20_000 }, () => '0').join(',')}]}`;
    resetBoundedWorkerPeak();
    const runs = Array.from({ length: 6 }, () => parseRegistryJsonBounded(content));
    expect(MAX_BOUNDED_WORKERS).toBe(2);
    expect(boundedWorkerStats().waiting).toBe(4);
    const results = await Promise.allSettled(runs);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(RegistryFileError);
    }
    expect(boundedWorkerStats()).toEqual({ running: 0, waiting: 0, peak: 2 });
  }, 60_000);

  it('frees its slot when a run fails, so later runs still start', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => parseRegistryJsonBounded('{"contests":[0]}', { timeoutMs: 1 })),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(boundedWorkerStats().running).toBe(0);
    await expect(parseRegistryJsonBounded('{"contests":[]}')).resolves.toEqual({ contests: [] });
  }, 60_000);
});
