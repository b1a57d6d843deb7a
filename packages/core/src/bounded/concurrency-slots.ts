/**
 * At most `max` runs at once in this process; further runs wait in arrival order, and a finishing run hands its
 * slot straight to the next waiter (so no later arrival can overtake one that waited). Used where each run holds
 * something scarce: a bounded thread's heap ceiling (`runBoundedWorker`), a libuv thread of an image decode.
 *
 * @example
 * const decodes = new ConcurrencySlots(2);
 * await decodes.run(() => sharp(bytes).toBuffer());
 */
export class ConcurrencySlots {
  readonly max: number;
  #running = 0;
  #peak = 0;
  readonly #waiting: (() => void)[] = [];

  // No parameter properties: worker scripts that import @netra/core run with Node's type stripping.
  constructor(max: number) {
    this.max = max;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running < this.max) this.#running++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve)); // the releasing run hands its slot over
    this.#peak = Math.max(this.#peak, this.#running);
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** Runs now, runs waiting, and the most that ran at once since the last `resetPeak` (for tests). */
  stats(): { running: number; waiting: number; peak: number } {
    return { running: this.#running, waiting: this.#waiting.length, peak: this.#peak };
  }

  resetPeak(): void {
    this.#peak = this.#running;
  }
}
