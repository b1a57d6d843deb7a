import { importRegistry, parseRegistryJson, RegistryFileError } from '@netra/watchlist';
import { cliActor, parseArgs, withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';
import { readInputFile } from '../read-input-file.ts';
import { REGISTRY_FILE_MAX_BYTES } from '../read-registry-files.ts';

const USAGE = 'registry import <elections.json> [--dry-run]';

/** `netra registry import`: validates the file (errors name JSON path and line) and upserts its contests. */
export const registryImportCommand: Command = {
  path: ['registry', 'import'],
  summary: 'Import an election registry JSON file (contests in the file replace stored ones)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { flags, positional } = parseArgs(argv);
    const file = positional[0];
    if (!file || positional.length > 1 || Object.keys(flags).some((f) => f !== 'dry-run')) {
      io.stderr.write(`usage: netra ${USAGE}\n`);
      return 2;
    }
    let text: string;
    try {
      text = (await readInputFile(file, REGISTRY_FILE_MAX_BYTES)).toString('utf8');
    } catch (error) {
      io.stderr.write(`galat / error ${file}: ${(error as Error).message}\n`);
      return 2;
    }
    try {
      const registry = parseRegistryJson(text);
      const dryRun = flags['dry-run'] === true;
      const plan = await withDatabase(io.env, (handle) =>
        importRegistry(handle.db, registry, cliActor(io.env), { dryRun }),
      );
      io.stdout.write(
        `${dryRun ? 'Uji coba / dry run' : 'Diimpor / imported'}: pemilihan baru ${plan.contests.create.length}, diubah ${plan.contests.update.length}, tetap ${plan.contests.unchanged.length}; calon baru ${plan.candidates.create.length}, diubah ${plan.candidates.update.length}, dihapus ${plan.candidates.delete.length}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof RegistryFileError) {
        for (const i of error.registryIssues) {
          io.stderr.write(`${file}:${i.line ?? '?'}${i.column ? `:${i.column}` : ''} ${i.path}: ${i.message}\n`);
        }
        return 2;
      }
      io.stderr.write(`galat / error: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
