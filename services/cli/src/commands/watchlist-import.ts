import { basename } from 'node:path';
import { applyWatchlistImport, DEFAULT_TABLE_LIMITS, type ImportPlan, planWatchlistImport } from '@netra/watchlist';
import { cliActor, parseArgs, withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';
import { InputFileRefused, readInputFile } from '../read-input-file.ts';

const USAGE = 'watchlist import <file.csv|file.xlsx> [--dry-run] [--json]';

/** Human summary of a plan: counts, then every rejected row with row, column and reason. */
export function formatPlan(plan: ImportPlan, applied: boolean): string {
  const lines = [
    `${applied ? 'Diimpor / imported' : 'Uji coba / dry run'}: ${plan.filename ?? '-'} (${plan.format}, ${plan.rowsRead} baris / rows)`,
    `ASN / people:    baru ${plan.people.create}, diubah ${plan.people.update}, tetap ${plan.people.unchanged}`,
    `akun / accounts: baru ${plan.accounts.create}, diubah ${plan.accounts.update}, tetap ${plan.accounts.unchanged}`,
    `baris diterima / rows accepted: ${plan.rowsAccepted}`,
    `baris ditolak / rows rejected: ${plan.rowsRejected}`,
    `akun ditolak / accounts rejected: ${plan.accountsRejected}`,
    `masalah / problems: ${plan.rejected.length}`,
  ];
  if (plan.ignoredColumns.length > 0)
    lines.push(`kolom diabaikan / ignored columns: ${plan.ignoredColumns.join(', ')}`);
  for (const w of plan.warnings) lines.push(`PERHATIAN / WARNING [${w.code}]: ${w.message}`);
  for (const r of plan.rejected) {
    lines.push(`  baris ${r.row}, kolom "${r.column}"${r.value ? ` (${r.value})` : ''}: ${r.message} [${r.code}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** `netra watchlist import`: dry run or apply a CSV/XLSX watchlist file, attributed to the CLI operator. */
export const watchlistImportCommand: Command = {
  path: ['watchlist', 'import'],
  summary: 'Import a CSV/XLSX watchlist (agency format); --dry-run writes nothing; exit 3 if rows were rejected',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { flags, positional } = parseArgs(argv);
    const file = positional[0];
    const unknown = Object.keys(flags).filter((f) => f !== 'dry-run' && f !== 'json');
    if (!file || positional.length > 1 || unknown.length > 0) {
      io.stderr.write(`usage: netra ${USAGE}\n`);
      return 2;
    }
    let bytes: Buffer;
    try {
      bytes = await readInputFile(file, DEFAULT_TABLE_LIMITS.maxFileBytes);
    } catch (error) {
      const code =
        error instanceof InputFileRefused && error.reason === 'too_large'
          ? 'IMPORT_FILE_TOO_LARGE'
          : 'IMPORT_FILE_UNREADABLE';
      io.stderr.write(`galat / error [${code}] ${file}: ${(error as Error).message}\n`);
      return 2;
    }
    const dryRun = flags['dry-run'] === true;
    try {
      const plan = await withDatabase(io.env, (handle) =>
        dryRun
          ? planWatchlistImport(handle.db, bytes, basename(file))
          : applyWatchlistImport(handle.db, bytes, cliActor(io.env), { filename: basename(file) }),
      );
      io.stdout.write(flags.json ? `${JSON.stringify({ applied: !dryRun, ...plan })}\n` : formatPlan(plan, !dryRun));
      // Rejected rows are not a failure of the import, but scripts may want to know: exit 3.
      return plan.rejected.length > 0 ? 3 : 0;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      io.stderr.write(`galat / error [${code}]: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
