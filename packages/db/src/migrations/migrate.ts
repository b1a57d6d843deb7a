import { NetraError } from '@netra/core';
import type { Kysely } from 'kysely';
import { type MigrationResult, Migrator } from 'kysely/migration';
import type { Database } from '../schema/database.ts';
import { migrations } from './index.ts';

/** Applies every pending migration or throws `DB_MIGRATION_FAILED` naming the one that failed. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new NetraError('DB_MIGRATION_FAILED', `migration ${failed} failed: ${String(error)}`, {
      migration: failed,
      cause: String(error),
    });
  }
  return results;
}

/** Names of the migrations this code knows that the database has not applied (readiness: empty when done). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const known = await migrator.getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
