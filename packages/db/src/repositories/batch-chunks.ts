/** Rows per INSERT statement: keeps the bind parameters of a large batch far below PostgreSQL's 65,535. */
export const ROWS_PER_STATEMENT = 500;

/** `items` cut into consecutive slices of at most `size`, for multi-row statements. */
export function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
