import type { Executor } from '../connection/executor.ts';

export async function listSavedViews(db: Executor, userId: string) {
  return db
    .selectFrom('review_saved_views')
    .select(['id', 'name', 'query', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute();
}

/** How many views a user has saved, and whether one of them has this name (saving it again replaces it). */
export async function countSavedViews(db: Executor, userId: string, name: string) {
  const row = await db
    .selectFrom('review_saved_views')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.count<string>('id').filterWhere('name', '=', name).as('named'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), named: Number(row.named) };
}

/** Saves (or replaces, by name) one user's view of the queue: the query string of its filters and sort. */
export async function saveView(db: Executor, input: { userId: string; name: string; query: string }) {
  return db
    .insertInto('review_saved_views')
    .values({ user_id: input.userId, name: input.name, query: input.query })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ query: input.query }))
    .returning(['id', 'name', 'query'])
    .executeTakeFirstOrThrow();
}

export async function deleteSavedView(db: Executor, input: { userId: string; id: string }): Promise<boolean> {
  const result = await db
    .deleteFrom('review_saved_views')
    .where('id', '=', input.id)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Active analysts and supervisors, for "assign to". */
export async function listAssignableUsers(db: Executor) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('active', '=', true)
    .where('role', 'in', ['analyst', 'supervisor', 'admin'])
    .orderBy('display_name')
    .execute();
}
