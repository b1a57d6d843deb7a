import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface DeployableProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr (its pino log), for failure messages. */
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();
// Last line of defence: a test file whose hooks never ran (a crash, a timeout in beforeAll) still takes its
// deployables down with it when its worker process exits.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Stops every deployable this test file started and has not stopped yet (for afterAll/afterEach). */
export async function stopAllDeployables(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/**
 * Runs a real deployable (`workers/classifier`, `workers/scraper`, `services/api`) as its own Node
 * process, exactly as it runs in production, with only the given environment.
 */
export function startDeployable(entry: string, env: Record<string, string>): DeployableProcess {
  let log = '';
  const child = spawn(process.execPath, ['--no-warnings', `${ROOT}${entry}`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout?.on('data', (c: Buffer) => {
    log += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    log += c.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  });
  return {
    child,
    log: () => log,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise((resolve) => {
        // A child killed by a signal has exitCode null and signalCode set: it has exited all the same, and
        // its 'exit' event will not fire again (waiting for it hung the fault suite's teardown).
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill(signal);
      }),
  };
}

/** Polls `check` until it returns a value that is not undefined, or fails with `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
