import { join } from 'node:path';
import { DependencyState, type Logger, NetraError, type ShutdownStep } from '@netra/core';
import { createDatabase, type DatabaseHandle, migrateToLatest, pingDatabase } from '@netra/db';
import {
  createQueues,
  createRedisConnection,
  isRedisUnavailable,
  type PrivateRedis,
  type Queues,
  startPrivateRedis,
} from '@netra/queue';
import type { Redis } from 'ioredis';

export interface StoreSettings {
  DATABASE_URL?: string | undefined;
  REDIS_URL?: string | undefined;
  /** REDIS_URL is one node of a Redis Cluster (docs/operations.md). */
  REDIS_CLUSTER?: boolean | undefined;
  NETRA_DATA_DIR: string;
  QUEUE_PREFIX: string;
}

export interface StoreHealth {
  database: DependencyState;
  redis: DependencyState;
}

export interface Stores {
  database: DatabaseHandle;
  /** Blocking connection for BullMQ workers. */
  workerConnection: Redis;
  /** Fail-fast connection for producers. */
  producerConnection: Redis;
  queues: Queues;
  redisUrl: string;
  /**
   * Reachability of each store as this process sees it: every connection reports into these, each change
   * is logged once, and readiness reads them.
   */
  health: StoreHealth;
  /** Close in this order after the workers and server have stopped. */
  closeSteps: ShutdownStep[];
}

/**
 * Connects a deployable to its stores and brings the schema up to date. Without DATABASE_URL it uses the
 * embedded database in the data folder; without REDIS_URL it starts a private redis-server only when
 * `allowPrivateRedis` (the all-in-one start), otherwise it stops with a message saying what to set.
 */
export async function openStores(
  settings: StoreSettings,
  logger: Logger,
  options: { allowPrivateRedis: boolean },
): Promise<Stores> {
  // BullMQ's scripts touch several keys of a queue at once; on a cluster they must share a slot.
  if (settings.REDIS_CLUSTER && !/^\{[^{}]+\}$/.test(settings.QUEUE_PREFIX)) {
    throw new NetraError(
      'CONFIG_INVALID',
      `Konfigurasi tidak valid / invalid configuration:\n  QUEUE_PREFIX: dengan REDIS_CLUSTER=true harus berupa hash tag / with REDIS_CLUSTER=true it must be a hash tag (contoh / example: QUEUE_PREFIX={${settings.QUEUE_PREFIX.replace(/[{}]/g, '')}})`,
      { variables: ['QUEUE_PREFIX'] },
    );
  }
  let privateRedis: PrivateRedis | null = null;
  let redisUrl = settings.REDIS_URL;
  if (!redisUrl) {
    if (!options.allowPrivateRedis) {
      throw new NetraError(
        'CONFIG_INVALID',
        'REDIS_URL wajib diisi / REDIS_URL is required (contoh / example: REDIS_URL=redis://127.0.0.1:6379)',
        {
          variables: ['REDIS_URL'],
        },
      );
    }
    privateRedis = await startPrivateRedis({ dir: join(settings.NETRA_DATA_DIR, 'redis') });
    redisUrl = privateRedis.url;
    logger.info(
      { redisUrl, redisPid: privateRedis.pid },
      'started a private redis-server (set REDIS_URL to use your own)',
    );
  }
  // Probed once a second while down; the first answer logs the recovery.
  const databaseState: DependencyState = new DependencyState('postgres', logger, {
    probe: () => pingDatabase(database.db),
  });
  const redisState = new DependencyState('redis', logger);
  const database: DatabaseHandle = await createDatabase({
    url: settings.DATABASE_URL,
    dataDir: join(settings.NETRA_DATA_DIR, 'pglite'),
    onConnectionError: (error) => databaseState.failed(error),
  });
  if (database.kind === 'pglite') {
    logger.warn(
      'embedded PGlite database in use: fine for a trial, not for evidence (it never fsyncs); set DATABASE_URL',
    );
  }
  await migrateToLatest(database.db);
  const cluster = settings.REDIS_CLUSTER === true && !privateRedis;
  const workerConnection = createRedisConnection({ url: redisUrl, forWorker: true, state: redisState, cluster });
  const producerConnection = createRedisConnection({ url: redisUrl, forWorker: false, state: redisState, cluster });
  const queues = createQueues(producerConnection, settings.QUEUE_PREFIX, (error) => {
    if (isRedisUnavailable(error)) redisState.failed(error);
    else logger.error({ err: error }, 'queue error');
  });
  const closeSteps: ShutdownStep[] = [
    {
      name: 'store health',
      run: async () => {
        databaseState.close();
        redisState.close();
      },
    },
    { name: 'queues', run: () => queues.close() },
    { name: 'redis', run: async () => Promise.all([workerConnection.quit(), producerConnection.quit()]) },
    { name: 'database', run: () => database.close() },
  ];
  if (privateRedis) closeSteps.push({ name: 'private redis', run: () => privateRedis.stop() });
  return {
    database,
    workerConnection,
    producerConnection,
    queues,
    redisUrl,
    health: { database: databaseState, redis: redisState },
    closeSteps,
  };
}
