import { constants as osConstants } from 'node:os';
import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Runs the steps in order (stop taking work first, then close workers, queues, Redis, the database), each
 * bounded by `stepTimeoutMs`, so a hung connection cannot keep a terminated pod alive. A second signal
 * exits at once.
 */
export async function shutdownInOrder(
  logger: Logger,
  steps: readonly ShutdownStep[],
  stepTimeoutMs = 10_000,
): Promise<boolean> {
  let clean = true;
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), stepTimeoutMs);
    });
    try {
      const outcome = await Promise.race([step.run().then(() => 'done' as const), timeout]);
      if (outcome === 'timeout') {
        clean = false;
        logger.warn({ step: step.name, timeoutMs: stepTimeoutMs }, 'shutdown step timed out');
      }
    } catch (error) {
      clean = false;
      logger.error({ step: step.name, err: error }, 'shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  }
  return clean;
}

/** Wires SIGTERM/SIGINT to an orderly shutdown and exits with 0 when every step finished cleanly. */
export function exitOnSignals(logger: Logger, steps: () => readonly ShutdownStep[], stepTimeoutMs?: number): void {
  const signals = watchStopSignals(logger, () => 1);
  void signals.next.then(async () => {
    const clean = await shutdownInOrder(logger, steps(), stepTimeoutMs);
    logger.info({ clean }, 'stopped');
    process.exit(clean ? 0 : 1);
  });
}

/** The shell's status for a process a signal ended: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (osConstants.signals[signal] ?? 15);
}

/** The first SIGTERM/SIGINT a long start-up (or a `--once` run) received; it stops at its next checkpoint. */
export interface StopSignals {
  /** The first signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Settles with the first signal (never rejects). */
  readonly next: Promise<NodeJS.Signals>;
  /** The shell's status for a run a signal cut short (`signalExitCode`); 0 when none came. */
  exitCode(): number;
  /** Gives the signals back to Node's default (exit at once). */
  dispose(): void;
}

/**
 * Catches SIGTERM/SIGINT from now on so that a process which starts children of its own (a private
 * redis-server, Chromium) can stop them before it exits: without a handler Node exits at once and they are left
 * running. A second signal exits at once (the person at the terminal pressed Ctrl-C twice, or the supervisor
 * lost patience), with `secondSignalExitCode` (by default the signal's shell status).
 */
export function watchStopSignals(
  logger: Logger,
  secondSignalExitCode: (signal: NodeJS.Signals) => number = signalExitCode,
): StopSignals {
  let received: NodeJS.Signals | undefined;
  let settle: (signal: NodeJS.Signals) => void = () => {};
  const next = new Promise<NodeJS.Signals>((resolve) => {
    settle = resolve;
  });
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(secondSignalExitCode(signal));
    }
    received = signal;
    logger.info({ signal }, 'shutting down');
    settle(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return {
    get received() {
      return received;
    },
    next,
    exitCode: () => (received ? signalExitCode(received) : 0),
    dispose: () => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
    },
  };
}
