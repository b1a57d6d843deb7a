import { type Contest, NetraError, type Registry } from '@netra/core';
import {
  appendAudit,
  casesReferencing,
  type Database,
  deleteCandidate,
  deleteContest,
  type Executor,
  readStoredRegistry,
  type StoredContest,
  upsertCandidate,
  upsertContest,
} from '@netra/db';
import type { Kysely } from 'kysely';
import type { ImportActor } from '../import/plan-import.ts';

export * from './parse-registry.ts';

/** The registry as stored, in the file format (contests by election date then id, candidates by number). */
export const exportRegistry = readStoredRegistry;

export interface RegistryPlan {
  contests: { create: string[]; update: string[]; unchanged: string[] };
  candidates: { create: string[]; update: string[]; delete: string[]; unchanged: number };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function canonical(contest: Contest): StoredContest {
  // Same key order as the stored registry (registry-repository.ts), so an unchanged contest compares equal.
  const { candidates, quietPeriod, regime, registrationPeriod, determinedOn, recapTo, ...rest } = contest;
  return {
    ...rest,
    ...(quietPeriod ? { quietPeriod } : {}),
    ...(regime ? { regime } : {}),
    ...(registrationPeriod ? { registrationPeriod } : {}),
    ...(determinedOn ? { determinedOn } : {}),
    ...(recapTo ? { recapTo } : {}),
    candidates: [...candidates].sort((a, b) => a.number - b.number),
  } as StoredContest;
}

/**
 * Imports a registry: contests in the file are created or replaced (their candidate list becomes the file's:
 * candidates missing from it are deleted), contests not in the file are left alone. One transaction, one audit
 * entry per changed contest with before and after, and one for the import. `dryRun` only reports the plan.
 */
export async function importRegistry(
  db: Kysely<Database>,
  registry: Registry,
  actor: ImportActor,
  options: { dryRun?: boolean } = {},
): Promise<RegistryPlan> {
  const run = async (tx: Executor) => {
    const existing = await exportRegistry(tx);
    const byId = new Map(existing.contests.map((c) => [c.id, c]));
    const plan: RegistryPlan = {
      contests: { create: [], update: [], unchanged: [] },
      candidates: { create: [], update: [], delete: [], unchanged: 0 },
    };
    const who = { actorId: actor.actorId, actorUsername: actor.actorUsername, ip: actor.ip ?? null };
    for (const raw of registry.contests) {
      const contest = canonical(raw);
      const before = byId.get(contest.id);
      if (before && sameJson(before, contest)) {
        plan.contests.unchanged.push(contest.id);
        plan.candidates.unchanged += contest.candidates.length;
        continue;
      }
      (before ? plan.contests.update : plan.contests.create).push(contest.id);
      const oldCandidates = new Map((before?.candidates ?? []).map((k) => [k.number, k]));
      for (const k of contest.candidates) {
        const old = oldCandidates.get(k.number);
        const ref = `${contest.id}#${k.number}`;
        if (!old) plan.candidates.create.push(ref);
        else if (!sameJson(old, k)) plan.candidates.update.push(ref);
        else plan.candidates.unchanged++;
        oldCandidates.delete(k.number);
      }
      for (const number of oldCandidates.keys()) plan.candidates.delete.push(`${contest.id}#${number}`);
      if (options.dryRun) continue;
      await upsertContest(tx, {
        id: contest.id,
        kind: contest.kind,
        region_code: contest.region.code,
        region_name: contest.region.name,
        election_date: contest.electionDate,
        campaign_from: contest.campaignPeriod.from,
        campaign_to: contest.campaignPeriod.to,
        quiet_from: contest.quietPeriod?.from ?? null,
        quiet_to: contest.quietPeriod?.to ?? null,
        regime: contest.regime ?? null,
        registration_from: contest.registrationPeriod?.from ?? null,
        registration_to: contest.registrationPeriod?.to ?? null,
        determined_on: contest.determinedOn ?? null,
        recap_to: contest.recapTo ?? null,
      });
      for (const number of oldCandidates.keys()) await deleteCandidate(tx, contest.id, number);
      for (const k of contest.candidates) {
        await upsertCandidate(tx, {
          contest_id: contest.id,
          number: k.number,
          names: k.names,
          aliases: k.aliases,
          jargon: k.jargon,
          hashtags: k.hashtags,
          slogans: k.slogans,
          parties: k.parties,
          official_accounts: k.officialAccounts,
          stage: k.stage,
        });
      }
      await appendAudit(tx, {
        ...who,
        action: before ? 'contest.update' : 'contest.create',
        entityType: 'contest',
        entityId: contest.id,
        ...(before ? { before } : {}),
        after: contest,
      });
    }
    if (!options.dryRun) {
      await appendAudit(tx, {
        ...who,
        action: 'registry.import',
        entityType: 'registry_import',
        entityId: new Date().toISOString(),
        after: plan,
      });
    }
    return plan;
  };
  if (options.dryRun) return run(db);
  return db.transaction().execute(run);
}

/** Deletes one contest and its candidates, with an audit entry holding what was deleted. */
export async function deleteContestAudited(db: Kysely<Database>, id: string, actor: ImportActor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = (await exportRegistry(tx)).contests.find((c) => c.id === id);
    if (!before) throw new NetraError('CONTEST_NOT_FOUND', `pemilihan ${id} tidak ditemukan`);
    // Cases are legal records in this contest: deleting it under them failed as a foreign-key 500.
    const cases = await casesReferencing(tx, { contestId: id });
    if (cases.count > 0) {
      throw new NetraError(
        'CONTEST_DELETE_CONFLICT',
        `pemilihan ${id} dipakai oleh ${cases.count} kasus (${cases.caseNumbers.join(', ')}); kasus adalah catatan resmi, pemilihan tidak dapat dihapus / contest has cases and cannot be deleted`,
        { cases: cases.count, caseNumbers: cases.caseNumbers },
      );
    }
    await deleteContest(tx, id);
    await appendAudit(tx, {
      actorId: actor.actorId,
      actorUsername: actor.actorUsername,
      ip: actor.ip ?? null,
      action: 'contest.delete',
      entityType: 'contest',
      entityId: id,
      before,
    });
  });
}
