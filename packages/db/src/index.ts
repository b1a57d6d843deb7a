export * from './connection/create-database.ts';
export * from './connection/database-unavailable.ts';
export * from './connection/executor.ts';
export { migrations } from './migrations/index.ts';
export { migrateToLatest, pendingMigrations } from './migrations/migrate.ts';
export * from './repositories/index.ts';
export type * from './schema/index.ts';
