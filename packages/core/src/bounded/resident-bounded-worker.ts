import { Worker } from 'node:worker_threads';
import { awaitWorkerAnswer, type BoundedWorkerFailures } from './run-bounded-worker.ts';

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
    const answered = awaitWorkerAnswer(worker, this.limits.timeoutMs, answer, failures, (failed) => {
      if (failed) this.drop(worker);
    });
    worker.postMessage(data);
    return answered;
  }
}
