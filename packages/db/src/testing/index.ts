export * from './recording-database.ts';
export * from './test-database.ts';
