import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendAudit, countUsers, type Database, insertUser } from '@netra/db';
import { hashPassword } from '@netra/server/passwords';
import type { Kysely } from 'kysely';

/**
 * On a store with no users, creates `admin` with NETRA_ADMIN_PASSWORD or a random password, written to a
 * file only the owner can read. Never prints a password on later starts.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ created: boolean; username: string; passwordFile?: string; password?: string }> {
  if ((await countUsers(db)) > 0) return { created: false, username: 'admin' };
  const password = env.NETRA_ADMIN_PASSWORD?.trim() || randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const user = await insertUser(tx, { username: 'admin', displayName: 'Administrator', passwordHash, role: 'admin' });
    await appendAudit(tx, {
      actorId: null,
      actorUsername: 'system:first-start',
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { username: 'admin', role: 'admin' },
    });
  });
  const passwordFile = join(dataDir, 'admin-password.txt');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await chmod(passwordFile, 0o600);
  return { created: true, username: 'admin', passwordFile, password };
}
