interface Pending<T, R> {
  item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Gathers items submitted one by one (a BullMQ worker hands over one job at a time, `concurrency` of them at
 * once) into batches, so that a batch is classified and written in one transaction. A batch goes when it is
 * full or when the oldest item has waited `maxWaitMs`.
 */
export class MicroBatcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly maxSize: number;
  private readonly maxWaitMs: number;
  private readonly run: (items: T[]) => Promise<R[]>;

  constructor(options: { maxSize: number; maxWaitMs: number; run: (items: T[]) => Promise<R[]> }) {
    this.maxSize = options.maxSize;
    this.maxWaitMs = options.maxWaitMs;
    this.run = options.run;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.run(batch.map((p) => p.item)).then(
      (results) => {
        for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
      },
      (error) => {
        for (const p of batch) p.reject(error);
      },
    );
  }
}
