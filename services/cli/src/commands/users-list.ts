import { parseArgs } from 'node:util';
import { listUsers } from '@netra/db';
import { withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'users list [--json]';

function time(value: Date | string | null): string {
  return value ? new Date(value).toISOString().replace('T', ' ').slice(0, 16) : '-';
}

/** `netra users list`: every user with role and status (never password hashes); `--json` for one object per line. */
export const usersListCommand: Command = {
  path: ['users', 'list'],
  summary: 'List users with role, status and last sign-in',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let json = false;
    try {
      json = Boolean(parseArgs({ args: argv, options: { json: { type: 'boolean' } }, strict: true }).values.json);
    } catch (error) {
      io.stderr.write(
        `galat / error: ${error instanceof Error ? error.message : String(error)}\nusage: netra ${USAGE}\n`,
      );
      return 2;
    }
    try {
      const users = await withDatabase(io.env, (handle) => listUsers(handle.db));
      if (json) {
        for (const u of users) {
          io.stdout.write(
            `${JSON.stringify({
              id: u.id,
              username: u.username,
              displayName: u.display_name,
              role: u.role,
              active: u.active,
              lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
            })}\n`,
          );
        }
        return 0;
      }
      if (users.length === 0) {
        io.stdout.write('Belum ada pengguna / no users yet — netra users create --username … --role admin\n');
        return 0;
      }
      const header = ['username', 'peran/role', 'aktif/active', 'masuk terakhir/last sign-in', 'nama/name'];
      const rows = users.map((u) => [
        u.username,
        u.role,
        u.active ? 'ya/yes' : 'tidak/no',
        time(u.last_login_at),
        u.display_name,
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      const line = (cells: string[]) =>
        `${cells
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd()}\n`;
      io.stdout.write(line(header));
      for (const r of rows) io.stdout.write(line(r));
      return 0;
    } catch (error) {
      io.stderr.write(`galat / error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};
