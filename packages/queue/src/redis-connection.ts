import type { DependencyState } from '@netra/core';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  /** Workers block on Redis; BullMQ requires `maxRetriesPerRequest: null` for them so a command never fails mid-wait. */
  forWorker: boolean;
  /**
   * Where this connection (and every duplicate BullMQ makes of it) reports outages and recoveries. Without
   * one, errors are still listened to (ioredis would otherwise print raw stack traces) but not logged.
   */
  state?: DependencyState | undefined;
  /**
   * Redis Cluster (`REDIS_CLUSTER=true`): `url` names one node, the client discovers the rest. The queue
   * prefix must then be a hash tag (`{netra}`), which `openStores` checks.
   */
  cluster?: boolean | undefined;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable",
  'ECONNREFUSED',
  'ECONNRESET',
  'max retries per request',
  'LOADING',
  'Connection in subscriber mode',
];

/** True when an error says Redis is unreachable (or still loading its data), not that a command was wrong. */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return UNAVAILABLE_MESSAGES.some((m) => error.message.includes(m));
}

function watch(redis: Redis, state: DependencyState | undefined): Redis {
  redis.on('error', (error: Error) => {
    if (isRedisUnavailable(error)) state?.failed(error);
  });
  // A restart shorter than the first reconnect delay raises no error, only a reconnect: still an outage.
  redis.on('reconnecting', () => state?.failed(new Error('redis connection lost; reconnecting')));
  redis.on('ready', () => state?.recovered());
  // BullMQ duplicates the connection it is given (a worker's blocking connection, queue events); each
  // duplicate needs the same listeners, or a Redis restart prints '[ioredis] Unhandled error event'.
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (override?: Partial<RedisOptions>) => watch(duplicate(override), state);
  return redis;
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
    // Reconnect quickly at first, then every 2 s at most, for as long as the process runs.
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  };
  if (!options.cluster) return watch(new Redis(options.url, base), options.state);
  const url = new URL(options.url);
  const node = { host: url.hostname, port: Number(url.port || 6379) };
  const cluster = new Cluster([node], {
    redisOptions: {
      ...base,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
    enableReadyCheck: true,
  });
  // BullMQ takes a Cluster wherever it takes a Redis; the two share the commands and events used here.
  return watch(cluster as unknown as Redis, options.state);
}
