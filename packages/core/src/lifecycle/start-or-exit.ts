import { isNetraError } from '../errors/netra-error.ts';

/**
 * Runs a deployable's start-up. A Netra error (a wrong variable, an unreachable store) is a message for the
 * operator: printed as `name: CODE: message` without a stack, exit code 1. Anything else is a bug and keeps
 * its stack.
 */
export async function startOrExit(name: string, start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    process.stderr.write(
      isNetraError(error)
        ? `${name}: ${error.code}: ${error.message}\n`
        : `${name}: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exit(1);
  }
}
