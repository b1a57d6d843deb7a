import { writeFile } from 'node:fs/promises';
import { exportRegistry } from '@netra/watchlist';
import { parseArgs, withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'registry export <elections.json>';

/** `netra registry export`: the stored registry in the elections.json format. */
export const registryExportCommand: Command = {
  path: ['registry', 'export'],
  summary: 'Export the election registry as JSON (elections.json format)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { positional } = parseArgs(argv);
    const file = positional[0];
    if (!file || positional.length > 1) {
      io.stderr.write(`usage: netra ${USAGE}\n`);
      return 2;
    }
    try {
      const registry = await withDatabase(io.env, (handle) => exportRegistry(handle.db));
      await writeFile(file, `${JSON.stringify(registry, null, 2)}\n`);
      io.stdout.write(`Diekspor / exported: ${file} (${registry.contests.length} pemilihan / contests)\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`galat / error: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
