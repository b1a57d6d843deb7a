export type * from './auth-tables.ts';
export type * from './case-tables.ts';
export type * from './collector-tables.ts';
export type * from './content-tables.ts';
export type * from './database.ts';
export type * from './registry-tables.ts';
export type * from './review-tables.ts';
export type * from './watchlist-tables.ts';
