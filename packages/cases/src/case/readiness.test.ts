import { describe, expect, it } from 'vitest';
import { formatCaseNumber, validateCaseNumberFormat } from './case-number.ts';
import { jurisdictionOf } from './jurisdiction.ts';
import { assertReady, missingFields, type ReadinessInput } from './readiness.ts';

const complete: ReadinessInput = {
  person: { name: 'Siti', nip: '198501032010012001', position: 'Guru', agency: 'Dinas', rankGrade: 'Penata, III/c' },
  items: [{ reviewItemId: 'i1', evidenceVerified: true, artefacts: 2 }],
  articles: ['pp94-2021-p5n'],
  behaviour: 'kampanye_medsos',
  track: 'disiplin_berat',
  violationType: 'peraturan_lainnya',
  foundAt: new Date(),
  officers: [{ name: 'Analis', position: 'Staf pengawasan', assignmentLetterNo: 'ST-1/2024' }],
  chronology: 'Kronologi',
  analysis: 'Analisis',
};

describe('required fields before a case moves on', () => {
  it('accepts a complete case', () => {
    expect(missingFields(complete)).toEqual([]);
  });

  it('names every missing field in Indonesian', () => {
    const issues = missingFields({
      ...complete,
      person: { ...complete.person!, rankGrade: null },
      items: [{ reviewItemId: 'i1', evidenceVerified: false, artefacts: 1 }],
      articles: [],
      officers: [{ name: 'Analis', position: null, assignmentLetterNo: '' }],
    });
    expect(issues.map((i) => i.field)).toEqual([
      'person.rank_grade',
      'items.i1.evidence_verified',
      'articles',
      'officers.0.position',
      'officers.0.assignment_letter_no',
    ]);
    expect(issues[0]!.message).toBe('Pangkat/golongan ASN wajib diisi');
    expect(() => assertReady({ ...complete, articles: [] })).toThrow(/Pasal yang diduga dilanggar belum dipilih/);
  });
});

describe('case number and office', () => {
  it('derives the office from the contest region', () => {
    expect(jurisdictionOf('18.11', 'Kabupaten Mesuji')).toEqual({
      level: 'kabupaten_kota',
      regionCode: '18.11',
      officeName: 'Bawaslu Kabupaten Mesuji',
    });
    expect(jurisdictionOf('18', 'Provinsi Lampung').officeName).toBe('Bawaslu Provinsi Lampung');
    expect(jurisdictionOf('RI', 'Indonesia').level).toBe('RI');
  });

  it('formats numbers in the office format and refuses a format without {seq}', () => {
    const jurisdiction = jurisdictionOf('18.11', 'Kabupaten Mesuji');
    expect(
      formatCaseNumber('{seq:3}/{type}/PM.01.02/{office}/{month:roman}/{year}', {
        seq: 7,
        type: 'temuan',
        jurisdiction,
        officeCodes: { '18.11': 'K.LA-11' },
        date: '2024-10-02',
      }),
    ).toBe('007/TM/PM.01.02/K.LA-11/X/2024');
    expect(
      formatCaseNumber('LP-{region}-{year}-{seq}', { seq: 12, type: 'laporan', jurisdiction, date: '2025-01-05' }),
    ).toBe('LP-18.11-2025-12');
    expect(() => validateCaseNumberFormat('{type}/{year}')).toThrow(/\{seq\}/);
    expect(() => validateCaseNumberFormat('{seq}/{bogus}')).toThrow(/bogus/);
  });
});
