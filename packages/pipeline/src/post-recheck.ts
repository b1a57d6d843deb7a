import { API_PLATFORMS, type ArtefactStore, type PlatformOrigins, recheckPost } from '@netra/collectors';
import type { Logger, Platform } from '@netra/core';
import type { Database } from '@netra/db';
import { listPostsToRecheck, recordPostChecked, recordPostGone, recordPostPresent } from '@netra/db';
import type { Queues } from '@netra/queue';
import type { Kysely } from 'kysely';
import { platformSwitchStates } from './platform-switches.ts';
import { queueTextVersion } from './text-version-job.ts';

export interface RecheckDueOptions {
  db: Kysely<Database>;
  store: ArtefactStore;
  platformOrigins?: PlatformOrigins;
  logger: Logger;
  /** A post is due when its last check is older than this (e.g. 6 h). */
  intervalMs: number;
  /** Posts per run at most; the oldest-checked first, so the rest follow in the next runs. */
  limit: number;
  /** Platforms switched off (kill switch): never re-checked. */
  disabledPlatforms?: readonly Platform[];
  now?: () => Date;
  /** Where an edit's classification is queued (the scheduler's queues); absent: edits are versioned only. */
  queues?: Pick<Queues, 'classify'> | undefined;
}

export interface RecheckSummary {
  checked: number;
  edited: number;
  deleted: number;
  unchanged: number;
  unsupported: number;
  failed: number;
}

/**
 * Looks again at flagged and tipped posts whose last check is older than the interval: a changed text becomes a
 * new version, queued for classification under its own key, a post gone from its platform is marked deleted (first time seen missing), both with the
 * check's raw answer as evidence. Only platforms with a public API are re-read here; page-only platforms
 * (and tips from them) are counted as `unsupported` and wait for the next run.
 */
export async function recheckDuePosts(options: RecheckDueOptions): Promise<RecheckSummary> {
  const now = options.now?.() ?? new Date();
  // Off in configuration or switched off by an admin (platform_switches): not contacted at all.
  const switchedOff = new Set(
    (await platformSwitchStates(options.db)).filter((s) => !s.enabled).map((s) => s.platform),
  );
  const platforms = API_PLATFORMS.filter((p) => !options.disabledPlatforms?.includes(p) && !switchedOff.has(p));
  const due = await listPostsToRecheck(options.db, {
    // 90% of the interval: the job scheduler fires every interval, and a post checked by the previous run must
    // be due again in this one even when the two runs are a few milliseconds less than the interval apart.
    checkedBefore: new Date(now.getTime() - options.intervalMs * 0.9),
    limit: options.limit,
    platforms,
  });
  const summary: RecheckSummary = { checked: 0, edited: 0, deleted: 0, unchanged: 0, unsupported: 0, failed: 0 };
  for (const post of due) {
    const outcome = await recheckPost(
      {
        platform: post.platform as Platform,
        externalId: post.external_id,
        kind: post.kind,
        url: post.url,
        accountHandle: post.account_handle ?? post.author_handle,
      },
      { store: options.store, ...(options.platformOrigins ? { platformOrigins: options.platformOrigins } : {}) },
    );
    summary.checked++;
    switch (outcome.state) {
      case 'present': {
        const present = await recordPostPresent(options.db, {
          postId: post.id,
          text: outcome.text,
          seenAt: outcome.checkedAt,
          checkedAt: now.toISOString(),
          evidence: outcome.evidence,
        });
        if (present.version === null) summary.unchanged++;
        else {
          summary.edited++;
          // The edit is classified under its own key, as a later tip's text is: its open review item moves to
          // the new score, a decided one keeps its decision and says the post was scored again.
          if (options.queues)
            await queueTextVersion(options.db, options.queues, post.id, { ...present, seenAt: outcome.checkedAt });
        }
        break;
      }
      case 'gone':
        await recordPostGone(options.db, {
          postId: post.id,
          seenAt: outcome.checkedAt,
          checkedAt: now.toISOString(),
          evidence: outcome.evidence,
        });
        summary.deleted++;
        break;
      case 'unsupported':
        await recordPostChecked(options.db, post.id, now.toISOString());
        summary.unsupported++;
        break;
      case 'failed':
        // Nothing concluded about the post; its check time moves on so one failing post cannot hold the
        // others back, and the next run tries it again.
        options.logger.warn({ postId: post.id, err: outcome.error.message }, 're-check failed');
        await recordPostChecked(options.db, post.id, now.toISOString());
        summary.failed++;
        break;
    }
  }
  return summary;
}
