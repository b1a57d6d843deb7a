import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '@netra/db';

/** Who a CLI change is attributed to in the audit log: NETRA_ACTOR, else the operating-system user. */
export function cliActor(env: NodeJS.ProcessEnv): { actorId: null; actorUsername: string } {
  const name = env.NETRA_ACTOR?.trim() || safeUserName();
  return { actorId: null, actorUsername: `cli:${name}` };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * Opens the same store the services use (DATABASE_URL, else the embedded database in NETRA_DATA_DIR),
 * brings its schema up to date, runs `fn`, and always closes it.
 */
export async function withDatabase<T>(env: NodeJS.ProcessEnv, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const dataDir = env.NETRA_DATA_DIR?.trim() || '.netra';
  const handle = await createDatabase({ url: env.DATABASE_URL?.trim() || undefined, dataDir: join(dataDir, 'pglite') });
  try {
    await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** Minimal `--flag value` / `--switch` parsing; positional words are returned in order. */
export function parseArgs(argv: string[]): {
  flags: Record<string, string | true>;
  positional: string[];
  multi: Record<string, string[]>;
} {
  const flags: Record<string, string | true> = {};
  const multi: Record<string, string[]> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word.startsWith('--')) {
      const [name, inline] = word.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      let value: string | true = true;
      if (inline !== undefined) value = inline;
      else if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      }
      flags[name] = value;
      if (typeof value === 'string') {
        multi[name] ??= [];
        multi[name].push(value);
      }
    } else {
      positional.push(word);
    }
  }
  return { flags, positional, multi };
}
