export * from './run-bounded-worker.ts';
