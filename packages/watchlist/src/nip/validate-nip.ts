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
  | 'NIP_INVALID_SEQUENCE';

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

/** Removes spaces, dots and dashes people type into NIPs (`19780512 200501 1 003`). */
export function normaliseNip(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

/**
 * Checks the structure of a NIP and says which part is wrong.
 *
 * @example
 * validateNip('197805122005011003') // { ok: true, parts: { birthDate: '1978-05-12', appointment: '2005-01', … } }
 * validateNip('197813122005011003') // { ok: false, code: 'NIP_INVALID_BIRTH_DATE', part: 'birthDate', … }
 */
export function validateNip(input: string, now: Date = new Date()): NipResult {
  const nip = normaliseNip(input);
  if (!/^\d{18}$/.test(nip)) {
    return {
      ok: false,
      code: 'NIP_INVALID_LENGTH',
      part: 'whole',
      message: `NIP harus 18 angka (tertulis ${nip.length} karakter${/\D/.test(nip) ? ', ada yang bukan angka' : ''})`,
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
      message: `tanggal lahir pada NIP (angka 1–8: ${nip.slice(0, 8)}) bukan tanggal yang sah`,
    };
  }
  const ay = Number(nip.slice(8, 12));
  const amRaw = Number(nip.slice(12, 14));
  const pppk = amRaw === 21;
  const am = pppk ? 1 : amRaw;
  const monthsAfterBirth = ay * 12 + am - (by * 12 + bm);
  if (am < 1 || am > 12 || ay * 12 + am > nowYear * 12 + nowMonth || monthsAfterBirth < MIN_AGE_MONTHS) {
    const why =
      am < 1 || am > 12
        ? 'bulan tidak sah'
        : monthsAfterBirth < MIN_AGE_MONTHS
          ? 'sebelum usia 18 tahun'
          : 'di masa depan';
    return {
      ok: false,
      code: 'NIP_INVALID_APPOINTMENT',
      part: 'appointment',
      message: `TMT pengangkatan pada NIP (angka 9–14: ${nip.slice(8, 14)}) tidak sah: ${why}`,
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
      message: `nomor urut pada NIP (angka 16–18: ${nip.slice(15)}) harus 001–999`,
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
