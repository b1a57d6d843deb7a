import { Worker } from 'node:worker_threads';

/** How a bounded worker's run can end without an answer, each mapped to the caller's own typed error. */
export interface BoundedWorkerFailures {
  /** The deadline passed; the thread is terminated. */
  timeout: () => Error;
  /** The thread reached its heap ceiling (`ERR_WORKER_OUT_OF_MEMORY`). */
  outOfMemory: () => Error;
  /** Any other error thrown in the thread. */
  error: (error: Error) => Error;
  /** The thread exited without posting an answer. */
  exit: (code: number) => Error;
}

/**
 * Runs one worker thread under a heap ceiling and a wall-clock deadline and settles with its first message
 * (`answer` turns it into the result or throws the caller's error). Uploaded files (agency spreadsheets,
 * registry JSON) are parsed this way so a hostile file costs one bounded thread while every other request
 * keeps being answered; the thread is terminated however the run ends.
 *
 * @example
 * const table = await runBoundedWorker(new URL('./read-table-worker.ts', import.meta.url), { bytes },
 *   { maxMemoryMb: 512, timeoutMs: 20_000 }, (m: { ok: boolean; table?: Table }) => m.table!, failures);
 */
export function runBoundedWorker<M, T>(
  url: URL,
  workerData: unknown,
  limits: { maxMemoryMb: number; timeoutMs: number },
  answer: (message: M) => T,
  failures: BoundedWorkerFailures,
): Promise<T> {
  const worker = new Worker(url, {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 32 },
    stdout: false,
    stderr: false,
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(failures.timeout())), limits.timeoutMs);
    worker.once('message', (message: M) =>
      finish(() => {
        try {
          resolve(answer(message));
        } catch (error) {
          reject(error);
        }
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? failures.outOfMemory() : failures.error(error))),
    );
    worker.once('exit', (code) => finish(() => reject(failures.exit(code))));
  });
}
