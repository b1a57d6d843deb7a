import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Issue 8, second half: interactions (a like, follow, repost or reply of a watched account toward a candidate's
 * official account) are stored as posts of kind `interaction` with their target beside them; flagged and
 * tipped posts are re-checked, every changed text kept as a version (append-only, each with its own
 * evidence) and a post gone from its platform marked with the time it was first seen missing; a tip links a
 * manually captured post to the analyst who submitted it (and the person chosen, when no watched account
 * matches its URL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_kind_check;
    ALTER TABLE posts ADD CONSTRAINT posts_kind_check
      CHECK (kind IN ('post', 'comment', 'caption', 'share', 'interaction'));
    ALTER TABLE posts ADD COLUMN deleted_at timestamptz;
    ALTER TABLE posts ADD COLUMN last_checked_at timestamptz;

    CREATE TABLE post_interactions (
      post_id uuid PRIMARY KEY REFERENCES posts(id),
      kind text NOT NULL CHECK (kind IN ('like', 'follow', 'repost', 'reply')),
      target_type text NOT NULL CHECK (target_type IN ('post', 'account')),
      target_external_id text NOT NULL,
      target_url text,
      target_author text,
      target_text text,
      target_candidate text,
      interacted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE post_versions (
      post_id uuid NOT NULL REFERENCES posts(id),
      version integer NOT NULL CHECK (version >= 1),
      text text NOT NULL,
      content_hash char(64) NOT NULL,
      seen_at timestamptz NOT NULL,
      evidence jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (post_id, version)
    );
    CREATE TRIGGER post_versions_append_only BEFORE UPDATE OR DELETE ON post_versions
      FOR EACH ROW EXECUTE FUNCTION netra_refuse_change();
    CREATE TRIGGER post_versions_no_truncate BEFORE TRUNCATE ON post_versions
      FOR EACH STATEMENT EXECUTE FUNCTION netra_refuse_change();

    CREATE TABLE tips (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL UNIQUE REFERENCES posts(id),
      submitted_by uuid NOT NULL REFERENCES users(id),
      person_id uuid REFERENCES people(id) ON DELETE SET NULL,
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE IF EXISTS tips, post_versions, post_interactions;
    ALTER TABLE posts DROP COLUMN IF EXISTS last_checked_at;
    ALTER TABLE posts DROP COLUMN IF EXISTS deleted_at;
    ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_kind_check;
    ALTER TABLE posts ADD CONSTRAINT posts_kind_check CHECK (kind IN ('post', 'comment', 'caption', 'share'));
  `,
  );
}
