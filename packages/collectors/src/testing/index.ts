export * from './api-fixtures.ts';
export * from './api-platform-server.ts';
export * from './s3-test-server.ts';
