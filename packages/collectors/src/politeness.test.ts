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
    await Promise.all(Array.from({ length: 4 }, () => p.pace('bluesky').then(() => times.push(Date.now()))));
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(75);
    const t0 = Date.now();
    await Promise.all([p.pace('telegram'), p.pace('telegram'), p.pace('telegram')]);
    expect(Date.now() - t0).toBeLessThan(30);
  });

  it('has a kill switch per platform', () => {
    const p = new Politeness({ disabled: ['tiktok'] });
    expect(p.isDisabled('tiktok')).toBe(true);
    expect(p.isDisabled('x')).toBe(false);
  });
});
