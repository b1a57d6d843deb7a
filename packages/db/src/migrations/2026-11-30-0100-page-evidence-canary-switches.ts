import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Page collectors (issue 8): evidence gains the page's full HTML and full-page screenshot (`page_html`,
 * `page_screenshot`; stored once per page, listed in each post's manifest) beside the element's own `html` and
 * `screenshot`; the canary's results are kept (`canary_results`, one row per platform per check) for the crawls
 * page; and the per-platform kill switch an admin flips on the admin page (`platform_switches`; no row = on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE evidence_artefacts DROP CONSTRAINT IF EXISTS evidence_artefacts_kind_check;
    ALTER TABLE evidence_artefacts ADD CONSTRAINT evidence_artefacts_kind_check
      CHECK (kind IN ('screenshot', 'html', 'json', 'image', 'page_screenshot', 'page_html'));
    CREATE TABLE canary_results (
      id bigserial PRIMARY KEY,
      platform text NOT NULL,
      definition_version text,
      account text NOT NULL,
      verdict text NOT NULL
        CHECK (verdict IN ('recognised', 'changed', 'walled', 'consent', 'captcha', 'not_found', 'unreachable')),
      items integer NOT NULL DEFAULT 0 CHECK (items >= 0),
      detail text NOT NULL DEFAULT '',
      checked_at timestamptz NOT NULL,
      UNIQUE (platform, checked_at)
    );
    CREATE INDEX canary_results_platform_checked_idx ON canary_results (platform, checked_at DESC);
    CREATE TABLE platform_switches (
      platform text PRIMARY KEY,
      enabled boolean NOT NULL,
      reason text NOT NULL DEFAULT '',
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE IF EXISTS platform_switches;
    DROP TABLE IF EXISTS canary_results;
    DELETE FROM evidence_artefacts WHERE kind IN ('page_screenshot', 'page_html');
    ALTER TABLE evidence_artefacts DROP CONSTRAINT IF EXISTS evidence_artefacts_kind_check;
    ALTER TABLE evidence_artefacts ADD CONSTRAINT evidence_artefacts_kind_check
      CHECK (kind IN ('screenshot', 'html', 'json', 'image'));
  `,
  );
}
