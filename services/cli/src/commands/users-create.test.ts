import { PassThrough, Readable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { verifyPassword } from '@netra/server/passwords';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { dispatch } from '../dispatch.ts';
import { commands } from './index.ts';

const PASSWORD = 'kata sandi yang cukup panjang';

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

describe('netra users create / list', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  async function run(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const io: CliIO = {
      stdin: Readable.from([options.stdin ?? '']),
      stdout,
      stderr,
      env: { DATABASE_URL: database.url, NETRA_ACTOR: 'ops', ...options.env },
    };
    const code = await dispatch(commands, argv, io);
    return { code, stdout: out(), stderr: err() };
  }

  it('creates a user with the password from stdin, hashed, with an audit entry by the CLI actor', async () => {
    const result = await run(
      ['users', 'create', '--username', 'kepala', '--role', 'admin', '--name', 'Kepala Bawaslu'],
      {
        stdin: `${PASSWORD}\nignored second line\n`,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Pengguna dibuat / user created: kepala (admin)');
    const user = await database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'kepala')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: 'Kepala Bawaslu', role: 'admin', active: true });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true);
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.stdout).not.toContain('argon2');

    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_id: null,
      actor_username: 'cli:ops',
      action: 'user.create',
      entity_type: 'user',
      before: null,
      after: { username: 'kepala', displayName: 'Kepala Bawaslu', role: 'admin', active: true },
    });
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });

  it('takes the password from NETRA_PASSWORD and defaults the display name to the username', async () => {
    const result = await run(['users', 'create', '--username', 'analis1', '--role', 'analyst'], {
      env: { NETRA_PASSWORD: PASSWORD },
    });
    expect(result.code).toBe(0);
    const user = await database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'analis1')
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe('analis1');
    expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true);
  });

  it('names the field and exits non-zero on bad input, writing nothing', async () => {
    const short = await run(['users', 'create', '--username', 'x1', '--role', 'viewer'], { stdin: 'short\n' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('password');
    expect(short.stderr).toContain('USER_PASSWORD_TOO_SHORT');

    const role = await run(['users', 'create', '--username', 'x2', '--role', 'boss'], { stdin: `${PASSWORD}\n` });
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role');

    const noName = await run(['users', 'create', '--role', 'viewer'], { stdin: `${PASSWORD}\n` });
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--username');

    const asArgument = await run(['users', 'create', '--username', 'x3', '--role', 'viewer', '--password', PASSWORD]);
    expect(asArgument.code).toBe(2);
    expect(asArgument.stderr).toContain('USER_PASSWORD_AS_ARGUMENT');
    expect(asArgument.stderr).not.toContain(PASSWORD);

    const emptyStdin = await run(['users', 'create', '--username', 'x4', '--role', 'viewer']);
    expect(emptyStdin.code).toBe(2);

    const dup = await run(['users', 'create', '--username', 'KEPALA', '--role', 'viewer'], { stdin: `${PASSWORD}\n` });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('USER_CONFLICT');
    expect(dup.stderr).toContain('--username');

    const users = await database.db.selectFrom('users').select('username').execute();
    expect(users.map((u) => u.username).sort()).toEqual(['analis1', 'kepala']);
  });

  it('lists users as a table and as JSON lines, without hashes', async () => {
    const table = await run(['users', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/kepala\s+admin\s+ya\/yes/);
    expect(table.stdout).toContain('analis1');
    expect(table.stdout).not.toContain('argon2');

    const json = await run(['users', 'list', '--json']);
    expect(json.code).toBe(0);
    const rows = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.username)).toEqual(['analis1', 'kepala']);
    expect(json.stdout).not.toContain('argon2');
  });
});
