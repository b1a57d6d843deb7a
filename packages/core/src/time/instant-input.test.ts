import { describe, expect, it } from 'vitest';
import { parseInstantInput } from './instant-input.ts';

const now = new Date('2026-11-29T12:00:00Z');

/** [what is typed, the zone it was typed in (if the form knows it), the instant or the refusal's code] */
type Case = [text: string, zone: 'WIB' | 'WITA' | 'WIT' | undefined, expected: string];

const CASES: Record<string, Case[]> = {
  'reads an offset, Z or an Indonesian zone name': [
    ['2024-10-02T09:00+07:00', undefined, '2024-10-02T02:00:00.000Z'],
    ['2024-10-02T09:00:30.5Z', undefined, '2024-10-02T09:00:30.500Z'],
    ['2024-10-02 09:00 WITA', undefined, '2024-10-02T01:00:00.000Z'],
    ['2024-10-02T09:00+0900', undefined, '2024-10-02T00:00:00.000Z'],
    // What the case page writes back into its own fields.
    ['2024-10-02T02:00Z', undefined, '2024-10-02T02:00:00.000Z'],
  ],
  'reads a zone-less time in the zone it was typed in, never in the server process zone': [
    ['2024-10-02T09:00', 'WIB', '2024-10-02T02:00:00.000Z'],
    ['2024-10-02T09:00', 'WIT', '2024-10-02T00:00:00.000Z'],
    // 23:30 WIT on 31 December is still 2024 in Papua although it is 14:30 UTC.
    ['2024-12-31T23:30', 'WIT', '2024-12-31T14:30:00.000Z'],
    ['2024-10-02T09:00', undefined, 'INSTANT_ZONE_MISSING'],
  ],
  'refuses dates the calendar does not have instead of rolling them over': [
    ['2024-02-30T09:00+07:00', undefined, 'INSTANT_INVALID'],
    ['2023-02-29T09:00+07:00', undefined, 'INSTANT_INVALID'],
    ['2024-02-29T09:00+07:00', undefined, '2024-02-29T02:00:00.000Z'],
    ['2024-10-02T24:00:00Z', undefined, 'INSTANT_INVALID'],
    ['2024-13-01T09:00Z', undefined, 'INSTANT_INVALID'],
    ['2024-10-02T09:00+15:00', undefined, 'INSTANT_INVALID'],
  ],
  'refuses other shapes: date only, epoch numbers, expanded years': [
    ['2024-10-02', 'WIB', 'INSTANT_INVALID'],
    ['1727830800000', undefined, 'INSTANT_INVALID'],
    ['+275760-09-13T00:00:00.000Z', undefined, 'INSTANT_INVALID'],
    ['-001000-01-01T00:00:00Z', undefined, 'INSTANT_INVALID'],
    ['true', undefined, 'INSTANT_INVALID'],
  ],
  'refuses years before 2000 and times in the future past a few minutes of clock skew': [
    ['1999-12-31T23:59Z', undefined, 'INSTANT_OUT_OF_RANGE'],
    ['0224-10-02T09:00+07:00', undefined, 'INSTANT_OUT_OF_RANGE'],
    ['9999-12-31T23:59:59Z', undefined, 'INSTANT_OUT_OF_RANGE'],
    ['2026-11-29T12:05Z', undefined, '2026-11-29T12:05:00.000Z'],
    ['2026-11-29T12:11Z', undefined, 'INSTANT_OUT_OF_RANGE'],
  ],
};

describe('parseInstantInput', () => {
  for (const [title, cases] of Object.entries(CASES)) {
    it(title, () => {
      for (const [text, zone, expected] of cases) {
        const result = parseInstantInput(text, { now, zone });
        expect(result.ok ? result.at.toISOString() : result.code, `${text} ${zone ?? ''}`).toBe(expected);
      }
    });
  }
});
