#!/usr/bin/env node
import { commands } from './commands/index.ts';
import { dispatch } from './dispatch.ts';

const code = await dispatch(commands, process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
