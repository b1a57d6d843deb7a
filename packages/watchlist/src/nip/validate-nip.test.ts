import { describe, expect, it } from 'vitest';
import { assertNip, validateNip } from './validate-nip.ts';

const NOW = new Date('2024-10-01T00:00:00Z');

describe('validateNip', () => {
  it('accepts a well-formed NIP and splits it into its parts', () => {
    const r = validateNip('197805122005011003', NOW);
    expect(r).toEqual({
      ok: true,
      nip: '197805122005011003',
      parts: { birthDate: '1978-05-12', appointment: '2005-01', gender: 'male', sequence: 3, pppk: false },
    });
  });

  it('ignores the spaces people type between the parts', () => {
    expect(validateNip('19890318 201403 2 001', NOW).ok).toBe(true);
  });

  it('accepts a PPPK NIP (21 in the month place)', () => {
    const r = validateNip('198501012021212001', NOW);
    expect(r.ok && r.parts.pppk).toBe(true);
  });

  it.each([
    ['19780512200501100', 'NIP_INVALID_LENGTH', 'whole'],
    ['1978051220050110031', 'NIP_INVALID_LENGTH', 'whole'],
    ['19780512200501100X', 'NIP_INVALID_LENGTH', 'whole'],
    ['197813122005011003', 'NIP_INVALID_BIRTH_DATE', 'birthDate'],
    ['197802302005011003', 'NIP_INVALID_BIRTH_DATE', 'birthDate'],
    ['189905122005011003', 'NIP_INVALID_BIRTH_DATE', 'birthDate'],
    ['202501012045011003', 'NIP_INVALID_BIRTH_DATE', 'birthDate'],
    ['197805122005131003', 'NIP_INVALID_APPOINTMENT', 'appointment'],
    ['197805122005001003', 'NIP_INVALID_APPOINTMENT', 'appointment'],
    ['197805121990011003', 'NIP_INVALID_APPOINTMENT', 'appointment'],
    ['197805122030011003', 'NIP_INVALID_APPOINTMENT', 'appointment'],
    ['197805122005013003', 'NIP_INVALID_GENDER', 'gender'],
    ['197805122005010003', 'NIP_INVALID_GENDER', 'gender'],
    ['197805122005011000', 'NIP_INVALID_SEQUENCE', 'sequence'],
  ])('%s → %s (%s)', (nip, code, part) => {
    const r = validateNip(nip, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.part).toBe(part);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('accepts appointment exactly at 18', () => {
    expect(validateNip('200001012018011001', NOW).ok).toBe(true);
    expect(validateNip('200002012018011001', NOW).ok).toBe(false);
  });

  it('assertNip throws a ValidationError naming the field and code', () => {
    expect(() => assertNip('197813122005011003', NOW)).toThrowError(
      expect.objectContaining({ code: 'NIP_INVALID_BIRTH_DATE', issues: [expect.objectContaining({ field: 'nip' })] }),
    );
  });
});
