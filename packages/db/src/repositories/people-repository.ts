import { type Selectable, sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { PeopleTable, PersonStatus } from '../schema/watchlist-tables.ts';

export type PersonRow = Selectable<PeopleTable>;

/** The fields of a person that an admin or an import sets. */
export interface PersonValues {
  name: string;
  nip: string;
  agency: string;
  unit: string | null;
  position: string;
  region_code: string;
  ppk: string | null;
  status: PersonStatus;
  notes: string | null;
}

export interface PeopleQuery {
  /** Matches name, NIP, agency, unit or position (case-insensitive substring), or an account handle. */
  q?: string | undefined;
  status?: PersonStatus | undefined;
  /** Region code prefix: `18` matches `18.11` too. */
  region?: string | undefined;
  agency?: string | undefined;
  limit?: number;
  offset?: number;
}

const CHUNK = 5000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of people with their account counts, and the total that matched. */
export async function listPeople(db: Executor, query: PeopleQuery = {}) {
  let q = db.selectFrom('people as p');
  if (query.q?.trim()) {
    const like = `%${escapeLike(query.q.trim())}%`;
    q = q.where((eb) =>
      eb.or([
        eb('p.name', 'ilike', like),
        eb('p.nip', 'ilike', like),
        eb('p.agency', 'ilike', like),
        eb('p.unit', 'ilike', like),
        eb('p.position', 'ilike', like),
        eb.exists(
          eb
            .selectFrom('accounts as a')
            .select('a.id')
            .whereRef('a.person_id', '=', 'p.id')
            .where('a.handle', 'ilike', like),
        ),
      ]),
    );
  }
  if (query.status) q = q.where('p.status', '=', query.status);
  if (query.region?.trim()) {
    const region = query.region.trim();
    q = q.where((eb) =>
      eb.or([eb('p.region_code', '=', region), eb('p.region_code', 'like', `${escapeLike(region)}.%`)]),
    );
  }
  if (query.agency?.trim()) q = q.where('p.agency', 'ilike', `%${escapeLike(query.agency.trim())}%`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('accounts as a')
        .whereRef('a.person_id', '=', 'p.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('account_count'),
    )
    .orderBy('p.name')
    .orderBy('p.nip')
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .execute();
  return { total: Number(total.n), rows: rows.map((r) => ({ ...r, account_count: Number(r.account_count ?? 0) })) };
}

/** `forUpdate`: hold the row until the transaction ends, so a concurrent edit or delete waits and reads after it. */
export async function getPerson(db: Executor, id: string, forUpdate = false): Promise<PersonRow | undefined> {
  let q = db.selectFrom('people').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function getPersonByNip(db: Executor, nip: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('nip', '=', nip).executeTakeFirst();
}

/** People with any of these NIPs, in as few queries as the parameter limit allows. */
export async function findPeopleByNips(db: Executor, nips: readonly string[]): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  for (const part of chunks([...new Set(nips)])) {
    if (part.length === 0) continue;
    out.push(...(await db.selectFrom('people').selectAll().where('nip', 'in', part).execute()));
  }
  return out;
}

export async function listAllPeople(db: Executor): Promise<PersonRow[]> {
  return db.selectFrom('people').selectAll().orderBy('name').orderBy('nip').execute();
}

/**
 * One page of people in `listAllPeople`'s order (name, then NIP — unique, so the order is total), after the
 * person `after`: the watchlist export walks every person a page at a time instead of holding them all. Keyset,
 * not OFFSET, so a page deep into the list costs what the first does.
 */
export async function listPeoplePage(
  db: Executor,
  after: { name: string; nip: string } | null,
  limit: number,
): Promise<PersonRow[]> {
  let q = db.selectFrom('people').selectAll().orderBy('name').orderBy('nip').limit(limit);
  if (after) q = q.where((eb) => eb(eb.refTuple('name', 'nip'), '>', eb.tuple(after.name, after.nip)));
  return q.execute();
}

/** Every person's id: whom a whole-watchlist export showed, for the read log. */
export async function listAllPersonIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('people').select('id').orderBy('id').execute()).map((r) => r.id);
}

/**
 * Holds the NIP's advisory lock to the end of the transaction: two admins (or one form sent twice) adding the
 * same NIP then check it one after the other, and the second is told who holds it — instead of both passing
 * the check and one failing on the unique index with a 500. Call before checking that the NIP is free.
 */
export async function lockPersonNip(tx: Executor, nip: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_PERSON_NIP}::int, hashtext(${nip}))`.execute(tx);
}

const LOCK_PERSON_NIP = 7303;

export async function insertPerson(db: Executor, values: PersonValues): Promise<PersonRow> {
  return db.insertInto('people').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updatePerson(db: Executor, id: string, values: PersonValues): Promise<PersonRow | undefined> {
  return db
    .updateTable('people')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the person and (by cascade) their accounts; returns what was deleted. */
export async function deletePerson(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.deleteFrom('people').where('id', '=', id).returningAll().executeTakeFirst();
}

/**
 * Inserts new people and updates existing ones (matched by `id`) in batched statements: a bulk import of
 * thousands of rows costs a handful of round trips.
 */
export async function upsertPeople(db: Executor, rows: readonly (PersonValues & { id: string })[]): Promise<void> {
  for (const part of chunks(rows, 1000)) {
    if (part.length === 0) continue;
    await db
      .insertInto('people')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          nip: eb.ref('excluded.nip'),
          agency: eb.ref('excluded.agency'),
          unit: eb.ref('excluded.unit'),
          position: eb.ref('excluded.position'),
          region_code: eb.ref('excluded.region_code'),
          ppk: eb.ref('excluded.ppk'),
          status: eb.ref('excluded.status'),
          notes: eb.ref('excluded.notes'),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  }
}

/** NIPs of people by id (who owns an account an import names). */
export async function findNipsByIds(db: Executor, ids: readonly string[]): Promise<{ id: string; nip: string }[]> {
  const out: { id: string; nip: string }[] = [];
  for (const chunk of chunks(ids)) {
    if (chunk.length === 0) continue;
    out.push(...(await db.selectFrom('people').select(['id', 'nip']).where('id', 'in', chunk).execute()));
  }
  return out;
}

/** Inside an import's transaction: two imports at once would each plan against the other's unseen rows. */
export async function lockWatchlistTables(db: Executor): Promise<void> {
  await sql`LOCK TABLE people, accounts IN SHARE ROW EXCLUSIVE MODE`.execute(db);
}
