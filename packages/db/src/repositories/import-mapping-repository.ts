import type { Executor } from '../connection/executor.ts';

/** The column mapping remembered for a file shape, or undefined. */
export async function findImportMapping(db: Executor, signature: string): Promise<Record<string, string> | undefined> {
  const row = await db
    .selectFrom('import_column_mappings')
    .select('mapping')
    .where('signature', '=', signature)
    .executeTakeFirst();
  return row?.mapping;
}

/** Remembers (or replaces) the mapping of a file shape. */
export async function saveImportMapping(
  db: Executor,
  values: { signature: string; headers: string[]; mapping: Record<string, string>; updatedBy: string },
): Promise<void> {
  await db
    .insertInto('import_column_mappings')
    .values({
      signature: values.signature,
      headers: JSON.stringify(values.headers),
      mapping: JSON.stringify(values.mapping),
      updated_by: values.updatedBy,
    })
    .onConflict((oc) =>
      oc.column('signature').doUpdateSet({
        headers: JSON.stringify(values.headers),
        mapping: JSON.stringify(values.mapping),
        updated_by: values.updatedBy,
        updated_at: new Date(),
      }),
    )
    .execute();
}
