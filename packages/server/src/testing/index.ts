export * from './test-server.ts';
