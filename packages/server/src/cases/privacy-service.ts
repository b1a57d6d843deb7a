import { type Database, logRead, type ReadEntry } from '@netra/db';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../http/route.ts';

/** Logs a read of personal data by a signed-in user (UU PDP Ps 31), naming the persons it showed. */
export function logUserRead(
  db: Kysely<Database>,
  user: SessionUser,
  entityType: ReadEntry['entityType'],
  entityId: string,
  ip: string,
  action: ReadEntry['action'] = 'read',
  personIds: ReadEntry['personIds'] = entityType === 'person' ? [entityId] : [],
) {
  return logRead(db, { actorId: user.id, actorUsername: user.username, action, entityType, entityId, ip, personIds });
}

/**
 * Logs a list or search that showed personal data: one row for the whole request (the route in `entity_id`,
 * every person shown in `person_ids`), not one per person, so a queue page costs one insert. A list that
 * showed nobody is not logged.
 */
export async function logUserListRead(
  db: Kysely<Database>,
  user: SessionUser,
  route: string,
  personIds: readonly (string | null | undefined)[],
  ip: string,
  action: ReadEntry['action'] = 'read',
) {
  if (!personIds.some(Boolean)) return;
  await logRead(db, {
    actorId: user.id,
    actorUsername: user.username,
    action,
    entityType: 'person_list',
    entityId: route,
    ip,
    personIds,
  });
}

/**
 * Logs a read of the staff user list (names, roles, last sign-in): staff data, not a watched person's, so the
 * entry is `user_list` with the route and no `person_ids`; it never enters a person's access export.
 */
export function logStaffListRead(db: Kysely<Database>, user: SessionUser, route: string, ip: string) {
  return logUserRead(db, user, 'user_list', route, ip);
}
