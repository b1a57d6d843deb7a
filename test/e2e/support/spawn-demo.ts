import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * `netra demo` as a newcomer starts it: nothing set but PATH and HOME (embedded database, private Redis), in a
 * process group of its own so a test can kill it whole whatever happens.
 */
export function spawnDemo(args: readonly string[], dataDir: string): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ['--no-warnings', 'services/cli/src/main.ts', 'demo', ...args, '--port', '0'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NETRA_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      DOTENV_CONFIG_QUIET: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}
