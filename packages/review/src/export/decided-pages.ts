import { type DecidedItemsFilter, type Executor, listDecidedItemsPage } from '@netra/db';

export type DecidedRow = Awaited<ReturnType<typeof listDecidedItemsPage>>[number];

/** Rows per page of an export: a few MB of post text at most, whatever the number of decisions. */
export const DECIDED_PAGE_SIZE = 1_000;

/** Every decided item with its latest decision, a page at a time, oldest decision first. */
export async function* eachDecidedPage(
  db: Executor,
  filter: DecidedItemsFilter,
  pageSize = DECIDED_PAGE_SIZE,
): AsyncGenerator<DecidedRow[]> {
  let after: string | null = null;
  for (;;) {
    const page = await listDecidedItemsPage(db, filter, after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.decision_id;
  }
}
