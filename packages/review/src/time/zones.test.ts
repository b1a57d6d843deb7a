import { describe, expect, it } from 'vitest';
import { formatInZone, zoneForRegion } from './zones.ts';

describe('Indonesian time zones', () => {
  it('picks the zone of the region', () => {
    expect(zoneForRegion('18.11').name).toBe('WIB');
    expect(zoneForRegion('61.01').name).toBe('WIB');
    expect(zoneForRegion('73.71').name).toBe('WITA');
    expect(zoneForRegion('64').name).toBe('WITA');
    expect(zoneForRegion('94.71.01').name).toBe('WIT');
    expect(zoneForRegion(null).name).toBe('WIB');
  });

  it('writes the same instant in each zone with the zone named', () => {
    const at = new Date('2024-10-01T19:16:00Z');
    expect(formatInZone(at, zoneForRegion('18.11'), 'id')).toBe('02 Okt 2024 02.16 WIB');
    expect(formatInZone(at, zoneForRegion('73.71'), 'id')).toBe('02 Okt 2024 03.16 WITA');
    expect(formatInZone(at, zoneForRegion('94.71'), 'en')).toBe('02 Oct 2024 04:16 WIT');
  });
});
