import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The review workspace (issue #10):
 * - claims: an analyst holds an item for a short lease (extended while the page is open), so two analysts
 *   never work the same post; an expired lease counts as free again;
 * - the queue's sort and filter keys copied onto review_items by a trigger (posted/captured time, platform,
 *   person, contest and candidate), so the queue, the person page and the overview are index scans of one
 *   table instead of joins across a million posts;
 * - decisions gain a dismissal reason and `undoes` (an undo is a new decision that supersedes another);
 * - saved queue views per user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE review_items
      ADD COLUMN claimed_by uuid REFERENCES users(id),
      ADD COLUMN claim_expires_at timestamptz,
      ADD COLUMN posted_at timestamptz,
      ADD COLUMN captured_at timestamptz,
      ADD COLUMN platform text,
      ADD COLUMN person_id uuid REFERENCES people(id) ON DELETE SET NULL,
      ADD COLUMN contest_id text,
      ADD COLUMN candidate text,
      ADD COLUMN decided_at timestamptz,
      ADD COLUMN decided_by uuid REFERENCES users(id);

    CREATE FUNCTION netra_review_item_keys() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT coalesce(p.posted_at, p.fetched_at), p.fetched_at, p.platform, a.person_id
        INTO NEW.posted_at, NEW.captured_at, NEW.platform, NEW.person_id
        FROM posts p LEFT JOIN accounts a ON a.id = p.account_id
       WHERE p.id = NEW.post_id;
      IF NEW.candidate IS NULL THEN
        SELECT c.candidate INTO NEW.candidate FROM classifications c WHERE c.id = NEW.classification_id;
      END IF;
      NEW.contest_id := nullif(split_part(coalesce(NEW.candidate, ''), '#', 1), '');
      RETURN NEW;
    END $$;
    CREATE TRIGGER review_items_keys BEFORE INSERT ON review_items
      FOR EACH ROW EXECUTE FUNCTION netra_review_item_keys();
  `,
  );
  // The splitter of runStatements does not cut before UPDATE: the backfill runs on its own.
  await runStatements(
    db,
    `
    UPDATE review_items ri SET
      posted_at = coalesce(p.posted_at, p.fetched_at), captured_at = p.fetched_at, platform = p.platform,
      person_id = a.person_id, candidate = c.candidate,
      contest_id = nullif(split_part(coalesce(c.candidate, ''), '#', 1), '')
      FROM posts p LEFT JOIN accounts a ON a.id = p.account_id, classifications c
     WHERE p.id = ri.post_id AND c.id = ri.classification_id;
  `,
  );
  await runStatements(
    db,
    `
    ALTER TABLE review_decisions
      ADD COLUMN reason text CHECK (reason IN ('news_report', 'official_duty', 'ordinary_word', 'namesake',
        'not_their_account', 'other')),
      ADD COLUMN undoes uuid REFERENCES review_decisions(id);
    ALTER TABLE review_decisions DROP CONSTRAINT IF EXISTS review_decisions_decision_check;
    ALTER TABLE review_decisions ADD CONSTRAINT review_decisions_decision_check
      CHECK (decision IN ('confirmed', 'dismissed', 'escalated', 'needs_info', 'reopened'));

    CREATE INDEX review_items_status_posted_idx ON review_items (status, posted_at DESC, id DESC);
    CREATE INDEX review_items_status_captured_idx ON review_items (status, captured_at DESC, id DESC);
    CREATE INDEX review_items_status_score_idx ON review_items (status, score DESC, id DESC);
    CREATE INDEX review_items_platform_score_idx ON review_items (status, platform, score DESC, id DESC);
    CREATE INDEX review_items_contest_score_idx ON review_items (status, contest_id, score DESC, id DESC);
    CREATE INDEX review_items_score_idx ON review_items (score DESC, id DESC);
    CREATE INDEX review_items_posted_idx ON review_items (posted_at DESC, id DESC);
    CREATE INDEX review_items_captured_idx ON review_items (captured_at DESC, id DESC);
    CREATE INDEX review_items_person_idx ON review_items (person_id, posted_at DESC);
    CREATE INDEX review_items_claim_idx ON review_items (claimed_by) WHERE claimed_by IS NOT NULL;
    CREATE INDEX review_items_assigned_idx ON review_items (assigned_to, status) WHERE assigned_to IS NOT NULL;
    CREATE INDEX review_decisions_user_idx ON review_decisions (decided_by, created_at);
    CREATE INDEX posts_author_handle_idx ON posts (lower(author_handle));
    CREATE INDEX people_name_idx ON people (lower(name) text_pattern_ops);
    CREATE INDEX people_nip_prefix_idx ON people (nip bpchar_pattern_ops);

    CREATE TABLE review_saved_views (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      query text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, name)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE IF EXISTS review_saved_views;
    DROP INDEX IF EXISTS review_items_contest_score_idx, review_items_platform_score_idx, review_items_score_idx, review_items_posted_idx, review_items_captured_idx,
      people_nip_prefix_idx, posts_author_handle_idx, people_name_idx, review_decisions_user_idx,
      review_items_assigned_idx, review_items_claim_idx, review_items_person_idx, review_items_status_score_idx,
      review_items_status_captured_idx, review_items_status_posted_idx;
    ALTER TABLE review_decisions DROP CONSTRAINT IF EXISTS review_decisions_decision_check;
    ALTER TABLE review_decisions ADD CONSTRAINT review_decisions_decision_check
      CHECK (decision IN ('confirmed', 'dismissed', 'escalated', 'needs_info'));
    ALTER TABLE review_decisions DROP COLUMN IF EXISTS undoes, DROP COLUMN IF EXISTS reason;
    DROP TRIGGER IF EXISTS review_items_keys ON review_items;
    DROP FUNCTION IF EXISTS netra_review_item_keys();
    ALTER TABLE review_items DROP COLUMN IF EXISTS decided_by, DROP COLUMN IF EXISTS decided_at,
      DROP COLUMN IF EXISTS candidate, DROP COLUMN IF EXISTS contest_id, DROP COLUMN IF EXISTS person_id,
      DROP COLUMN IF EXISTS platform, DROP COLUMN IF EXISTS captured_at, DROP COLUMN IF EXISTS posted_at,
      DROP COLUMN IF EXISTS claim_expires_at, DROP COLUMN IF EXISTS claimed_by;
  `,
  );
}
