import { Worker } from 'node:worker_threads';
import type { BoundedWorkerFailures } from './run-bounded-worker.ts';

/**
 * One worker thread kept for many small runs, each under the same deadline and the thread's heap ceiling as
 * `runBoundedWorker`. Starting a thread costs ~150–200 ms (loading its modules), several times the parse of an
 * ordinary fetched page; this thread is started once and reused. Runs go one at a time (each deadline starts with
 * its run); a run past its deadline or the ceiling, or a crash, terminates the thread and the next run starts a new
 * one. The thread is unref'd: an idle one never keeps the process alive.
 *
 * The worker script answers each message it receives with one message (see telegram-page-worker.ts).
 */
export class ResidentBoundedWorker<D> {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly url: URL;
  private readonly limits: { maxMemoryMb: number; timeoutMs: number };

  // No parameter properties: worker scripts run with Node's type stripping, which refuses them.
  constructor(url: URL, limits: { maxMemoryMb: number; timeoutMs: number }) {
    this.url = url;
    this.limits = limits;
  }

  run<M, T>(data: D, answer: (message: M) => T, failures: BoundedWorkerFailures): Promise<T> {
    const job = this.queue.then(() => this.runOne(data, answer, failures));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Terminates the thread (shutdown, tests); the next run starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.url, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    // Between runs too: an 'error' without a listener would be thrown in the main thread.
    worker.on('error', () => this.drop(worker));
    worker.on('exit', () => this.drop(worker));
    return worker;
  }

  private drop(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  private runOne<M, T>(data: D, answer: (message: M) => T, failures: BoundedWorkerFailures): Promise<T> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (kill) this.drop(worker);
        fn();
      };
      const onMessage = (message: M) =>
        finish(() => {
          try {
            resolve(answer(message));
          } catch (error) {
            reject(error);
          }
        }, false);
      const onError = (error: Error & { code?: string }) =>
        finish(
          () => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? failures.outOfMemory() : failures.error(error)),
          true,
        );
      const onExit = (code: number) => finish(() => reject(failures.exit(code)), true);
      const timer = setTimeout(() => finish(() => reject(failures.timeout()), true), this.limits.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(data);
    });
  }
}
