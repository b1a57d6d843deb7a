import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The case side (issue #11): contest milestones and candidate stage history (the stage at the time of the
 * act), officer profile fields on users, pangkat/golongan on people, case records with their posts,
 * officers, reviews (first, second, adjudication; append-only), referrals, outcomes (append-only) and
 * hashed documents, and the read log required by UU PDP Ps 31 (append-only, beside the write audit).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE contests ADD COLUMN regime text CHECK (regime IN ('pemilu', 'pilkada'));
    ALTER TABLE contests ADD COLUMN registration_from date;
    ALTER TABLE contests ADD COLUMN registration_to date;
    ALTER TABLE contests ADD COLUMN determined_on date;
    ALTER TABLE contests ADD COLUMN recap_to date;

    CREATE TABLE candidate_stage_history (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      candidate_id uuid NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      stage text NOT NULL CHECK (stage IN ('bakal_calon', 'calon')),
      from_date date NOT NULL,
      note text,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (candidate_id, from_date)
    );

    ALTER TABLE users ADD COLUMN position text;
    ALTER TABLE users ADD COLUMN assignment_letter_no text;
    ALTER TABLE users ADD COLUMN office_name text;
    ALTER TABLE people ADD COLUMN rank_grade text;

    CREATE TABLE case_number_counters (
      office_code text NOT NULL,
      year integer NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (office_code, year)
    );

    CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_number text NOT NULL UNIQUE,
      case_type text NOT NULL CHECK (case_type IN ('temuan', 'laporan')),
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'second_review', 'adjudication', 'ready', 'referred', 'closed', 'dismissed')),
      person_id uuid NOT NULL REFERENCES people(id),
      contest_id text NOT NULL REFERENCES contests(id),
      regime text NOT NULL CHECK (regime IN ('pemilu', 'pilkada')),
      office_level text NOT NULL CHECK (office_level IN ('RI', 'provinsi', 'kabupaten_kota')),
      office_region_code text NOT NULL,
      office_name text NOT NULL,
      found_at timestamptz NOT NULL,
      registered_at timestamptz,
      info_requested_at timestamptz,
      extended boolean NOT NULL DEFAULT false,
      witnesses jsonb NOT NULL DEFAULT '[]',
      chronology text,
      facts text,
      analysis text,
      articles jsonb NOT NULL DEFAULT '[]',
      skb_behaviour text,
      violation_type text,
      track text,
      suggested_track text,
      second_review_mode text CHECK (second_review_mode IN ('supervisor', 'blind')),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX cases_person_idx ON cases (person_id);
    CREATE INDEX cases_status_idx ON cases (status);

    CREATE TABLE case_items (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      review_item_id uuid NOT NULL UNIQUE REFERENCES review_items(id),
      stage_at_act text,
      target_status text CHECK (target_status IN ('bakal_calon', 'calon')),
      evidence_verified boolean NOT NULL DEFAULT false,
      verified_by uuid REFERENCES users(id),
      verified_at timestamptz,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, review_item_id)
    );

    CREATE TABLE case_officers (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, user_id)
    );

    CREATE TABLE case_reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      reviewer_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL CHECK (kind IN ('first', 'second', 'adjudication')),
      mode text CHECK (mode IN ('supervisor', 'blind')),
      verdict text NOT NULL CHECK (verdict IN ('pelanggaran', 'bukan_pelanggaran')),
      skb_behaviour text,
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_reviews_case_idx ON case_reviews (case_id, created_at);
    CREATE TRIGGER case_reviews_append_only BEFORE UPDATE OR DELETE ON case_reviews
      FOR EACH ROW EXECUTE FUNCTION netra_refuse_change();

    CREATE TABLE referrals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      letter_number text NOT NULL,
      letter_date date NOT NULL,
      recipient text NOT NULL,
      channel text NOT NULL,
      external_number text,
      follow_up_on date NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX referrals_case_idx ON referrals (case_id);

    CREATE TABLE case_outcomes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      referral_id uuid REFERENCES referrals(id),
      outcome text NOT NULL,
      sk_number text,
      sk_date date,
      note text,
      recorded_by uuid NOT NULL REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_outcomes_case_idx ON case_outcomes (case_id);
    CREATE TRIGGER case_outcomes_append_only BEFORE UPDATE OR DELETE ON case_outcomes
      FOR EACH ROW EXECUTE FUNCTION netra_refuse_change();

    CREATE TABLE case_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      referral_id uuid REFERENCES referrals(id),
      name text NOT NULL,
      media_type text NOT NULL,
      sha256 text NOT NULL,
      bytes integer NOT NULL,
      path text NOT NULL,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE access_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_username text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      ip text
    );
    CREATE INDEX access_log_entity_idx ON access_log (entity_type, entity_id);
    CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION netra_refuse_change();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE IF EXISTS access_log;
    DROP TABLE IF EXISTS case_documents;
    DROP TABLE IF EXISTS case_outcomes;
    DROP TABLE IF EXISTS referrals;
    DROP TABLE IF EXISTS case_reviews;
    DROP TABLE IF EXISTS case_officers;
    DROP TABLE IF EXISTS case_items;
    DROP TABLE IF EXISTS cases;
    DROP TABLE IF EXISTS case_number_counters;
    ALTER TABLE people DROP COLUMN IF EXISTS rank_grade;
    ALTER TABLE users DROP COLUMN IF EXISTS office_name;
    ALTER TABLE users DROP COLUMN IF EXISTS assignment_letter_no;
    ALTER TABLE users DROP COLUMN IF EXISTS position;
    DROP TABLE IF EXISTS candidate_stage_history;
    ALTER TABLE contests DROP COLUMN IF EXISTS recap_to;
    ALTER TABLE contests DROP COLUMN IF EXISTS determined_on;
    ALTER TABLE contests DROP COLUMN IF EXISTS registration_to;
    ALTER TABLE contests DROP COLUMN IF EXISTS registration_from;
    ALTER TABLE contests DROP COLUMN IF EXISTS regime;
  `,
  );
}
