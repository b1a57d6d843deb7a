import { ValidationError } from '@netra/core';

/**
 * NIP (Nomor Induk Pegawai) of a civil servant: 18 digits —
 * `yyyymmdd` birth date, `yyyymm` appointment (TMT CPNS), `1|2` gender, `001`–`999` sequence.
 * PPPK (contract civil servants) carry `21` in the appointment-month place instead of a month.
 */
export type NipErrorCode =
  | 'NIP_INVALID_LENGTH'
  | 'NIP_INVALID_BIRTH_DATE'
  | 'NIP_INVALID_APPOINTMENT'
  | 'NIP_INVALID_GENDER'
  | 'NIP_INVALID_SEQUENCE'
  | 'NIP_EXCEL_NUMBER';

export type NipPart = 'whole' | 'birthDate' | 'appointment' | 'gender' | 'sequence';

export interface NipParts {
  birthDate: string;
  appointment: string;
  gender: 'male' | 'female';
  sequence: number;
  pppk: boolean;
}

export type NipResult =
  | { ok: true; nip: string; parts: NipParts }
  | { ok: false; code: NipErrorCode; part: NipPart; message: string };

/** Youngest age at appointment accepted (CPNS applicants must be at least 18). */
const MIN_AGE_MONTHS = 18 * 12;

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Removes what people and Excel put around and inside NIPs: the leading apostrophe that makes a cell text
 * (`'197805…`), an `="…"` text formula, spaces (also non-breaking and thin), and separators typed or shown
 * as thousands groups (`19780512 200501 1 003`, `197.805.122.005.011.003`, `197,805,122,005,011,003`).
 */
export function normaliseNip(input: string): string {
  let s = input.trim();
  const formula = /^=\s*"(.*)"$/.exec(s);
  if (formula) s = formula[1]!;
  return s.replace(/^['\u2018\u2019`]+/, '').replace(/[\s\u00a0\u2007\u202f\u200b\ufeff.,_\-\u2010-\u2015]/g, '');
}

/** `1,97606E+17`, `1.97806122005011E17`: a NIP Excel has already turned into a rounded number. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?\s*[eE]\s*[+-]?\d+$/;

/**
 * Checks the structure of a NIP and says which part is wrong.
 *
 * @example
 * validateNip('197805122005011003') // { ok: true, parts: { birthDate: '1978-05-12', appointment: '2005-01', … } }
 * validateNip('197813122005011003') // { ok: false, code: 'NIP_INVALID_BIRTH_DATE', part: 'birthDate', … }
 */
export function validateNip(input: string, now: Date = new Date()): NipResult {
  const trimmed = input
    .trim()
    .replace(/^['\u2018\u2019]+/, '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();
  if (SCIENTIFIC.test(trimmed)) {
    return {
      ok: false,
      code: 'NIP_EXCEL_NUMBER',
      part: 'whole',
      message: `NIP tertulis ${trimmed}: Excel mengubah NIP menjadi angka dan membulatkannya, sehingga digit terakhir hilang. Ubah format kolom NIP menjadi Teks (klik kanan → Format Cells → Text), lalu ketik ulang NIP lengkap 18 angka (atau awali dengan tanda petik ', mis. '197805122005011003)`,
    };
  }
  const nip = normaliseNip(input);
  if (!/^\d{18}$/.test(nip)) {
    const digits = nip.replace(/\D/g, '').length;
    const other = [...new Set(nip.replace(/\d/g, ''))].join(' ');
    return {
      ok: false,
      code: 'NIP_INVALID_LENGTH',
      part: 'whole',
      message: other
        ? `NIP harus 18 angka saja; "${input.trim()}" memuat tanda lain (${other}) — hapus tanda itu dan tulis 18 angkanya`
        : digits === 0
          ? 'NIP wajib diisi: 18 angka'
          : `NIP harus 18 angka, tertulis ${digits} angka — ${digits < 18 ? `kurang ${18 - digits}` : `lebih ${digits - 18}`}; periksa dengan SK/kartu pegawai`,
    };
  }
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const nowYear = now.getUTCFullYear();
  const nowMonth = now.getUTCMonth() + 1;
  if (by < 1900 || !validDate(by, bm, bd) || Date.UTC(by, bm - 1, bd) > now.getTime()) {
    return {
      ok: false,
      code: 'NIP_INVALID_BIRTH_DATE',
      part: 'birthDate',
      message: `tanggal lahir pada NIP (angka 1–8: ${nip.slice(0, 8)}) bukan tanggal yang sah (tttt-bb-hh); periksa NIP dengan SK/kartu pegawai`,
    };
  }
  const ay = Number(nip.slice(8, 12));
  const amRaw = Number(nip.slice(12, 14));
  const pppk = amRaw === 21;
  const am = pppk ? 1 : amRaw;
  const monthsAfterBirth = ay * 12 + am - (by * 12 + bm);
  if (am < 1 || am > 12 || ay * 12 + am > nowYear * 12 + nowMonth || monthsAfterBirth < MIN_AGE_MONTHS) {
    const digits = nip.slice(8, 14);
    const why =
      am < 1 || am > 12
        ? `bulan ${nip.slice(12, 14)} tidak ada (harus 01–12, atau 21 untuk PPPK)`
        : monthsAfterBirth < MIN_AGE_MONTHS
          ? `${ay}-${nip.slice(12, 14)} sebelum pemiliknya berusia 18 tahun`
          : `${ay}-${nip.slice(12, 14)} masih di masa depan`;
    return {
      ok: false,
      code: 'NIP_INVALID_APPOINTMENT',
      part: 'appointment',
      message: `TMT pengangkatan pada NIP (angka 9–14: ${digits}) tidak sah: ${why}; periksa NIP dengan SK pengangkatan`,
    };
  }
  const g = nip[14];
  if (g !== '1' && g !== '2') {
    return {
      ok: false,
      code: 'NIP_INVALID_GENDER',
      part: 'gender',
      message: `kode jenis kelamin pada NIP (angka 15: ${g}) harus 1 atau 2`,
    };
  }
  const sequence = Number(nip.slice(15, 18));
  if (sequence < 1) {
    return {
      ok: false,
      code: 'NIP_INVALID_SEQUENCE',
      part: 'sequence',
      message: `nomor urut pada NIP (angka 16–18: ${nip.slice(15)}) harus 001–999${nip.endsWith('000') ? '; bila angka terakhir berubah menjadi 000, Excel telah membulatkan NIP: ubah format kolom NIP menjadi Teks lalu ketik ulang NIP lengkap' : ''}`,
    };
  }
  return {
    ok: true,
    nip,
    parts: {
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      appointment: `${nip.slice(8, 12)}-${pppk ? '21' : nip.slice(12, 14)}`,
      gender: g === '1' ? 'male' : 'female',
      sequence,
      pppk,
    },
  };
}

/** Like `validateNip` but throws a ValidationError (field `nip`) carrying the part's code. */
export function assertNip(input: string, now?: Date): string {
  const result = validateNip(input, now);
  if (!result.ok) throw new ValidationError(result.code, [{ field: 'nip', message: result.message }]);
  return result.nip;
}
