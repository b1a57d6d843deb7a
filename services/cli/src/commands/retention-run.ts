import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runRetention } from '@netra/cases';
import { cliActor, withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'retention run [--days N]';

/**
 * `netra retention run`: the retention job (docs/privacy.md) — deletes never-flagged posts older than
 * RETENTION_UNFLAGGED_DAYS (or `--days`) with their artefact files; review items and cases are kept. For cron.
 */
export const retentionRunCommand: Command = {
  path: ['retention', 'run'],
  summary: 'Delete never-flagged posts past the retention period (cases and review items are kept)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let days: number;
    try {
      const { values } = parseArgs({ args: argv, options: { days: { type: 'string' } }, strict: true });
      days = Number(values.days ?? io.env.RETENTION_UNFLAGGED_DAYS ?? 180);
      if (!Number.isInteger(days) || days < 1)
        throw new Error('--days / RETENTION_UNFLAGGED_DAYS harus bilangan bulat ≥ 1 / must be a whole number ≥ 1');
    } catch (error) {
      io.stderr.write(
        `galat / error: ${error instanceof Error ? error.message : String(error)}\nusage: netra ${USAGE}\n`,
      );
      return 2;
    }
    try {
      const evidenceDir = io.env.EVIDENCE_DIR ?? join(io.env.NETRA_DATA_DIR ?? '.netra', 'evidence');
      const actor = cliActor(io.env);
      const result = await withDatabase(io.env, (handle) =>
        runRetention(handle.db, { unflaggedPostDays: days }, evidenceDir, new Date(), {
          id: null,
          username: actor.actorUsername,
        }),
      );
      io.stdout.write(
        `dihapus / deleted: ${result.posts} unggahan tak ditandai / never-flagged posts, ${result.files} berkas / files (sebelum / before ${result.cutoff.toISOString()})\n`,
      );
      return 0;
    } catch (error) {
      io.stderr.write(`galat / error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};
