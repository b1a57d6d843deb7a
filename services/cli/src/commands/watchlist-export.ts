import { writeFile } from 'node:fs/promises';
import { exportWatchlist } from '@netra/watchlist';
import { parseArgs, withDatabase } from '../cli-context.ts';
import type { CliIO, Command } from '../command.ts';

const USAGE = 'watchlist export <file.csv|file.xlsx>';

/** `netra watchlist export`: the watchlist in the import format; the format follows the file extension. */
export const watchlistExportCommand: Command = {
  path: ['watchlist', 'export'],
  summary: 'Export the watchlist as CSV or XLSX (by extension), re-importable unchanged',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { positional } = parseArgs(argv);
    const file = positional[0];
    if (!file || positional.length > 1) {
      io.stderr.write(`usage: netra ${USAGE}\n`);
      return 2;
    }
    const format = /\.xlsx$/i.test(file) ? 'xlsx' : 'csv';
    try {
      const bytes = await withDatabase(io.env, (handle) => exportWatchlist(handle.db, format));
      await writeFile(file, bytes);
      io.stdout.write(`Diekspor / exported: ${file} (${format}, ${bytes.length} bytes)\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`galat / error: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
