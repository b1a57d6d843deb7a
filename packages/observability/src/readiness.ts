import { type DependencyState, sharedCheck } from '@netra/core';
import { type Database, isDatabaseUnavailable, pendingMigrations, pingDatabase } from '@netra/db';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';

/** What readiness looks at: the stores of one process, as `openStores` returns them. */
export interface ReadinessTarget {
  database: { db: Kysely<Database> };
  /** A fail-fast connection (the producer one): a worker's blocking connection would wait for Redis forever. */
  producerConnection: Redis;
  health: { database: DependencyState; redis: DependencyState };
}

export interface ReadinessReport {
  ok: boolean;
  database: 'available' | 'unavailable';
  redis: 'available' | 'unavailable';
  migrations: 'done' | 'pending' | 'unknown';
  /** Names of the stores (or `migrations`) that make this process unready; empty when ready. */
  failing: string[];
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * A report answers the probes of the next second too: a kubelet asks every few seconds, so an outage is seen
 * at most this much later, and a flood of probes costs the stores one check per second.
 */
export const READINESS_REUSE_MS = 1_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness for `/readyz`: PostgreSQL and Redis answer now, and every migration this code knows is applied.
 * A store already known to be down (its `DependencyState`) fails at once without waiting for a timeout;
 * a failed ping of a store thought up reports the outage into the same state, so it is logged once.
 *
 * Requests that arrive while a check runs share it, and a report is reused for `reuseForMs` (`sharedCheck`):
 * `/readyz` needs no session, on the API's public port too.
 */
export function readinessCheck(
  target: ReadinessTarget,
  reuseForMs = READINESS_REUSE_MS,
): () => Promise<ReadinessReport> {
  return sharedCheck(checkStores(target), reuseForMs);
}

function checkStores(target: ReadinessTarget): () => Promise<ReadinessReport> {
  let migrationsDone = false;
  return async () => {
    const { health } = target;
    const database =
      health.database.available &&
      (await withTimeout(pingDatabase(target.database.db), 'postgres').then(
        () => true,
        (error: unknown) => {
          if (isDatabaseUnavailable(error)) health.database.failed(error);
          return false;
        },
      ));
    const redis =
      health.redis.available &&
      (await withTimeout(target.producerConnection.ping(), 'redis').then(
        () => true,
        () => false,
      ));
    let migrations: ReadinessReport['migrations'] = migrationsDone ? 'done' : 'unknown';
    if (!migrationsDone && database) {
      migrations = await withTimeout(pendingMigrations(target.database.db), 'migrations').then(
        (pending) => (pending.length === 0 ? 'done' : 'pending'),
        () => 'unknown' as const,
      );
      // Applied migrations stay applied for the life of this process (its code knows no newer ones).
      migrationsDone = migrations === 'done';
    }
    const failing = [
      ...(database ? [] : ['database']),
      ...(redis ? [] : ['redis']),
      ...(migrations === 'done' ? [] : ['migrations']),
    ];
    const state = (up: boolean) => (up ? 'available' : 'unavailable');
    return { ok: failing.length === 0, database: state(database), redis: state(redis), migrations, failing };
  };
}
