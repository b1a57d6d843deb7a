import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '@netra/db';
import { ensureFirstAdmin as createFirstAdmin } from '@netra/users';
import type { Kysely } from 'kysely';

/**
 * On a store with no users, creates `admin` (through the user service) with NETRA_ADMIN_PASSWORD or a
 * random password, written to a file only the owner can read. Never prints a password on later starts.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ created: boolean; username: string; passwordFile?: string; password?: string }> {
  const result = await createFirstAdmin(db, env.NETRA_ADMIN_PASSWORD);
  if (!result.created) return { created: false, username: 'admin' };
  const passwordFile = join(dataDir, 'admin-password.txt');
  await writeFile(passwordFile, `${result.password}\n`, { mode: 0o600 });
  await chmod(passwordFile, 0o600);
  return { created: true, username: result.username, passwordFile, password: result.password };
}
