import { Redis, type RedisOptions } from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  /** Workers block on Redis; BullMQ requires `maxRetriesPerRequest: null` for them so a command never fails mid-wait. */
  forWorker: boolean;
}

/**
 * One ioredis connection configured the way BullMQ needs it. Producers (the API) fail fast instead, so a
 * request does not hang while Redis is down.
 */
export function createRedisConnection(options: RedisConnectionOptions): Redis {
  const base: RedisOptions = {
    maxRetriesPerRequest: options.forWorker ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: options.forWorker ? 'netra-worker' : 'netra-producer',
  };
  return new Redis(options.url, base);
}
