import { readFileSync } from 'node:fs';
import { registrySchema } from '@netra/core';
import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegistryJsonBounded } from './parse-registry-bounded.ts';
import { exportRegistry, importRegistry, parseRegistryJson, RegistryFileError } from './registry-io.ts';

const corpusPath = new URL('../../../../data/corpus/elections.json', import.meta.url);
const corpusText = readFileSync(corpusPath, 'utf8');
const actor = { actorId: null, actorUsername: 'test:admin' };

function issuesOf(text: string) {
  try {
    parseRegistryJson(text);
  } catch (error) {
    if (error instanceof RegistryFileError) return error.registryIssues;
    throw error;
  }
  throw new Error('expected a RegistryFileError');
}

describe('registry file validation', () => {
  it('points into the file with a JSON path and line number', () => {
    const data = JSON.parse(corpusText);
    data.contests[1].candidates[1].number = data.contests[1].candidates[0].number;
    data.contests[2].region.code = '18.99';
    delete data.contests[0].electionDate;
    const text = JSON.stringify(data, null, 2);
    const issues = issuesOf(text);
    const lines = text.split('\n');
    const dup = issues.find((i) => i.path === 'contests[1].candidates[1].number');
    expect(dup?.message).toMatch(/nomor urut/);
    expect(lines[dup!.line! - 1]).toMatch(/"number"/);
    expect(issues.find((i) => i.path === 'contests[0].electionDate')?.line).toBeGreaterThan(1);
    expect(issues.some((i) => i.path === 'contests[2].region.code' && /18\.99/.test(i.message))).toBe(true);
  });

  it('refuses dates PostgreSQL cannot store or no election has, naming each (fifth attack)', () => {
    // Year 0 passed the dry run, then the applied import failed in PostgreSQL with a 500; 9999 was stored.
    const data = JSON.parse(corpusText);
    data.contests[0].electionDate = '0000-01-01';
    data.contests[0].campaignPeriod.from = '9999-12-31';
    data.contests[1].determinedOn = '1899-12-31';
    const issues = issuesOf(JSON.stringify(data, null, 2));
    for (const path of ['contests[0].electionDate', 'contests[0].campaignPeriod.from', 'contests[1].determinedOn']) {
      expect(issues.find((i) => i.path === path)?.message, path).toMatch(/2000-01-01/);
    }
  });

  it('reports malformed JSON with its line', () => {
    const issues = issuesOf('{\n  "contests": [\n    { "id": "x", }\n  ]\n}');
    expect(issues[0]).toMatchObject({ path: '(root)', line: 3 });
  });
});

describe('registry file validation off the event loop', () => {
  const wrongValues = (n: number) => `{"contests":[${Array.from({ length: n }, () => '0').join(',')}]}`;

  it('validates in a worker thread: the call returns before the validation ends, with the same issues', async () => {
    const running = parseRegistryJsonBounded(wrongValues(20_000));
    let settled = false;
    running.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    // Validation on the calling thread would have settled the promise before the next turn of the loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryFileError);
    const issues = (error as RegistryFileError).registryIssues;
    expect(issues.length).toBe(201);
    expect(issues[0]!.path).toBe('contests[0]');
    expect(issues[200]!.message).toBe('dan 19800 masalah lain; perbaiki yang di atas lalu impor ulang');
  });

  it('stops a validation beyond its time or memory limit and names the limit', async () => {
    const slow = await parseRegistryJsonBounded(wrongValues(200_000), { timeoutMs: 1 }).catch((e: unknown) => e);
    expect((slow as RegistryFileError).registryIssues[0]!.message).toMatch(/batas waktu/);
    const big = await parseRegistryJsonBounded(wrongValues(200_000), { maxMemoryMb: 4 }).catch((e: unknown) => e);
    expect((big as RegistryFileError).registryIssues[0]!.message).toMatch(/batas memori/);
  });

  it('parses a valid file the same way on both paths', async () => {
    expect(await parseRegistryJsonBounded(corpusText)).toEqual(parseRegistryJson(corpusText));
  });
});

