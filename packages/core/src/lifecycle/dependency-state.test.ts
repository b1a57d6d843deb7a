import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DependencyState } from './dependency-state.ts';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('DependencyState', () => {
  it('logs one line per change of state however many failures are reported', async () => {
    const { logger, lines } = memoryLogger();
    let up = false;
    const state = new DependencyState('postgres', logger, {
      probe: async () => {
        if (!up) throw new Error('ECONNREFUSED');
      },
      probeIntervalMs: 10,
    });
    for (let i = 0; i < 50; i++) state.failed(new Error('connect ECONNREFUSED'));
    expect(state.available).toBe(false);
    up = true;
    await state.waitUntilAvailable(10_000);
    expect(state.available).toBe(true);
    state.recovered();
    state.close();
    expect(lines.map((l) => [l.dependency, l.state])).toEqual([
      ['postgres', 'unavailable'],
      ['postgres', 'available'],
    ]);
  });
});
