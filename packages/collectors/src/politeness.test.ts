import { describe, expect, it } from 'vitest';
import { Politeness } from './politeness.ts';

describe('Politeness', () => {
  it('runs at most the platform limit of crawls at once, other platforms unaffected', async () => {
    const p = new Politeness({ concurrency: { facebook: 2 }, defaultConcurrency: 5 });
    let running = 0;
    let peak = 0;
    let otherPeak = 0;
    let other = 0;
    const task = (platform: 'facebook' | 'bluesky') =>
      p.slot(platform, async () => {
        if (platform === 'facebook') peak = Math.max(peak, ++running);
        else otherPeak = Math.max(otherPeak, ++other);
        await new Promise((r) => setTimeout(r, 20));
        if (platform === 'facebook') running--;
        else other--;
      });
    await Promise.all([
      ...Array.from({ length: 6 }, () => task('facebook')),
      ...Array.from({ length: 4 }, () => task('bluesky')),
    ]);
    expect(peak).toBe(2);
    expect(otherPeak).toBe(4);
  });

  it('spaces requests to one platform by the minimum delay plus jitter, across callers', async () => {
    const p = new Politeness({
      minDelayMs: 60,
      jitterMs: 40,
      random: () => 0.5,
      delayMs: { telegram: 0 },
      jitter: { telegram: 0 },
    });
    const times: number[] = [];
    const start = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => p.pace('bluesky').then(() => times.push(Date.now()))));
    times.sort((a, b) => a - b);
    // Each caller reserved its own slot, 60 + 0.5 × 40 = 80 ms after the previous one's, and never starts before
    // it (1 ms for the clocks' rounding). The gap between two wake-ups is not checked: a caller the loaded
    // machine wakes late shortens the gap to the next one (a 72 ms gap failed the old `≥ 75` check under load).
    for (let i = 0; i < times.length; i++) expect(times[i]! - start).toBeGreaterThanOrEqual(i * 80 - 1);
    // A platform without a gap is not paced at all: its calls settle before the next turn of the event loop,
    // i.e. no timer was set. (Was a wall-clock bound of 30 ms, which a loaded machine can miss by itself.)
    const unpaced = Promise.all([p.pace('telegram'), p.pace('telegram'), p.pace('telegram')]).then(() => 'paced');
    const nextTurn = new Promise((r) => setImmediate(() => r('waited for a timer')));
    expect(await Promise.race([unpaced, nextTurn])).toBe('paced');
  });

  it('has a kill switch per platform', () => {
    const p = new Politeness({ disabled: ['tiktok'] });
    expect(p.isDisabled('tiktok')).toBe(true);
    expect(p.isDisabled('x')).toBe(false);
  });
});
