import { type Selectable, sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { AccountLinkMethod, AccountStatus, AccountsTable } from '../schema/watchlist-tables.ts';

export type AccountRow = Selectable<AccountsTable>;

/** The fields of an account that an admin or an import sets; status and crawl time belong to the collectors. */
export interface AccountValues {
  person_id: string;
  platform: string;
  handle: string;
  profile_url: string;
  platform_id: string | null;
  link_method: AccountLinkMethod;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `forUpdate`: hold the row until the transaction ends, as `getPerson`. */
export async function getAccount(db: Executor, id: string, forUpdate = false): Promise<AccountRow | undefined> {
  let q = db.selectFrom('accounts').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listAccountsOfPerson(db: Executor, personId: string): Promise<AccountRow[]> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('platform')
    .orderBy('handle')
    .execute();
}

/**
 * The accounts of these persons, each person's in `listAllAccounts`' order (platform, handle — all of one
 * person's accounts come in the same chunk): the watchlist export's pages repeat its bytes.
 */
export async function listAccountsOfPeople(db: Executor, personIds: readonly string[]): Promise<AccountRow[]> {
  const out: AccountRow[] = [];
  for (const part of chunks([...new Set(personIds)], 5000)) {
    out.push(
      ...(await db
        .selectFrom('accounts')
        .selectAll()
        .where('person_id', 'in', part)
        .orderBy('platform')
        .orderBy('handle')
        .execute()),
    );
  }
  return out;
}

/** The key an account is unique on: platform and case-folded handle. */
export function accountKey(platform: string, handle: string): string {
  return `${platform}:${handle.toLowerCase()}`;
}

/** Accounts with any of these platform/handle pairs (handles compared case-insensitively). */
export async function findAccountsByHandles(
  db: Executor,
  keys: readonly { platform: string; handle: string }[],
): Promise<AccountRow[]> {
  const wanted = new Set(keys.map((k) => accountKey(k.platform, k.handle)));
  const handles = [...new Set(keys.map((k) => k.handle.toLowerCase()))];
  const out: AccountRow[] = [];
  for (const part of chunks(handles, 5000)) {
    const rows = await db.selectFrom('accounts').selectAll().where(sql<string>`lower(handle)`, 'in', part).execute();
    out.push(...rows.filter((r) => wanted.has(accountKey(r.platform, r.handle))));
  }
  return out;
}

/**
 * Holds the platform handle's advisory lock (case-insensitive, like the unique index) to the end of the
 * transaction: two writes of one handle check it one after the other instead of one failing on the index with
 * a 500. Call before checking that the handle is free.
 */
export async function lockAccountHandle(tx: Executor, platform: string, handle: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_ACCOUNT_HANDLE}::int, hashtext(${accountKey(platform, handle)}))`.execute(
    tx,
  );
}

const LOCK_ACCOUNT_HANDLE = 7304;

export async function insertAccount(db: Executor, values: AccountValues): Promise<AccountRow> {
  return db.insertInto('accounts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateAccount(
  db: Executor,
  id: string,
  values: Partial<AccountValues> & { status?: AccountStatus },
): Promise<AccountRow | undefined> {
  return db
    .updateTable('accounts')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.deleteFrom('accounts').where('id', '=', id).returningAll().executeTakeFirst();
}

/** Inserts new accounts and updates existing ones (matched by `id`) in batched statements. */
export async function upsertAccounts(db: Executor, rows: readonly (AccountValues & { id: string })[]): Promise<void> {
  for (const part of chunks(rows, 1000)) {
    await db
      .insertInto('accounts')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          person_id: eb.ref('excluded.person_id'),
          platform: eb.ref('excluded.platform'),
          handle: eb.ref('excluded.handle'),
          profile_url: eb.ref('excluded.profile_url'),
          platform_id: eb.ref('excluded.platform_id'),
          link_method: eb.ref('excluded.link_method'),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  }
}

/** Every account with its person's NIP, in export order. */
export async function listAllAccounts(db: Executor): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('platform').orderBy('handle').execute();
}

/** An account as a queued job names it: by id, or by platform and handle (a reply's author, a tip's account). */
export interface AccountKeys {
  ids: readonly string[];
  handles: readonly { platform: string; handle: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The persons owning any of these accounts, in one query (the failed-job pages name them in their read entry).
 * Handles are matched case-folded and with or without a leading `@`; ids that are no uuid (a malformed job)
 * are skipped rather than failing the page.
 */
export async function listPersonsOfAccounts(db: Executor, keys: AccountKeys): Promise<string[]> {
  const ids = [...new Set(keys.ids.filter((id) => UUID.test(id)))];
  const wanted = new Set(
    keys.handles.flatMap(({ platform, handle }) => {
      const bare = handle.replace(/^@/, '').toLowerCase();
      return bare ? [`${platform}\n${bare}`, `${platform}\n@${bare}`] : [];
    }),
  );
  const pairs = [...wanted].map((k) => k.split('\n') as [string, string]);
  if (ids.length === 0 && pairs.length === 0) return [];
  const rows = await db
    .selectFrom('accounts as a')
    .select('a.person_id')
    .distinct()
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('a.id', 'in', ids)] : []),
        ...(pairs.length > 0
          ? [
              eb(
                eb.refTuple('a.platform', sql<string>`lower(${sql.ref('a.handle')})`),
                'in',
                pairs.map(([p, h]) => eb.tuple(p, h)),
              ),
            ]
          : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.person_id);
}
