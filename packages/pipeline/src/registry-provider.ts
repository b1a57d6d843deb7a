import { type Contest, type Registry, registrySchema } from '@netra/core';
import type { Executor } from '@netra/db';

/** Reads the election registry the admin maintains, in the registry JSON shape the classifier takes. */
export async function readRegistryFromDb(db: Executor): Promise<Registry> {
  const [contests, candidates] = await Promise.all([
    db.selectFrom('contests').selectAll().orderBy('id').execute(),
    db.selectFrom('candidates').selectAll().orderBy('contest_id').orderBy('number').execute(),
  ]);
  const byContest = Map.groupBy(candidates, (c) => c.contest_id);
  const shaped: unknown[] = contests.map((c) => ({
    id: c.id,
    kind: c.kind,
    region: { code: c.region_code, name: c.region_name },
    electionDate: c.election_date,
    campaignPeriod: { from: c.campaign_from, to: c.campaign_to },
    ...(c.quiet_from && c.quiet_to ? { quietPeriod: { from: c.quiet_from, to: c.quiet_to } } : {}),
    candidates: (byContest.get(c.id) ?? []).map((k) => ({
      number: k.number,
      names: k.names,
      aliases: k.aliases,
      jargon: k.jargon,
      hashtags: k.hashtags,
      slogans: k.slogans,
      parties: k.parties,
      officialAccounts: k.official_accounts,
      stage: k.stage,
    })),
  }));
  // A contest without candidates yet cannot be matched against; it is skipped rather than failing the worker.
  const usable = shaped.filter((c) => (c as Contest).candidates.length > 0);
  return registrySchema.parse({ contests: usable });
}

/**
 * The registry as of at most `ttlMs` ago: the worker classifies thousands of posts a second and must not
 * query it per post, but an admin's change should take effect within a minute.
 */
export class RegistryProvider {
  private cached: { registry: Registry; at: number } | null = null;
  private loading: Promise<Registry> | null = null;
  private readonly db: Executor;
  private readonly ttlMs: number;

  constructor(db: Executor, ttlMs = 60_000) {
    this.db = db;
    this.ttlMs = ttlMs;
  }

  async get(): Promise<Registry> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.registry;
    this.loading ??= readRegistryFromDb(this.db)
      .then((registry) => {
        this.cached = { registry, at: Date.now() };
        return registry;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
