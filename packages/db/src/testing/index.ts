export * from './bench-seed.ts';
export * from './postgres-relay.ts';
export * from './recording-database.ts';
export * from './test-database.ts';
export * from './test-fixtures.ts';
export * from './wait-until.ts';
