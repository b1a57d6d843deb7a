import type { CliIO, Command } from './command.ts';

/** Picks the command whose path is the longest prefix of argv and runs it with the rest. */
export async function dispatch(commands: readonly Command[], argv: string[], io: CliIO): Promise<number> {
  const match = [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
  if (!match || argv[0] === 'help' || argv[0] === '--help' || argv.length === 0) {
    io.stderr.write(helpText(commands));
    return match || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  return match.run(argv.slice(match.path.length), io);
}

function helpText(commands: readonly Command[]): string {
  const lines = commands.map((c) => `  netra ${c.usage.padEnd(58)} ${c.summary}`);
  return `Penggunaan / usage:\n${lines.join('\n')}\n`;
}
