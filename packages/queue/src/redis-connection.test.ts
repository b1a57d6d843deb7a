import { DependencyState, type Logger } from '@netra/core';
import { describe, expect, it, vi } from 'vitest';
import { freePort } from './private-redis.ts';
import { createRedisConnection } from './redis-connection.ts';

describe('Redis connections', () => {
  it('every connection and each duplicate handles its errors: no raw stack trace, one log line', async () => {
    const lines: Record<string, unknown>[] = [];
    const record = (fields: Record<string, unknown>) => lines.push(fields);
    const logger = { warn: record, info: record, error: record } as unknown as Logger;
    const state = new DependencyState('redis', logger);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Nothing listens on this port: every connect attempt fails, as while Redis restarts.
    const url = `redis://127.0.0.1:${await freePort()}`;
    const connection = createRedisConnection({ url, forWorker: true, state });
    const duplicate = connection.duplicate();
    try {
      // Counted by reconnect attempts: an extra 'error' listener here would hide the defect under test.
      const errors = { main: 0, dup: 0 };
      connection.on('reconnecting', () => errors.main++);
      duplicate.on('reconnecting', () => errors.dup++);
      const deadline = Date.now() + 30_000;
      while ((errors.main < 3 || errors.dup < 3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(errors.main).toBeGreaterThanOrEqual(3);
      expect(errors.dup).toBeGreaterThanOrEqual(3);
      const unhandled = printed.mock.calls.filter((c) => String(c[0]).includes('Unhandled error event'));
      expect(unhandled).toEqual([]);
      expect(lines.filter((l) => l.state === 'unavailable')).toHaveLength(1);
      expect(state.available).toBe(false);
    } finally {
      printed.mockRestore();
      connection.disconnect();
      duplicate.disconnect();
      state.close();
    }
  });
});
