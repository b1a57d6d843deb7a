import { describe, expect, it } from 'vitest';
import { regionDataSource, validateRegionCode } from './regions.ts';

describe('validateRegionCode', () => {
  it('knows provinces, regencies and districts from the vendored Kemendagri list', () => {
    expect(validateRegionCode('18')).toMatchObject({ ok: true, level: 'province', name: 'Lampung' });
    expect(validateRegionCode('18.11')).toMatchObject({ ok: true, level: 'regency', name: 'Kabupaten Mesuji' });
    expect(validateRegionCode('31.71')).toMatchObject({ ok: true, level: 'regency' });
    expect(validateRegionCode('18.11.01')).toMatchObject({ ok: true, level: 'district' });
    expect(validateRegionCode('18.11.01.2001')).toMatchObject({ ok: true, level: 'village' });
    expect(regionDataSource()).toMatch(/^idn-area-data@\d/);
  });

  it('reads codes written without dots', () => {
    expect(validateRegionCode('1811')).toMatchObject({ ok: true, code: '18.11' });
  });

  it('rejects unknown codes and says which level is missing', () => {
    expect(validateRegionCode('99')).toMatchObject({ ok: false, code: 'REGION_UNKNOWN' });
    expect(validateRegionCode('18.99')).toMatchObject({
      ok: false,
      code: 'REGION_UNKNOWN',
      message: expect.stringContaining('18.99'),
    });
    expect(validateRegionCode('18.11.99')).toMatchObject({
      ok: false,
      code: 'REGION_UNKNOWN',
      message: expect.stringContaining('kecamatan'),
    });
  });

  it('rejects malformed codes', () => {
    for (const bad of ['', 'Lampung', '18.1', '18-11', '1.8']) {
      expect(validateRegionCode(bad)).toMatchObject({ ok: false, code: 'REGION_INVALID_FORMAT' });
    }
  });
});