describe('registry import/export on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('imports and exports contest milestones (regime, registration, penetapan, recapitulation)', async () => {
    const data = JSON.parse(corpusText);
    const contest = data.contests[0];
    contest.id = 'milestones-test';
    Object.assign(contest, {
      regime: 'pilkada',
      registrationPeriod: { from: '2024-08-27', to: '2024-08-29' },
      determinedOn: '2024-09-22',
      recapTo: '2024-12-16',
    });
    const registry = parseRegistryJson(JSON.stringify({ contests: [contest] }));
    await importRegistry(database.db, registry, actor);
    const row = await database.db
      .selectFrom('contests')
      .selectAll()
      .where('id', '=', 'milestones-test')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      regime: 'pilkada',
      registration_from: '2024-08-27',
      registration_to: '2024-08-29',
      determined_on: '2024-09-22',
      recap_to: '2024-12-16',
    });
    const again = await importRegistry(database.db, registry, actor);
    expect(again.contests.unchanged).toEqual(['milestones-test']);
    const exported = (await exportRegistry(database.db)).contests.find((c) => c.id === 'milestones-test');
    expect(exported).toMatchObject({ regime: 'pilkada', determinedOn: '2024-09-22', recapTo: '2024-12-16' });
    await database.db.deleteFrom('candidates').where('contest_id', '=', 'milestones-test').execute();
    await database.db.deleteFrom('contests').where('id', '=', 'milestones-test').execute();
  });

  it('round-trips the corpus registry: export(import(x)) equals x', async () => {
    const registry = parseRegistryJson(corpusText);
    const plan = await importRegistry(database.db, registry, actor);
    expect(plan.contests.create.length).toBe(registry.contests.length);
    const exported = await exportRegistry(database.db);
    const { $comment: _c, ...expected } = registrySchema.parse(JSON.parse(corpusText));
    const sort = (r: typeof expected) => ({ contests: [...r.contests].sort((a, b) => a.id.localeCompare(b.id)) });
    expect(sort(registrySchema.parse(exported))).toEqual(sort(expected));
    const again = await importRegistry(database.db, parseRegistryJson(JSON.stringify(exported)), actor);
    expect(again.contests.unchanged.length).toBe(registry.contests.length);
    expect(again.contests.update).toEqual([]);
  });

  it('updates a contest with stage, quiet period and official accounts, dropping removed candidates, audited', async () => {
    const registry = parseRegistryJson(corpusText);
    const contest = registry.contests[0]!;
    contest.quietPeriod = { from: '2024-11-24', to: '2024-11-26' };
    contest.candidates[0]!.stage = 'bakal_calon';
    contest.candidates[0]!.officialAccounts = [{ platform: 'instagram', handle: 'calon.satu' }];
    const removed = contest.candidates.pop()!;
    const dry = await importRegistry(database.db, registry, actor, { dryRun: true });
    expect(dry.contests.update).toEqual([contest.id]);
    expect(dry.candidates.delete).toEqual([`${contest.id}#${removed.number}`]);
    expect((await exportRegistry(database.db)).contests.find((c) => c.id === contest.id)?.quietPeriod).toBeUndefined();
    await importRegistry(database.db, registry, actor);
    const stored = (await exportRegistry(database.db)).contests.find((c) => c.id === contest.id)!;
    expect(stored.quietPeriod).toEqual({ from: '2024-11-24', to: '2024-11-26' });
    expect(stored.candidates[0]).toMatchObject({
      stage: 'bakal_calon',
      officialAccounts: [{ platform: 'instagram', handle: 'calon.satu' }],
    });
    expect(stored.candidates.map((c) => c.number)).not.toContain(removed.number);
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'contest.update')
      .executeTakeFirstOrThrow();
    expect(entry.entity_id).toBe(contest.id);
    expect((entry.before as { quietPeriod?: unknown }).quietPeriod).toBeUndefined();
    expect((entry.after as { quietPeriod?: unknown }).quietPeriod).toBeDefined();
  });
});
