export * from './api-fixtures.ts';
export * from './api-platform-server.ts';
