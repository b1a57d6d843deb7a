import { setTimeout as sleep } from 'node:timers/promises';
import type { Platform } from '@netra/core';

export interface PolitenessOptions {
  /** Crawls of one platform at once (per process); platforms not named use `defaultConcurrency`. */
  concurrency?: Partial<Record<Platform, number>>;
  /** Default per-platform concurrency (default: no limit beyond the worker's own). */
  defaultConcurrency?: number;
  /** Minimum gap between two requests or page loads to the same platform (default 0). */
  minDelayMs?: number;
  /** A random extra of up to this much on each gap, so requests do not tick like a clock (default 0). */
  jitterMs?: number;
  /** Per-platform minimum gap, overriding `minDelayMs`. */
  delayMs?: Partial<Record<Platform, number>>;
  /** Per-platform jitter, overriding `jitterMs`. */
  jitter?: Partial<Record<Platform, number>>;
  /** Kill switch: platforms not to contact at all. */
  disabled?: readonly Platform[];
  /** User agent of every request and browser context. */
  userAgent?: string;
  random?: () => number;
}

/**
 * How gently Netra collects, per platform and per process: at most N crawls of a platform at once, a minimum
 * delay with jitter between two requests to it (shared by every crawl of the process, so ten accounts on one
 * platform do not make ten times the traffic), and a kill switch that stops a platform outright.
 */
export class Politeness {
  readonly #options: PolitenessOptions;
  readonly #active = new Map<Platform, number>();
  readonly #waiting = new Map<Platform, (() => void)[]>();
  readonly #next = new Map<Platform, number>();

  constructor(options: PolitenessOptions = {}) {
    this.#options = options;
  }

  get userAgent(): string | undefined {
    return this.#options.userAgent;
  }

  isDisabled(platform: Platform): boolean {
    return this.#options.disabled?.includes(platform) ?? false;
  }

  limitOf(platform: Platform): number {
    return this.#options.concurrency?.[platform] ?? this.#options.defaultConcurrency ?? Number.POSITIVE_INFINITY;
  }

  /** Runs `fn` once fewer than the platform's limit of crawls are running. */
  async slot<T>(platform: Platform, fn: () => Promise<T>): Promise<T> {
    while ((this.#active.get(platform) ?? 0) >= this.limitOf(platform)) {
      await new Promise<void>((resolve) => {
        const queue = this.#waiting.get(platform) ?? [];
        queue.push(resolve);
        this.#waiting.set(platform, queue);
      });
    }
    this.#active.set(platform, (this.#active.get(platform) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.#active.set(platform, (this.#active.get(platform) ?? 1) - 1);
      this.#waiting.get(platform)?.shift()?.();
    }
  }

  /** Waits until the platform's minimum gap (plus jitter) since the previous request has passed. */
  async pace(platform: Platform): Promise<void> {
    const gap = this.#options.delayMs?.[platform] ?? this.#options.minDelayMs ?? 0;
    const jitter = this.#options.jitter?.[platform] ?? this.#options.jitterMs ?? 0;
    if (gap <= 0 && jitter <= 0) return;
    const now = Date.now();
    // Reserve the slot before sleeping, so concurrent callers line up instead of all waking together.
    const at = Math.max(now, this.#next.get(platform) ?? 0);
    this.#next.set(platform, at + gap + (this.#options.random ?? Math.random)() * jitter);
    if (at > now) await sleep(at - now);
  }
}
