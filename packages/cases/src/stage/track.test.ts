import { describe, expect, it } from 'vitest';
import { type ContestMilestones, stageOn, targetStatusOn } from './stages.ts';
import { suggestTrack } from './track.ts';

const pilkada: ContestMilestones = {
  regime: 'pilkada',
  registrationFrom: '2024-08-27',
  registrationTo: '2024-08-29',
  determinedOn: '2024-09-22',
  campaignFrom: '2024-09-25',
  campaignTo: '2024-11-23',
  quietFrom: '2024-11-24',
  quietTo: '2024-11-26',
  votingOn: '2024-11-27',
  recapTo: '2024-12-16',
};

describe('election stage and track suggestion', () => {
  it.each([
    ['2024-08-01', 'sebelum_pendaftaran'],
    ['2024-09-01', 'pendaftaran'],
    ['2024-09-22', 'penetapan'],
    ['2024-09-24', 'penetapan'],
    ['2024-10-01', 'kampanye'],
    ['2024-11-25', 'masa_tenang'],
    ['2024-11-27', 'pemungutan'],
    ['2024-12-01', 'rekapitulasi'],
    ['2025-01-01', 'pasca'],
  ])('on %s the stage is %s', (date, stage) => {
    expect(stageOn(pilkada, date)).toBe(stage);
  });

  it('suggests the kode-etik track for a post before penetapan (bakal calon) and disiplin after', () => {
    const before = '2024-09-10';
    expect(targetStatusOn(pilkada, [], before)).toBe('bakal_calon');
    const early = suggestTrack({
      behaviour: 'kampanye_medsos',
      targetStatus: targetStatusOn(pilkada, [], before),
      stage: stageOn(pilkada, before),
      regime: 'pilkada',
    });
    expect(early.track).toBe('kode_etik');
    expect(early.alsoConsider).toContain('disiplin_berat');
    expect(early.reasons.join(' ')).toContain('bakal calon');
    expect(early.reasons.join(' ')).toContain('BKN');

    const after = '2024-09-23';
    expect(targetStatusOn(pilkada, [], after)).toBe('calon');
    const late = suggestTrack({
      behaviour: 'kampanye_medsos',
      targetStatus: 'calon',
      stage: stageOn(pilkada, after),
      regime: 'pilkada',
    });
    expect(late.track).toBe('disiplin_berat');
    expect(late.alsoConsider).not.toContain('pidana');
  });

  it('adds the criminal track for campaign-time acts the election laws punish, and PTDH for party membership', () => {
    const s = suggestTrack({ behaviour: 'tim_pemenangan', targetStatus: 'calon', stage: 'kampanye', regime: 'pemilu' });
    expect(s.track).toBe('disiplin_berat');
    expect(s.alsoConsider).toContain('pidana');
    expect(
      suggestTrack({ behaviour: 'keberpihakan', targetStatus: 'calon', stage: 'penetapan', regime: 'pemilu' }).track,
    ).toBe('disiplin_sedang');
    expect(
      suggestTrack({ behaviour: 'anggota_parpol', targetStatus: 'bakal_calon', stage: 'pendaftaran', regime: 'pemilu' })
        .track,
    ).toBe('ptdh');
  });

  it('prefers the candidate stage history over the contest date', () => {
    const history = [
      { stage: 'bakal_calon' as const, from: '2024-08-27' },
      { stage: 'calon' as const, from: '2024-10-05' },
    ];
    expect(targetStatusOn(pilkada, history, '2024-10-01')).toBe('bakal_calon');
    expect(targetStatusOn(pilkada, history, '2024-10-05')).toBe('calon');
    expect(targetStatusOn(pilkada, history, '2024-08-01')).toBe('bakal_calon');
  });
});
