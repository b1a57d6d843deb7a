import { type Platform, platformSchema, ValidationError } from '@netra/core';
import { appendAudit, type Database, findPlatformSwitch, listPlatformSwitches, setPlatformSwitch } from '@netra/db';
import type { Kysely } from 'kysely';

/** Reasons are shown to every admin and kept in the audit log: short, and required to switch a platform off. */
export const SWITCH_REASON_MAX = 500;

export interface PlatformSwitchState {
  platform: Platform;
  enabled: boolean;
  reason: string;
  changedBy: string | null;
  changedAt: Date | null;
}

/** Every platform with its switch (on when never switched), in the order of `platformSchema`. */
export async function platformSwitchStates(db: Kysely<Database>): Promise<PlatformSwitchState[]> {
  const rows = new Map((await listPlatformSwitches(db)).map((r) => [r.platform, r]));
  return platformSchema.options.map((platform) => {
    const row = rows.get(platform);
    return {
      platform,
      enabled: row?.enabled ?? true,
      reason: row?.reason ?? '',
      changedBy: row?.changed_by_username ?? null,
      changedAt: row?.changed_at ?? null,
    };
  });
}

/** Whether an admin has switched the platform's collection off (the scraper asks before every crawl job). */
export async function platformSwitchedOff(
  db: Kysely<Database>,
  platform: Platform,
): Promise<{ off: false } | { off: true; reason: string; by: string | null }> {
  const row = await findPlatformSwitch(db, platform);
  if (!row || row.enabled) return { off: false };
  return { off: true, reason: row.reason, by: row.changed_by_username };
}

/**
 * Switches one platform's collection on or off, with its audit entry (`platform.switch`) in the same
 * transaction. Switching off needs a reason; an unknown platform or a missing reason names the field.
 */
export async function switchPlatform(
  db: Kysely<Database>,
  actor: { id: string; username: string; ip?: string | null },
  input: { platform: string; enabled: boolean; reason?: string | undefined },
): Promise<PlatformSwitchState> {
  const platform = platformSchema.safeParse(input.platform);
  if (!platform.success) {
    throw new ValidationError('PLATFORM_UNKNOWN', [
      { field: 'platform', message: `bukan platform / not a platform: ${input.platform}` },
    ]);
  }
  const reason = (input.reason ?? '').trim().slice(0, SWITCH_REASON_MAX);
  if (!input.enabled && reason === '') {
    throw new ValidationError('PLATFORM_SWITCH_REASON_REQUIRED', [
      { field: 'reason', message: 'alasan wajib diisi untuk mematikan platform / a reason is required to switch off' },
    ]);
  }
  await db.transaction().execute(async (tx) => {
    const before = await setPlatformSwitch(tx, {
      platform: platform.data,
      enabled: input.enabled,
      reason,
      changedBy: actor.id,
    });
    await appendAudit(tx, {
      actorId: actor.id,
      actorUsername: actor.username,
      action: 'platform.switch',
      entityType: 'platform',
      entityId: platform.data,
      before: before ? { enabled: before.enabled, reason: before.reason } : { enabled: true },
      after: { enabled: input.enabled, reason },
      ip: actor.ip ?? null,
    });
  });
  const states = await platformSwitchStates(db);
  return states.find((s) => s.platform === platform.data)!;
}
