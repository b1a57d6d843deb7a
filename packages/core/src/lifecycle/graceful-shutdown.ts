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
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    shutdownInOrder(logger, steps(), stepTimeoutMs).then((clean) => {
      logger.info({ clean }, 'stopped');
      process.exit(clean ? 0 : 1);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
