/** Which Bawaslu office owns a case, from the contest's region code (Kemendagri `PP`, `PP.KK`). */
export type OfficeLevel = 'RI' | 'provinsi' | 'kabupaten_kota';

export interface Jurisdiction {
  level: OfficeLevel;
  regionCode: string;
  /** `Bawaslu Kabupaten Mesuji` */
  officeName: string;
}

const LEVEL_LABEL: Record<OfficeLevel, string> = {
  RI: 'Bawaslu RI',
  provinsi: 'Bawaslu Provinsi',
  kabupaten_kota: 'Bawaslu',
};

/**
 * A national contest (region `RI`/`00`/empty) belongs to Bawaslu RI, a provincial one (`18`) to the
 * provincial Bawaslu, a regency/city one (`18.11`) to the Bawaslu of that regency or city.
 */
export function jurisdictionOf(regionCode: string, regionName: string): Jurisdiction {
  const code = regionCode.trim();
  if (code === '' || code === 'RI' || code === '00') return { level: 'RI', regionCode: 'RI', officeName: 'Bawaslu RI' };
  const parts = code.split('.');
  if (parts.length === 1) {
    return { level: 'provinsi', regionCode: code, officeName: `${LEVEL_LABEL.provinsi} ${stripPrefix(regionName)}` };
  }
  return { level: 'kabupaten_kota', regionCode: parts.slice(0, 2).join('.'), officeName: `Bawaslu ${regionName}` };
}

function stripPrefix(name: string): string {
  return name.replace(/^Provinsi\s+/i, '');
}
