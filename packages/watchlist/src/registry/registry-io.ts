import {
  assertJsonBounds,
  type Contest,
  NetraError,
  type Registry,
  registrySchema,
  ValidationError,
} from '@netra/core';
import {
  appendAudit,
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
import { validateRegionCode } from '../region/regions.ts';
import { jsonPathLabel, locateJsonPaths } from './json-locate.ts';

export interface RegistryIssue {
  /** JSON path into the file, e.g. `contests[2].candidates[1].number`. */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export class RegistryFileError extends ValidationError {
  readonly registryIssues: RegistryIssue[];
  constructor(issues: RegistryIssue[]) {
    super(
      'REGISTRY_INVALID',
      issues.map((i) => ({ field: i.path, message: i.line ? `baris ${i.line}: ${i.message}` : i.message })),
    );
    this.registryIssues = issues;
    this.details.registryIssues = issues;
  }
}

/** A registry is five levels deep and a few megabytes at most (every contest of a national election). */
const REGISTRY_JSON_BOUNDS = { maxDepth: 32, maxLength: 20_000_000 };

/**
 * Parses and validates a registry file (the `elections.json` format). Every error names the JSON path and,
 * where known, the line and column in the file. Region codes are also checked against the region list.
 */
export function parseRegistryJson(text: string): Registry {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Depth and size first, in one linear pass: a hostile deeply nested file must not reach the recursive
  // validators and path locator below (it overflowed the stack after 21 s on the event loop).
  try {
    assertJsonBounds(body, REGISTRY_JSON_BOUNDS);
  } catch (error) {
    if (!(error instanceof NetraError)) throw error;
    throw new RegistryFileError([{ path: '(root)', line: null, column: null, message: error.message }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const pos = /position (\d+)/.exec(message);
    let line: number | null = null;
    let column: number | null = null;
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (pos) {
      const before = body.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      column = Number(pos[1]) - before.lastIndexOf('\n');
    }
    throw new RegistryFileError([{ path: '(root)', line, column, message: `JSON tidak sah: ${message}` }]);
  }
  const result = registrySchema.safeParse(data);
  const issues: { path: (string | number)[]; message: string }[] = result.success
    ? []
    : result.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      }));
  // Region codes are checked against the region list even when other fields are wrong, so one pass shows all.
  const rawContests = (data as { contests?: unknown })?.contests;
  if (Array.isArray(rawContests)) {
    rawContests.forEach(
      (contest: { region?: { code?: unknown }; quietPeriod?: { to?: unknown }; electionDate?: unknown }, ci) => {
        const code = contest?.region?.code;
        if (typeof code === 'string' && /^\d{2}(\.\d{2}){0,3}$/.test(code)) {
          const region = validateRegionCode(code);
          if (!region.ok) issues.push({ path: ['contests', ci, 'region', 'code'], message: region.message });
        }
        const quietTo = contest?.quietPeriod?.to;
        if (
          typeof quietTo === 'string' &&
          typeof contest.electionDate === 'string' &&
          quietTo >= contest.electionDate
        ) {
          issues.push({
            path: ['contests', ci, 'quietPeriod', 'to'],
            message: 'masa tenang harus berakhir sebelum hari pemungutan suara',
          });
        }
      },
    );
  }
  if (issues.length > 0) {
    const located = locateJsonPaths(body);
    throw new RegistryFileError(
      issues.map((issue) => {
        // The deepest path that exists in the file (a missing field points at its parent object).
        let where: { line: number; column: number } | undefined;
        for (let n = issue.path.length; n >= 0 && !where; n--) where = located.get(issue.path.slice(0, n).join('.'));
        return {
          path: jsonPathLabel(issue.path),
          line: where?.line ?? null,
          column: where?.column ?? null,
          message: issue.message,
        };
      }),
    );
  }
  return (result as { data: Registry }).data;
}

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
