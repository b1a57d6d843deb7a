export * from './case-fixtures.ts';
export * from './test-server.ts';
