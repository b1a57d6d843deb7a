import { type Database, logRead, type ReadEntry } from '@netra/db';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../http/route.ts';

/** Logs a read of personal data by a signed-in user (UU PDP Ps 31). */
export function logUserRead(
  db: Kysely<Database>,
  user: SessionUser,
  entityType: ReadEntry['entityType'],
  entityId: string,
  ip: string,
  action: ReadEntry['action'] = 'read',
) {
  return logRead(db, { actorId: user.id, actorUsername: user.username, action, entityType, entityId, ip });
}
