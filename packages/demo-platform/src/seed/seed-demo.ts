import type { Database } from '@netra/db';
import { applyWatchlistImport, importRegistry } from '@netra/watchlist';
import type { Kysely } from 'kysely';
import { demoRegistry } from './demo-registry.ts';
import { demoWatchlistCsv } from './demo-watchlist-csv.ts';

const ACTOR = { actorId: null, actorUsername: 'system:demo-seed' };

/**
 * Loads the demo registry and watchlist through the same import code an admin uses. Running it again
 * changes nothing.
 */
export async function seedDemo(db: Kysely<Database>): Promise<{ people: number; accounts: number; contests: number }> {
  const registry = demoRegistry();
  await importRegistry(db, registry, ACTOR);
  const plan = await applyWatchlistImport(db, new TextEncoder().encode(demoWatchlistCsv()), ACTOR, {
    filename: 'demo-watchlist.csv',
  });
  if (plan.rejected.length > 0) {
    throw new Error(`demo watchlist rows rejected: ${JSON.stringify(plan.rejected.slice(0, 3))}`);
  }
  const people = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const accounts = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { people: Number(people.n), accounts: Number(accounts.n), contests: registry.contests.length };
}
