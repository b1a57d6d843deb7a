import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema/database.ts';

/** What repositories take, so that callers can compose several calls into one transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
