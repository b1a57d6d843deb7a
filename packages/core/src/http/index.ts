export * from './node-server-timeouts.ts';
