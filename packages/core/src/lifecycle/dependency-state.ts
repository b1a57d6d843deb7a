import type { Logger } from '../log/create-logger.ts';

export interface DependencyStateOptions {
  /**
   * Checks the dependency while it is unavailable; the first success marks it available again. Without a
   * probe, only `recovered()` (a connection's own "ready" event) does.
   */
  probe?: () => Promise<unknown>;
  probeIntervalMs?: number;
}

function summary(error: unknown): { message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  return { message: String(error) };
}

/**
 * Whether a store this process depends on (PostgreSQL, Redis) is reachable, as seen from here. Every
 * connection reports into one state, and only a change of state is logged — one `unavailable` line and
 * one `available` line per outage, however many connections and retries saw it.
 */
export class DependencyState {
  readonly name: string;
  readonly #logger: Logger;
  readonly #probe: (() => Promise<unknown>) | undefined;
  readonly #probeIntervalMs: number;
  #downSince: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #waiters: (() => void)[] = [];

  constructor(name: string, logger: Logger, options: DependencyStateOptions = {}) {
    this.name = name;
    this.#logger = logger;
    this.#probe = options.probe;
    this.#probeIntervalMs = options.probeIntervalMs ?? 1_000;
  }

  get available(): boolean {
    return this.#downSince === null;
  }

  /** Milliseconds since the outage began, or 0 while available. */
  get unavailableForMs(): number {
    return this.#downSince === null ? 0 : Date.now() - this.#downSince;
  }

  /** A connection failed: logged on the change to unavailable, then the probe (if any) watches for recovery. */
  failed(error: unknown): void {
    if (this.#closed || this.#downSince !== null) return;
    this.#downSince = Date.now();
    this.#logger.warn({ dependency: this.name, state: 'unavailable', err: summary(error) }, `${this.name} unavailable`);
    this.#scheduleProbe();
  }

  /** The dependency answered again: logged on the change to available. */
  recovered(): void {
    if (this.#downSince === null) return;
    const downMs = Date.now() - this.#downSince;
    this.#downSince = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#logger.info({ dependency: this.name, state: 'available', downMs }, `${this.name} available again`);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves when available (at once if it is), or after `maxWaitMs`, whichever comes first. */
  waitUntilAvailable(maxWaitMs: number): Promise<void> {
    if (this.available || this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, maxWaitMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#waiters.push(done);
    });
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  #scheduleProbe(): void {
    const probe = this.#probe;
    if (!probe || this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      probe().then(
        () => this.recovered(),
        () => {
          if (this.#downSince !== null) this.#scheduleProbe();
        },
      );
    }, this.#probeIntervalMs);
    // A probe never keeps a process alive that is otherwise shutting down.
    this.#timer.unref();
  }
}
