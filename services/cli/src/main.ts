#!/usr/bin/env node
import { isNetraError } from '@netra/core';
import { commands } from './commands/index.ts';
import { dispatch } from './dispatch.ts';

try {
  process.exitCode = await dispatch(commands, process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (error) {
  // A Netra error is a message for the person at the terminal; anything else is a bug and keeps its stack.
  process.stderr.write(
    isNetraError(error)
      ? `netra: ${error.code}: ${error.message}\n`
      : `netra: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exitCode = 1;
}
