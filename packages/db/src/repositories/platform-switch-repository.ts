import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';

export interface PlatformSwitchRow {
  platform: string;
  enabled: boolean;
  reason: string;
  changed_by: string | null;
  changed_by_username: string | null;
  changed_at: Date;
}

/** Every platform an admin has switched at least once (a platform without a row is on). */
export async function listPlatformSwitches(db: Executor): Promise<PlatformSwitchRow[]> {
  return db
    .selectFrom('platform_switches as s')
    .leftJoin('users as u', 'u.id', 's.changed_by')
    .select([
      's.platform',
      's.enabled',
      's.reason',
      's.changed_by',
      'u.username as changed_by_username',
      's.changed_at',
    ])
    .orderBy('s.platform')
    .execute();
}

/** The switch of one platform, or null when it was never switched (on). */
export async function findPlatformSwitch(db: Executor, platform: string): Promise<PlatformSwitchRow | null> {
  const row = await db
    .selectFrom('platform_switches as s')
    .leftJoin('users as u', 'u.id', 's.changed_by')
    .select([
      's.platform',
      's.enabled',
      's.reason',
      's.changed_by',
      'u.username as changed_by_username',
      's.changed_at',
    ])
    .where('s.platform', '=', platform)
    .executeTakeFirst();
  return row ?? null;
}

/** Sets a platform on or off; returns the row before the change (null: never switched). */
export async function setPlatformSwitch(
  db: Executor,
  input: { platform: string; enabled: boolean; reason: string; changedBy: string | null },
): Promise<PlatformSwitchRow | null> {
  const before = await findPlatformSwitch(db, input.platform);
  await db
    .insertInto('platform_switches')
    .values({
      platform: input.platform,
      enabled: input.enabled,
      reason: input.reason,
      changed_by: input.changedBy,
    })
    .onConflict((oc) =>
      oc.column('platform').doUpdateSet({
        enabled: sql`excluded.enabled`,
        reason: sql`excluded.reason`,
        changed_by: sql`excluded.changed_by`,
        changed_at: sql`now()`,
      }),
    )
    .execute();
  return before;
}
