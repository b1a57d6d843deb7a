import { type Kysely, sql } from 'kysely';

/**
 * Runs a block of DDL one statement at a time. PGlite's query path takes a single statement, so a migration
 * written as one readable block is split at each `;` that ends a line before the next top-level keyword
 * (a `;` inside a plpgsql body is followed by more body, not by CREATE/DROP/ALTER).
 */
export async function runStatements(db: Kysely<unknown>, block: string): Promise<void> {
  const statements = block
    .split(/;\s*\n(?=\s*(?:CREATE|DROP|ALTER|INSERT|COMMENT)\b)/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
