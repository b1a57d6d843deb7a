import { NetraError } from '@netra/core';
import type { CaseTypeCode } from './case-lists.ts';
import type { Jurisdiction } from './jurisdiction.ts';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export const DEFAULT_CASE_NUMBER_FORMAT = '{seq:3}/{type}/PM.01.02/{office}/{month:roman}/{year}';

export interface CaseNumberParts {
  seq: number;
  type: CaseTypeCode;
  jurisdiction: Jurisdiction;
  /** Office codes by region code (`18.11` → `K.LA-11`); absent: the region code itself. */
  officeCodes?: Record<string, string> | undefined;
  /** Local date of registration (`YYYY-MM-DD`). */
  date: string;
}

const TOKENS = /\{(seq(?::\d)?|type|office|region|month(?::roman)?|year)\}/g;

/** Checks an office's numbering format: it must contain `{seq}` so numbers are unique. */
export function validateCaseNumberFormat(format: string): string {
  if (!/\{seq(?::\d)?\}/.test(format)) {
    throw new NetraError('CASE_NUMBER_FORMAT_INVALID', 'format nomor kasus harus memuat {seq} / must contain {seq}', {
      field: 'CASE_NUMBER_FORMAT',
    });
  }
  const unknown = format.replace(TOKENS, '').match(/\{[^}]*\}/);
  if (unknown) {
    throw new NetraError('CASE_NUMBER_FORMAT_INVALID', `token tidak dikenal ${unknown[0]} / unknown token`, {
      field: 'CASE_NUMBER_FORMAT',
    });
  }
  return format;
}

/**
 * A case number in the office's format, e.g. `007/TM/PM.01.02/K.LA-11/X/2024` (Form A numbers run
 * `…/LHP/PM.01.0x/…/year`). `{type}` is TM for a temuan, LP for a laporan.
 */
export function formatCaseNumber(format: string, parts: CaseNumberParts): string {
  const [year, month] = parts.date.split('-');
  const office = parts.officeCodes?.[parts.jurisdiction.regionCode] ?? parts.jurisdiction.regionCode;
  return format.replace(TOKENS, (_m, token: string) => {
    if (token.startsWith('seq')) return String(parts.seq).padStart(Number(token.split(':')[1] ?? 1), '0');
    if (token === 'type') return parts.type === 'temuan' ? 'TM' : 'LP';
    if (token === 'office') return office;
    if (token === 'region') return parts.jurisdiction.regionCode;
    if (token === 'month:roman') return ROMAN[Number(month) - 1] ?? '';
    if (token === 'month') return month ?? '';
    return year ?? '';
  });
}
