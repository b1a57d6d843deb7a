import { describe, expect, it } from 'vitest';
import { holidayCalendar, nationalHolidayCalendar } from './holidays.ts';
import { clockState, DEFAULT_CLOCK_RULES, legalDeadlines } from './legal-clock.ts';

const at = (iso: string) => new Date(iso);

describe('legal clock', () => {
  it('gives a Pemilu temuan 7 calendar days from the date found, ending 23:59 local time', () => {
    const [fix, follow] = legalDeadlines({
      regime: 'pemilu',
      caseType: 'temuan',
      foundAt: at('2024-01-10T03:00:00Z'),
      zone: 'WIB',
      holidays: nationalHolidayCalendar,
    });
    expect(fix).toMatchObject({ key: 'penetapan', dueDate: '2024-01-17', days: 7, mode: 'calendar' });
    expect(fix!.dueLabel).toBe('2024-01-17 23:59 WIB');
    expect(fix!.basis).toContain('454 ayat (5)');
    expect(fix!.dueAt.toISOString()).toBe('2024-01-17T16:59:59.000Z');
    // Not yet registered: the follow-up is counted from the latest allowed registration day.
    expect(follow).toMatchObject({ key: 'tindak_lanjut', dueDate: '2024-01-24', provisional: true });
  });

  it('counts a Pemilu laporan in working days, skipping weekends, holidays and cuti bersama', () => {
    const [fix] = legalDeadlines({
      regime: 'pemilu',
      caseType: 'laporan',
      foundAt: at('2024-04-05T02:00:00Z'),
      zone: 'WIB',
      holidays: nationalHolidayCalendar,
    });
    // 8-15 April 2024 are Idul Fitri and cuti bersama; 13-14 and 20-21 weekends.
    expect(fix!.dueDate).toBe('2024-04-24');
    const withoutCuti = legalDeadlines({
      regime: 'pemilu',
      caseType: 'laporan',
      foundAt: at('2024-04-05T02:00:00Z'),
      zone: 'WIB',
      holidays: holidayCalendar(
        [
          { date: '2024-04-10', name: 'Idul Fitri' },
          { date: '2024-04-11', name: 'Idul Fitri' },
          { date: '2024-04-09', name: 'cuti', cutiBersama: true },
        ],
        { countCutiBersama: false },
      ),
    });
    expect(withoutCuti[0]!.dueDate).toBe('2024-04-18');
  });

  it('applies the Pilkada 7 days, then 3 days after receipt, +2 when information is requested', () => {
    const base = { regime: 'pilkada' as const, caseType: 'temuan' as const, zone: 'WITA' as const };
    const [fix, follow] = legalDeadlines({
      ...base,
      foundAt: at('2024-10-01T01:00:00Z'),
      registeredAt: at('2024-10-02T01:00:00Z'),
      holidays: nationalHolidayCalendar,
    });
    expect(fix!.dueDate).toBe('2024-10-08');
    expect(fix!.dueLabel).toBe('2024-10-08 23:59 WITA');
    expect(follow).toMatchObject({ dueDate: '2024-10-05', days: 3, provisional: false });
    const [, extended] = legalDeadlines({
      ...base,
      foundAt: at('2024-10-01T01:00:00Z'),
      registeredAt: at('2024-10-02T01:00:00Z'),
      infoRequestedAt: at('2024-10-03T01:00:00Z'),
      holidays: nationalHolidayCalendar,
    });
    expect(extended).toMatchObject({ dueDate: '2024-10-07', days: 5 });
    expect(extended!.basis).toContain('134 ayat (5)-(6)');
  });

  it('counts Pilkada working days over Christmas and New Year when configured', () => {
    const rules = { ...DEFAULT_CLOCK_RULES, pilkada: 'working' as const };
    const [fix, follow] = legalDeadlines({
      regime: 'pilkada',
      caseType: 'laporan',
      foundAt: at('2024-12-20T02:00:00Z'),
      registeredAt: at('2025-01-02T02:00:00Z'),
      infoRequestedAt: at('2025-01-03T02:00:00Z'),
      zone: 'WIB',
      rules,
      holidays: nationalHolidayCalendar,
    });
    // 25 Dec (Natal), 26 Dec (cuti bersama), 1 Jan (Tahun Baru) and weekends are skipped.
    expect(fix!.dueDate).toBe('2025-01-03');
    expect(follow!.dueDate).toBe('2025-01-09');
  });

  it('takes the date found in the case zone: late evening UTC is the next day in WIT', () => {
    const [fix] = legalDeadlines({
      regime: 'pemilu',
      caseType: 'temuan',
      foundAt: at('2024-10-01T20:00:00Z'),
      zone: 'WIT',
      holidays: nationalHolidayCalendar,
    });
    expect(fix!.dueDate).toBe('2024-10-09');
    expect(fix!.dueLabel).toBe('2024-10-09 23:59 WIT');
  });

  it('reports time left, near and overdue', () => {
    const input = {
      regime: 'pemilu' as const,
      caseType: 'temuan' as const,
      foundAt: at('2024-01-10T03:00:00Z'),
      zone: 'WIB' as const,
      holidays: nationalHolidayCalendar,
    };
    expect(clockState(input, at('2024-01-12T00:00:00Z')).urgency).toBe('ok');
    const near = clockState(input, at('2024-01-16T17:00:00Z'));
    expect(near.urgency).toBe('near');
    expect(near.timeLeftLabel).toBe('23 jam 59 menit lagi');
    const late = clockState(input, at('2024-01-19T17:59:59Z'));
    expect(late.urgency).toBe('overdue');
    expect(late.timeLeftLabel).toBe('lewat 2 hari 1 jam');
    const registered = clockState({ ...input, registeredAt: at('2024-01-11T03:00:00Z') }, at('2024-01-12T00:00:00Z'));
    expect(registered.current.key).toBe('tindak_lanjut');
    expect(registered.current.dueDate).toBe('2024-01-18');
  });
});
