/** Where a command reads and writes; tests pass their own streams instead of the process's. */
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/**
 * One `netra <name> …` sub-command. `run` returns the process exit code; it never calls process.exit so a
 * test can run it in-process.
 */
export interface Command {
  /** Words after `netra`, e.g. `['users', 'create']`. */
  path: string[];
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A command as the dispatcher knows it before it runs: its words, and how to load the module behind them. */
export interface CommandEntry {
  path: readonly string[];
  load(): Promise<Command>;
}
