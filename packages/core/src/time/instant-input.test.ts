import { describe, expect, it } from 'vitest';
import { parseInstantInput } from './instant-input.ts';

const now = new Date('2026-11-29T12:00:00Z');
const at = (text: string, zone?: 'WIB' | 'WITA' | 'WIT') => {
  const result = parseInstantInput(text, { now, zone });
  return result.ok ? result.at.toISOString() : result.code;
};

describe('parseInstantInput', () => {
  it('reads an offset, Z or an Indonesian zone name', () => {
    expect(at('2024-10-02T09:00+07:00')).toBe('2024-10-02T02:00:00.000Z');
    expect(at('2024-10-02T09:00:30.5Z')).toBe('2024-10-02T09:00:30.500Z');
    expect(at('2024-10-02 09:00 WITA')).toBe('2024-10-02T01:00:00.000Z');
    expect(at('2024-10-02T09:00+0900')).toBe('2024-10-02T00:00:00.000Z');
    // What the case page writes back into its own fields.
    expect(at('2024-10-02T02:00Z')).toBe('2024-10-02T02:00:00.000Z');
  });

  it('reads a time without a zone in the zone it was typed in, never in the server process zone', () => {
    expect(at('2024-10-02T09:00', 'WIB')).toBe('2024-10-02T02:00:00.000Z');
    expect(at('2024-10-02T09:00', 'WIT')).toBe('2024-10-02T00:00:00.000Z');
    // 23:30 WIT on 31 December is still 2024 in Papua although it is 14:30 UTC.
    expect(at('2024-12-31T23:30', 'WIT')).toBe('2024-12-31T14:30:00.000Z');
    expect(at('2024-10-02T09:00')).toBe('INSTANT_ZONE_MISSING');
  });

  it('refuses dates the calendar does not have instead of rolling them over', () => {
    expect(at('2024-02-30T09:00+07:00')).toBe('INSTANT_INVALID');
    expect(at('2023-02-29T09:00+07:00')).toBe('INSTANT_INVALID');
    expect(at('2024-02-29T09:00+07:00')).toBe('2024-02-29T02:00:00.000Z');
    expect(at('2024-10-02T24:00:00Z')).toBe('INSTANT_INVALID');
    expect(at('2024-13-01T09:00Z')).toBe('INSTANT_INVALID');
    expect(at('2024-10-02T09:00+15:00')).toBe('INSTANT_INVALID');
  });

  it('refuses other shapes: date only, epoch numbers, expanded years', () => {
    for (const text of [
      '2024-10-02',
      '1727830800000',
      '+275760-09-13T00:00:00.000Z',
      '-001000-01-01T00:00:00Z',
      'true',
    ]) {
      expect(at(text), text).toBe('INSTANT_INVALID');
    }
  });

  it('refuses years before 2000 and times in the future past a few minutes of clock skew', () => {
    expect(at('1999-12-31T23:59Z')).toBe('INSTANT_OUT_OF_RANGE');
    expect(at('0224-10-02T09:00+07:00')).toBe('INSTANT_OUT_OF_RANGE');
    expect(at('9999-12-31T23:59:59Z')).toBe('INSTANT_OUT_OF_RANGE');
    expect(at('2026-11-29T12:05Z')).toBe('2026-11-29T12:05:00.000Z');
    expect(at('2026-11-29T12:11Z')).toBe('INSTANT_OUT_OF_RANGE');
  });
});
