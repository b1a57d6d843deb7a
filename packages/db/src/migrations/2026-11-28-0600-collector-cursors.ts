import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The API collectors: three more platforms on watched accounts, and one cursor per account so the nightly
 * crawl reads only what is newer than the last crawl (the newest item id and time seen, per stream: posts,
 * likes, follows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_platform_check;
    ALTER TABLE accounts ADD CONSTRAINT accounts_platform_check
      CHECK (platform IN ('facebook', 'instagram', 'tiktok', 'x', 'youtube', 'bluesky', 'mastodon', 'telegram'));
    CREATE TABLE account_cursors (
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      stream text NOT NULL CHECK (stream IN ('posts', 'likes', 'follows')),
      newest_id text,
      newest_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, stream)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE IF EXISTS account_cursors;
    ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_platform_check;
    ALTER TABLE accounts ADD CONSTRAINT accounts_platform_check
      CHECK (platform IN ('facebook', 'instagram', 'tiktok', 'x', 'youtube'));
  `,
  );
}
