import { readFileSync } from 'node:fs';

interface RegionData {
  source: string;
  provinces: Record<string, string>;
  regencies: Record<string, string>;
  districts: Record<string, string>;
}

let data: RegionData | undefined;

function load(): RegionData {
  data ??= JSON.parse(readFileSync(new URL('../../data/regions.json', import.meta.url), 'utf8')) as RegionData;
  return data;
}

/** Which npm package and version the vendored region list was taken from. */
export function regionDataSource(): string {
  return load().source;
}

export type RegionResult =
  | { ok: true; code: string; level: 'province' | 'regency' | 'district' | 'village'; name: string }
  | { ok: false; code: 'REGION_INVALID_FORMAT' | 'REGION_UNKNOWN'; message: string };

/**
 * Checks a Kemendagri region code against the maintained region list: `18` (province), `18.11`
 * (regency/city), `18.11.01` (district). A village code (`18.11.01.2001`) is accepted when its district exists;
 * villages are not vendored. `1811` is read as `18.11`.
 */
export function validateRegionCode(input: string): RegionResult {
  let code = input.trim();
  if (/^\d{4}$/.test(code)) code = `${code.slice(0, 2)}.${code.slice(2)}`;
  else if (/^\d{6}$/.test(code)) code = `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4)}`;
  if (!/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code)) {
    return {
      ok: false,
      code: 'REGION_INVALID_FORMAT',
      message: `kode wilayah "${input}" tidak berformat Kemendagri (contoh: 18 atau 18.11)`,
    };
  }
  const regions = load();
  const parts = code.split('.');
  const province = regions.provinces[parts[0]!];
  if (!province) return { ok: false, code: 'REGION_UNKNOWN', message: `provinsi dengan kode ${parts[0]} tidak ada` };
  if (parts.length === 1) return { ok: true, code, level: 'province', name: province };
  const regencyCode = parts.slice(0, 2).join('.');
  const regency = regions.regencies[regencyCode];
  if (!regency) {
    return { ok: false, code: 'REGION_UNKNOWN', message: `kabupaten/kota dengan kode ${regencyCode} tidak ada` };
  }
  if (parts.length === 2) return { ok: true, code, level: 'regency', name: regency };
  const districtCode = parts.slice(0, 3).join('.');
  const district = regions.districts[districtCode];
  if (!district)
    return { ok: false, code: 'REGION_UNKNOWN', message: `kecamatan dengan kode ${districtCode} tidak ada` };
  if (parts.length === 3) return { ok: true, code, level: 'district', name: district };
  return { ok: true, code, level: 'village', name: `${district} (desa/kelurahan ${parts[3]})` };
}

/** Name of a known region code, or undefined. */
export function regionName(code: string): string | undefined {
  const result = validateRegionCode(code);
  return result.ok ? result.name : undefined;
}

function regionKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\bkab\b\.?|\bkabupaten\b/g, 'kabupaten ')
    .replace(/\bprov\b\.?|\bprovinsi\b/g, '')
    .replace(/\bdki\b|\bdi\b(?= yogyakarta)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

let byName: Map<string, string[]> | undefined;

/**
 * A province or regency/city written by name, as agencies often do ("Kota Bandar Lampung", "Kab. Lampung
 * Selatan", "Provinsi Lampung", or "18.71 - Kota Bandar Lampung"). A bare regency name that is both a
 * kabupaten and a kota (e.g. "Bekasi") is ambiguous and not resolved.
 */
export function resolveRegion(input: string): RegionResult {
  const direct = validateRegionCode(input);
  if (direct.ok) return direct;
  const codeFirst = /^\s*(\d{2}(?:\.?\d{2}){0,2})\s*[-–:]\s*\S/.exec(input);
  if (codeFirst) return validateRegionCode(codeFirst[1]!);
  if (!/[a-z]/i.test(input)) return direct;
  if (!byName) {
    byName = new Map();
    const add = (key: string, code: string) => byName!.set(key, [...(byName!.get(key) ?? []), code]);
    const regions = load();
    for (const [code, name] of Object.entries(regions.provinces)) add(regionKey(name), code);
    for (const [code, name] of Object.entries(regions.regencies)) {
      add(regionKey(name), code);
      // "Lampung Selatan" alone for "Kabupaten Lampung Selatan".
      add(regionKey(name).replace(/^kabupaten |^kota /, ''), code);
    }
  }
  const codes = [...new Set(byName.get(regionKey(input)) ?? [])];
  if (codes.length === 1) return validateRegionCode(codes[0]!);
  return {
    ok: false,
    code: direct.code,
    message:
      codes.length > 1
        ? `wilayah "${input}" ambigu (${codes.join(', ')}); tulis "Kota …" atau "Kabupaten …", atau kode Kemendagri`
        : `wilayah "${input}" tidak dikenal; tulis kode Kemendagri (contoh: 18.71) atau nama kabupaten/kota lengkap`,
  };
}
