import type { Executor } from '../connection/executor.ts';
import type { CanaryResultsTable } from '../schema/collector-tables.ts';

export interface CanaryResultInput {
  platform: string;
  definitionVersion: string | null;
  account: string;
  verdict: CanaryResultsTable['verdict'];
  items: number;
  detail: string;
  checkedAt: Date | string;
}

export interface CanaryResultRow {
  platform: string;
  definition_version: string | null;
  account: string;
  verdict: CanaryResultsTable['verdict'];
  items: number;
  detail: string;
  checked_at: Date;
}

/** Keeps one canary check per platform; the same platform and time stored twice is one row (a re-run is harmless). */
export async function recordCanaryResults(db: Executor, results: readonly CanaryResultInput[]): Promise<void> {
  if (results.length === 0) return;
  await db
    .insertInto('canary_results')
    .values(
      results.map((r) => ({
        platform: r.platform,
        definition_version: r.definitionVersion,
        account: r.account,
        verdict: r.verdict,
        items: r.items,
        detail: r.detail.slice(0, 2_000),
        checked_at: r.checkedAt,
      })),
    )
    .onConflict((oc) => oc.columns(['platform', 'checked_at']).doNothing())
    .execute();
}

/** The latest check of each platform, by platform name. */
export async function latestCanaryResults(db: Executor): Promise<CanaryResultRow[]> {
  return db
    .selectFrom('canary_results')
    .select(['platform', 'definition_version', 'account', 'verdict', 'items', 'detail', 'checked_at'])
    .distinctOn('platform')
    .orderBy('platform')
    .orderBy('checked_at', 'desc')
    .execute();
}
