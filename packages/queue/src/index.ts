export * from './job-payloads.ts';
export * from './job-retention.ts';
export * from './private-redis.ts';
export * from './private-redis-cluster.ts';
export * from './queue-names.ts';
export * from './queues.ts';
export * from './redis-connection.ts';
