import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Watchlist import: column mappings an admin chose for a file shape (header signature), remembered for the
 * next file of the same shape; and accounts on Bluesky, Mastodon and Telegram. The platform CHECK is
 * replaced by name with the same statement another branch may run: dropping and re-adding it is idempotent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE import_column_mappings (
      signature text PRIMARY KEY,
      headers jsonb NOT NULL,
      mapping jsonb NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_platform_check;
    ALTER TABLE accounts ADD CONSTRAINT accounts_platform_check
      CHECK (platform IN ('facebook', 'instagram', 'tiktok', 'x', 'youtube', 'bluesky', 'mastodon', 'telegram'));
  `,
  );
}
