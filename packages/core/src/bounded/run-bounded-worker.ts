import { Worker } from 'node:worker_threads';
import { ConcurrencySlots } from './concurrency-slots.ts';

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
 * Bounded threads running at once in this process; further runs wait their turn (their deadline starts when
 * their thread does). Each thread may grow to its heap ceiling (512 MiB for uploads): without a cap, a handful
 * of concurrent uploads (a retrying script, a double submit) could claim gigabytes and get the API killed.
 */
export const MAX_BOUNDED_WORKERS = 2;

const slots = new ConcurrencySlots(MAX_BOUNDED_WORKERS);

/** Threads running now, runs waiting, and the most that ran at once since the last reset (for tests). */
export function boundedWorkerStats(): { running: number; waiting: number; peak: number } {
  return slots.stats();
}

export function resetBoundedWorkerPeak(): void {
  slots.resetPeak();
}

/**
 * Runs one worker thread under a heap ceiling and a wall-clock deadline and settles with its first message
 * (`answer` turns it into the result or throws the caller's error). Uploaded files (agency spreadsheets,
 * registry JSON) are parsed this way so a hostile file costs one bounded thread while every other request keeps
 * being answered; the thread is terminated however the run ends. Many small runs: `ResidentBoundedWorker`.
 *
 * @example
 * const table = await runBoundedWorker(new URL('./read-table-worker.ts', import.meta.url), { bytes },
 *   { maxMemoryMb: 512, timeoutMs: 20_000 }, (m: { ok: boolean; table?: Table }) => m.table!, failures);
 */
export async function runBoundedWorker<M, T>(
  url: URL,
  workerData: unknown,
  limits: { maxMemoryMb: number; timeoutMs: number },
  answer: (message: M) => T,
  failures: BoundedWorkerFailures,
): Promise<T> {
  return slots.run(() => {
    const worker = new Worker(url, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    return awaitWorkerAnswer(worker, limits.timeoutMs, answer, failures, () => void worker.terminate());
  });
}

/**
 * Settles with the worker's next message (through `answer`) or the caller's error for a deadline, heap ceiling,
 * error or exit, whichever comes first; its listeners are removed and `ended(failed)` is called once either way.
 */
export function awaitWorkerAnswer<M, T>(
  worker: Worker,
  timeoutMs: number,
  answer: (message: M) => T,
  failures: BoundedWorkerFailures,
  ended: (failed: boolean) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (failed: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      ended(failed);
      fn();
    };
    const onMessage = (message: M) =>
      finish(false, () => {
        try {
          resolve(answer(message));
        } catch (error) {
          reject(error);
        }
      });
    const onError = (error: Error & { code?: string }) =>
      finish(true, () =>
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? failures.outOfMemory() : failures.error(error)),
      );
    const onExit = (code: number) => finish(true, () => reject(failures.exit(code)));
    const timer = setTimeout(() => finish(true, () => reject(failures.timeout())), timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
