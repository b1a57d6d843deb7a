export * from './demo-registry.ts';
export * from './demo-watchlist-csv.ts';
export * from './seed-demo.ts';
