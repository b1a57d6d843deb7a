import { describe, expect, it } from 'vitest';
import { parseDayLabel, parseRelativeTime } from './time.ts';

const now = new Date('2024-11-24T05:00:00.000Z');

describe('time labels', () => {
  it('parses Indonesian relative times against the fetch time', () => {
    expect(parseRelativeTime('2 minggu yang lalu', now)?.toISOString()).toBe('2024-11-10T05:00:00.000Z');
    expect(parseRelativeTime('3 hari', now)?.toISOString()).toBe('2024-11-21T05:00:00.000Z');
    expect(parseRelativeTime('5 jam lalu', now)?.toISOString()).toBe('2024-11-24T00:00:00.000Z');
    expect(parseRelativeTime('kemarin', now)?.toISOString()).toBe('2024-11-23T05:00:00.000Z');
    expect(parseRelativeTime('2 Okt pukul 19.30', now)).toBeNull();
  });

  it('reads TikTok day labels as midnight Western Indonesia Time', () => {
    expect(parseDayLabel('2024-10-2')?.toISOString()).toBe('2024-10-01T17:00:00.000Z');
    expect(parseDayLabel('2 hari yang lalu')).toBeNull();
  });
});
