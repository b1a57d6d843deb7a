import type { Contest, Registry } from '@netra/core';
import { type Selectable, sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { CandidatesTable, ContestsTable } from '../schema/registry-tables.ts';

export type ContestRow = Selectable<ContestsTable>;
export type CandidateRow = Selectable<CandidatesTable>;

export interface ContestValues {
  id: string;
  kind: string;
  region_code: string;
  region_name: string;
  election_date: string;
  campaign_from: string;
  campaign_to: string;
  quiet_from: string | null;
  quiet_to: string | null;
  /** Milestones for the case side (stage at the act, deadlines); absent: left as stored. */
  regime?: 'pemilu' | 'pilkada' | null | undefined;
  registration_from?: string | null | undefined;
  registration_to?: string | null | undefined;
  determined_on?: string | null | undefined;
  recap_to?: string | null | undefined;
}

export interface CandidateValues {
  contest_id: string;
  number: number;
  names: string[];
  aliases: string[];
  jargon: string[];
  hashtags: string[];
  slogans: string[];
  parties: string[];
  official_accounts: { platform: string; handle: string }[];
  stage: 'bakal_calon' | 'calon';
}

export async function listContests(db: Executor) {
  const rows = await db
    .selectFrom('contests as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('candidates as k')
        .whereRef('k.contest_id', '=', 'c.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('candidate_count'),
    )
    .orderBy('c.election_date')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...r, candidate_count: Number(r.candidate_count ?? 0) }));
}

export async function getContest(db: Executor, id: string): Promise<ContestRow | undefined> {
  return db.selectFrom('contests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCandidates(db: Executor, contestId?: string): Promise<CandidateRow[]> {
  let q = db.selectFrom('candidates').selectAll();
  if (contestId) q = q.where('contest_id', '=', contestId);
  return q.orderBy('contest_id').orderBy('number').execute();
}

export async function upsertContest(db: Executor, values: ContestValues): Promise<void> {
  await db
    .insertInto('contests')
    .values(values)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        kind: values.kind,
        region_code: values.region_code,
        region_name: values.region_name,
        election_date: values.election_date,
        campaign_from: values.campaign_from,
        campaign_to: values.campaign_to,
        quiet_from: values.quiet_from,
        quiet_to: values.quiet_to,
        ...(values.regime !== undefined ? { regime: values.regime } : {}),
        ...(values.registration_from !== undefined ? { registration_from: values.registration_from } : {}),
        ...(values.registration_to !== undefined ? { registration_to: values.registration_to } : {}),
        ...(values.determined_on !== undefined ? { determined_on: values.determined_on } : {}),
        ...(values.recap_to !== undefined ? { recap_to: values.recap_to } : {}),
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

function candidateColumns(values: CandidateValues) {
  return {
    names: JSON.stringify(values.names),
    aliases: JSON.stringify(values.aliases),
    jargon: JSON.stringify(values.jargon),
    hashtags: JSON.stringify(values.hashtags),
    slogans: JSON.stringify(values.slogans),
    parties: JSON.stringify(values.parties),
    official_accounts: JSON.stringify(values.official_accounts),
    stage: values.stage,
  };
}

export async function upsertCandidate(db: Executor, values: CandidateValues): Promise<void> {
  const columns = candidateColumns(values);
  await db
    .insertInto('candidates')
    .values({ contest_id: values.contest_id, number: values.number, ...columns })
    .onConflict((oc) => oc.columns(['contest_id', 'number']).doUpdateSet({ ...columns, updated_at: sql`now()` }))
    .execute();
}

export async function deleteCandidate(db: Executor, contestId: string, number: number): Promise<void> {
  await db.deleteFrom('candidates').where('contest_id', '=', contestId).where('number', '=', number).execute();
}

export async function deleteContest(db: Executor, id: string): Promise<ContestRow | undefined> {
  return db.deleteFrom('contests').where('id', '=', id).returningAll().executeTakeFirst();
}

export type StoredContest = Omit<Contest, 'candidates'> & { candidates: Contest['candidates'] };

function contestFromRows(c: ContestRow, candidates: CandidateRow[]): StoredContest {
  return {
    id: c.id,
    kind: c.kind as Contest['kind'],
    region: { code: c.region_code, name: c.region_name },
    electionDate: c.election_date,
    campaignPeriod: { from: c.campaign_from, to: c.campaign_to },
    ...(c.quiet_from && c.quiet_to ? { quietPeriod: { from: c.quiet_from, to: c.quiet_to } } : {}),
    ...(c.regime ? { regime: c.regime } : {}),
    ...(c.registration_from && c.registration_to
      ? { registrationPeriod: { from: c.registration_from, to: c.registration_to } }
      : {}),
    ...(c.determined_on ? { determinedOn: c.determined_on } : {}),
    ...(c.recap_to ? { recapTo: c.recap_to } : {}),
    candidates: candidates
      .filter((k) => k.contest_id === c.id)
      .sort((a, b) => a.number - b.number)
      .map((k) => ({
        number: k.number,
        names: k.names,
        aliases: k.aliases,
        jargon: k.jargon,
        hashtags: k.hashtags,
        slogans: k.slogans,
        parties: k.parties,
        officialAccounts: k.official_accounts as Contest['candidates'][number]['officialAccounts'],
        stage: k.stage,
      })),
  };
}

/**
 * The registry as the admin stored it, in the registry file format (contests by election date then id,
 * candidates by number): what the import compares against, the export writes and the classifier reads.
 */
export async function readStoredRegistry(db: Executor): Promise<Registry> {
  const contests = await listContests(db);
  const candidates = await listCandidates(db);
  return { contests: contests.map((c) => contestFromRows(c, candidates)) };
}

/** A candidate's row id by contest and ballot number. */
export async function findCandidateId(db: Executor, contestId: string, number: number) {
  return db
    .selectFrom('candidates')
    .select('id')
    .where('contest_id', '=', contestId)
    .where('number', '=', number)
    .executeTakeFirst();
}
