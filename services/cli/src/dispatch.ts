import type { CliIO, Command, CommandEntry } from './command.ts';

/**
 * Picks the command whose path is the longest prefix of argv, loads only that one and runs it with the rest.
 * Help (or no match) loads every command for its usage and summary.
 */
export async function dispatch(entries: readonly CommandEntry[], argv: string[], io: CliIO): Promise<number> {
  const match = [...entries]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
  if (!match || argv[0] === 'help' || argv[0] === '--help' || argv.length === 0) {
    io.stderr.write(helpText(await Promise.all(entries.map((e) => e.load()))));
    return match || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  const command = await match.load();
  return command.run(argv.slice(match.path.length), io);
}

function helpText(commands: readonly Command[]): string {
  const lines = commands.map((c) => `  netra ${c.usage.padEnd(58)} ${c.summary}`);
  return `Penggunaan / usage:\n${lines.join('\n')}\n`;
}
