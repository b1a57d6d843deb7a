import type { Executor } from '../connection/executor.ts';

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
