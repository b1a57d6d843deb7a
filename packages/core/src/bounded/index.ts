export * from './concurrency-slots.ts';
export * from './resident-bounded-worker.ts';
export * from './run-bounded-worker.ts';
