import {
  type CaseSettings,
  type ContestMilestones,
  DEFAULT_CASE_SETTINGS,
  holidayCalendar,
  NATIONAL_HOLIDAYS,
  type Regime,
} from '@netra/cases';
import type { ContestsTable } from '@netra/db';
import type { Selectable } from 'kysely';
import type { ServerDeps } from '../http/route.ts';

export function caseSettings(deps: ServerDeps): CaseSettings {
  return deps.config.cases ?? DEFAULT_CASE_SETTINGS;
}

export function holidaysFor(settings: CaseSettings) {
  return holidayCalendar(NATIONAL_HOLIDAYS, { countCutiBersama: settings.countCutiBersama });
}

const PILKADA_KINDS = /bupati|walikota|wali_kota|gubernur|pilkada|kepala_daerah/i;

/** A contest's regime: the registry's value, else from its kind (regional-head contests are Pilkada). */
export function regimeOf(contest: Pick<Selectable<ContestsTable>, 'regime' | 'kind'>): Regime {
  return contest.regime ?? (PILKADA_KINDS.test(contest.kind) ? 'pilkada' : 'pemilu');
}

export function milestonesOf(contest: Selectable<ContestsTable>): ContestMilestones {
  return {
    regime: regimeOf(contest),
    registrationFrom: contest.registration_from,
    registrationTo: contest.registration_to,
    determinedOn: contest.determined_on,
    campaignFrom: contest.campaign_from,
    campaignTo: contest.campaign_to,
    quietFrom: contest.quiet_from,
    quietTo: contest.quiet_to,
    votingOn: contest.election_date,
    recapTo: contest.recap_to,
  };
}
