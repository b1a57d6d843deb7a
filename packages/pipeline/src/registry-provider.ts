import { type Registry, registrySchema } from '@netra/core';
import { type Executor, readStoredRegistry } from '@netra/db';

/**
 * The registry the classifier can use: as stored, minus contests that have no candidates yet (nothing to
 * match against), validated so a bad row stops here rather than inside the classifier.
 */
export async function readRegistryFromDb(db: Executor): Promise<Registry> {
  const stored = await readStoredRegistry(db);
  return registrySchema.parse({ contests: stored.contests.filter((c) => c.candidates.length > 0) });
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
