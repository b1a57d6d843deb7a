import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Role } from '@netra/db';
import { assertPasswordAcceptable, createUser, MIN_PASSWORD_LENGTH, UserError } from '@netra/users';
import { cliActor, withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'users create --username <u> --role <admin|supervisor|analyst|viewer> [--name <display>]';
const ROLES: readonly Role[] = ['admin', 'supervisor', 'analyst', 'viewer'];
const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;

/** A refusal that names the offending field; exit code 2 for bad input, 1 for a refused change. */
class CliFieldError extends Error {
  readonly field: string;
  readonly code: string;
  readonly exitCode: number;
  constructor(field: string, code: string, message: string, exitCode = 2) {
    super(message);
    this.field = field;
    this.code = code;
    this.exitCode = exitCode;
  }
}

interface TtyInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

/** One line from a terminal without echoing it. */
function readHidden(input: TtyInput, prompt: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    input.setRawMode?.(true);
    input.resume();
    const done = (error?: Error) => {
      input.setRawMode?.(false);
      input.pause();
      input.removeListener('data', onData);
      prompt.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003')
          return done(new CliFieldError('password', 'USER_PASSWORD_ABORTED', 'dibatalkan / aborted'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of stdin (a pipe or a file); never from the command line, where it would land in shell history. */
async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

/** NETRA_PASSWORD, else one line of stdin (hidden when stdin is a terminal). */
export async function readPassword(io: CliIO): Promise<string> {
  const fromEnv = io.env.NETRA_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const input = io.stdin as TtyInput;
  if (input.isTTY) {
    io.stderr.write(`Kata sandi / password (min. ${MIN_PASSWORD_LENGTH}): `);
    return readHidden(input, io.stderr);
  }
  return readFirstLine(io.stdin);
}

function fail(io: CliIO, error: CliFieldError): number {
  io.stderr.write(`galat / error [${error.code}] ${error.field}: ${error.message}\n`);
  if (error.exitCode === 2) io.stderr.write(`usage: netra ${USAGE}\n`);
  return error.exitCode;
}

function parse(argv: string[]): { username: string; role: Role; name: string } {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new CliFieldError(
      'password',
      'USER_PASSWORD_AS_ARGUMENT',
      'jangan berikan kata sandi sebagai argumen; pakai NETRA_PASSWORD atau stdin / ' +
        'never pass the password as an argument; use NETRA_PASSWORD or stdin',
    );
  }
  let values: { username?: string; role?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { username: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliFieldError(
      'arguments',
      'CLI_ARGUMENTS_INVALID',
      error instanceof Error ? error.message : String(error),
    );
  }
  const username = values.username?.trim() ?? '';
  if (!username) throw new CliFieldError('--username', 'USER_USERNAME_REQUIRED', 'wajib diisi / required');
  if (!USERNAME.test(username)) {
    throw new CliFieldError(
      '--username',
      'USER_USERNAME_INVALID',
      '2–64 huruf, angka, titik, garis bawah atau tanda hubung / 2–64 letters, digits, dot, underscore or dash',
    );
  }
  const role = values.role?.trim() ?? '';
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new CliFieldError(
      '--role',
      role ? 'USER_ROLE_INVALID' : 'USER_ROLE_REQUIRED',
      `harus salah satu dari / must be one of: ${ROLES.join(', ')}`,
    );
  }
  const name = values.name?.trim() || username;
  if (name.length > 200)
    throw new CliFieldError('--name', 'USER_NAME_TOO_LONG', 'maksimal 200 karakter / at most 200 characters');
  return { username, role: role as Role, name };
}

/**
 * `netra users create`: adds a user (the first admin of a fresh installation, typically) with an audit
 * entry attributed to the CLI operator. The password comes from NETRA_PASSWORD or stdin, never argv.
 */
export const usersCreateCommand: Command = {
  path: ['users', 'create'],
  summary: 'Add a user; password from NETRA_PASSWORD or stdin (never an argument)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let input: ReturnType<typeof parse>;
    let password: string;
    try {
      input = parse(argv);
      password = await readPassword(io);
      // The user service's own rule, checked before the database is opened.
      assertPasswordAcceptable(password, input.username);
    } catch (error) {
      if (error instanceof CliFieldError) return fail(io, error);
      if (error instanceof UserError) return fail(io, new CliFieldError('password', error.code, error.message));
      throw error;
    }
    const actor = cliActor(io.env);
    try {
      const user = await withDatabase(io.env, (handle) =>
        createUser(
          handle.db,
          { id: actor.actorId, username: actor.actorUsername },
          { username: input.username, displayName: input.name, role: input.role, password },
        ),
      );
      io.stdout.write(
        `Pengguna dibuat / user created: ${user.username} (${user.role}) "${user.display_name}" id=${user.id}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof UserError && error.code === 'USER_CONFLICT') {
        return fail(io, new CliFieldError('--username', error.code, error.message, 1));
      }
      io.stderr.write(`galat / error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};
