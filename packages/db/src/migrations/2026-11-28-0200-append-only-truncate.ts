import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The append-only tables also refuse TRUNCATE: row-level UPDATE/DELETE triggers do not fire on TRUNCATE, so
 * one statement could otherwise empty the case history. (The application role should not own the tables
 * either, so it cannot drop these triggers — docs/security.md has the SQL.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TRIGGER review_decisions_no_truncate BEFORE TRUNCATE ON review_decisions
      FOR EACH STATEMENT EXECUTE FUNCTION netra_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION netra_refuse_change();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
    DROP TRIGGER IF EXISTS review_decisions_no_truncate ON review_decisions;
  `,
  );
}
