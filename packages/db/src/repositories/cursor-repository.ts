import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import type { CursorStream } from '../schema/content-tables.ts';

export interface AccountCursor {
  stream: CursorStream;
  newestId: string | null;
  newestAt: Date | null;
}

/** The cursors of one account (at most one per stream). */
export async function getAccountCursors(db: Executor, accountId: string): Promise<AccountCursor[]> {
  const rows = await db
    .selectFrom('account_cursors')
    .select(['stream', 'newest_id', 'newest_at'])
    .where('account_id', '=', accountId)
    .orderBy('stream')
    .execute();
  return rows.map((r) => ({ stream: r.stream, newestId: r.newest_id, newestAt: r.newest_at }));
}

/**
 * Moves a cursor forward. Never moves it back: a late retry of an older crawl, or a crawl that saw nothing
 * newer, leaves the newest position in place (so the next incremental crawl still starts from it).
 */
export async function advanceAccountCursor(
  db: Executor,
  input: { accountId: string; stream: CursorStream; newestId: string | null; newestAt: Date | null },
): Promise<void> {
  await advanceAccountCursors(db, [input]);
}

/** `advanceAccountCursor` for several streams in one statement (a crawl ends with posts, likes and follows). */
export async function advanceAccountCursors(
  db: Executor,
  inputs: readonly { accountId: string; stream: CursorStream; newestId: string | null; newestAt: Date | null }[],
): Promise<void> {
  if (inputs.length === 0) return;
  await db
    .insertInto('account_cursors')
    .values(
      inputs.map((input) => ({
        account_id: input.accountId,
        stream: input.stream,
        newest_id: input.newestId,
        newest_at: input.newestAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'stream'])
        .doUpdateSet({
          newest_id: sql`excluded.newest_id`,
          newest_at: sql`excluded.newest_at`,
          updated_at: sql`now()`,
        })
        .where(sql<boolean>`account_cursors.newest_at IS NULL OR excluded.newest_at >= account_cursors.newest_at`),
    )
    .execute();
}

/** Forgets an account's cursors: its next crawl reads everything again (an explicit full re-read). */
export async function resetAccountCursors(db: Executor, accountId: string): Promise<number> {
  const result = await db.deleteFrom('account_cursors').where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
