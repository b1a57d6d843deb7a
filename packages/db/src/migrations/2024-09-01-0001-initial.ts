import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The whole first schema. Frozen once released: later changes are new, later-dated files.
 * Decisions and the audit log are append-only; a trigger refuses UPDATE and DELETE so that even a bug or a
 * hand-typed query cannot rewrite the case history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE FUNCTION netra_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
    END $$;
  `,
  );

  await runStatements(
    db,
    `
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'analyst', 'viewer')),
      active boolean NOT NULL DEFAULT true,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username_key ON users (lower(username));

    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE login_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL,
      ip text NOT NULL,
      success boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX login_attempts_username_idx ON login_attempts (lower(username), at);
    CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);
  `,
  );

  await runStatements(
    db,
    `
    CREATE TABLE people (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      nip char(18) NOT NULL UNIQUE,
      agency text NOT NULL,
      unit text,
      position text NOT NULL,
      region_code text NOT NULL,
      ppk text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'retired')),
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX people_region_idx ON people (region_code);

    CREATE TABLE accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      platform text NOT NULL CHECK (platform IN ('facebook', 'instagram', 'tiktok', 'x', 'youtube')),
      handle text NOT NULL,
      profile_url text NOT NULL,
      platform_id text,
      link_method text NOT NULL DEFAULT 'self_declared'
        CHECK (link_method IN ('self_declared', 'analyst_verified', 'found')),
      status text NOT NULL DEFAULT 'unknown'
        CHECK (status IN ('unknown', 'ok', 'blocked', 'private', 'not_found')),
      last_crawled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX accounts_platform_handle_key ON accounts (platform, lower(handle));
    CREATE INDEX accounts_person_idx ON accounts (person_id);
  `,
  );

  await runStatements(
    db,
    `
    CREATE TABLE contests (
      id text PRIMARY KEY,
      kind text NOT NULL,
      region_code text NOT NULL,
      region_name text NOT NULL,
      election_date date NOT NULL,
      campaign_from date NOT NULL,
      campaign_to date NOT NULL,
      quiet_from date,
      quiet_to date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE candidates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contest_id text NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number > 0),
      names jsonb NOT NULL,
      aliases jsonb NOT NULL DEFAULT '[]',
      jargon jsonb NOT NULL DEFAULT '[]',
      hashtags jsonb NOT NULL DEFAULT '[]',
      slogans jsonb NOT NULL DEFAULT '[]',
      parties jsonb NOT NULL DEFAULT '[]',
      official_accounts jsonb NOT NULL DEFAULT '[]',
      stage text NOT NULL DEFAULT 'calon' CHECK (stage IN ('bakal_calon', 'calon')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (contest_id, number)
    );
  `,
  );

  await runStatements(
    db,
    `
    CREATE TABLE crawl_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      trigger text NOT NULL CHECK (trigger IN ('nightly', 'on_demand')),
      requested_by uuid REFERENCES users(id),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      accounts_total integer NOT NULL DEFAULT 0,
      accounts_done integer NOT NULL DEFAULT 0,
      accounts_failed integer NOT NULL DEFAULT 0,
      posts_found integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );

    CREATE TABLE posts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform text NOT NULL,
      external_id text NOT NULL,
      account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
      author_handle text NOT NULL,
      url text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('post', 'comment', 'caption', 'share')),
      text text NOT NULL,
      content_hash char(64) NOT NULL,
      posted_at timestamptz,
      fetched_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      context jsonb,
      media_descriptions jsonb NOT NULL DEFAULT '[]',
      raw jsonb NOT NULL DEFAULT '{}',
      crawl_run_id uuid REFERENCES crawl_runs(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform, external_id)
    );
    CREATE INDEX posts_account_idx ON posts (account_id, posted_at DESC);

    CREATE TABLE evidence_artefacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('screenshot', 'html', 'json')),
      sha256 char(64) NOT NULL,
      bytes integer NOT NULL,
      media_type text NOT NULL,
      path text NOT NULL,
      captured_at timestamptz NOT NULL,
      UNIQUE (post_id, sha256)
    );

    CREATE TABLE classifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      model_version text NOT NULL,
      score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
      flagged boolean NOT NULL,
      candidate text,
      stance text CHECK (stance IN ('pro', 'contra')),
      category text,
      evidence jsonb NOT NULL DEFAULT '[]',
      language text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (post_id, model_version)
    );

    CREATE TABLE review_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL UNIQUE REFERENCES posts(id) ON DELETE CASCADE,
      classification_id uuid NOT NULL REFERENCES classifications(id),
      status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'confirmed', 'dismissed', 'escalated', 'needs_info')),
      score double precision NOT NULL,
      assigned_to uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX review_items_queue_idx ON review_items (status, score DESC);

    CREATE TABLE review_decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      review_item_id uuid NOT NULL REFERENCES review_items(id),
      decided_by uuid NOT NULL REFERENCES users(id),
      decision text NOT NULL CHECK (decision IN ('confirmed', 'dismissed', 'escalated', 'needs_info')),
      label text NOT NULL CHECK (label IN ('endorse', 'neutral')),
      candidate text,
      stance text CHECK (stance IN ('pro', 'contra')),
      category text,
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX review_decisions_item_idx ON review_decisions (review_item_id, created_at);
    CREATE TRIGGER review_decisions_append_only BEFORE UPDATE OR DELETE ON review_decisions
      FOR EACH ROW EXECUTE FUNCTION netra_refuse_change();

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_username text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      before jsonb,
      after jsonb,
      ip text
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at);
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION netra_refuse_change();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE IF EXISTS audit_log, review_decisions, review_items, classifications, evidence_artefacts, posts,
      crawl_runs, candidates, contests, accounts, people, login_attempts, sessions, users CASCADE;
    DROP FUNCTION IF EXISTS netra_refuse_change();
  `,
  );
}
