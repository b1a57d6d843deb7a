import { type Kysely, sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { Database } from '../schema/database.ts';

export async function recordLoginAttempt(
  db: Executor,
  attempt: { username: string; ip: string; success: boolean },
): Promise<void> {
  await db.insertInto('login_attempts').values(attempt).execute();
}

/** Failed attempts since `since` for this username or from this address, whichever is larger. */
export async function countRecentFailures(
  db: Executor,
  key: { username: string; ip: string },
  since: Date,
): Promise<{ byUsername: number; byIp: number }> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere((f) => f(f.fn('lower', ['username']), '=', key.username.toLowerCase()))
        .as('by_username'),
      eb.fn.countAll<number>().filterWhere('ip', '=', key.ip).as('by_ip'),
    ])
    .where('success', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { byUsername: Number(row.by_username), byIp: Number(row.by_ip) };
}

// Advisory-lock key spaces, so a username and an address can never share a lock (and never deadlock).
const LOCK_USERNAME = 7301;
const LOCK_IP = 7302;

export type LoginReservation =
  | { allowed: true; attemptId: number }
  | { allowed: false; byUsername: number; byIp: number };

/**
 * Checks the failure limits and, when under them, records this attempt as a failure — atomically: the
 * username's and the address's advisory locks serialise concurrent sign-ins for the same key, so 16
 * parallel wrong passwords cannot all read "4 failures" and all be checked. The attempt counts as failed
 * until `markLoginAttemptSucceeded` says otherwise, so a crash mid-check still counts against the guesser.
 */
export async function reserveLoginAttempt(
  db: Kysely<Database>,
  key: { username: string; ip: string },
  since: Date,
  limits: { byUsername: number; byIp: number },
): Promise<LoginReservation> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_USERNAME}::int, hashtext(lower(${key.username}))), pg_advisory_xact_lock(${LOCK_IP}::int, hashtext(${key.ip}))`.execute(
      tx,
    );
    const counts = await countRecentFailures(tx, key, since);
    if (counts.byUsername >= limits.byUsername || counts.byIp >= limits.byIp) return { allowed: false, ...counts };
    const row = await tx
      .insertInto('login_attempts')
      .values({ username: key.username, ip: key.ip, success: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { allowed: true, attemptId: row.id };
  });
}

/** Marks a reserved attempt as the successful sign-in it turned out to be. */
export async function markLoginAttemptSucceeded(db: Executor, attemptId: number): Promise<void> {
  await db.updateTable('login_attempts').set({ success: true }).where('id', '=', attemptId).execute();
}
