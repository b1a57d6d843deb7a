export * from './graceful-shutdown.ts';
