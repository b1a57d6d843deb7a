import type { Migration } from 'kysely/migration';
import * as initial from './2024-09-01-0001-initial.ts';
import * as crawlRunAccounts from './2026-11-28-0100-crawl-run-accounts.ts';
import * as appendOnlyTruncate from './2026-11-28-0200-append-only-truncate.ts';
import * as importMappings from './2026-11-28-0500-import-mappings.ts';
import * as collectorCursors from './2026-11-28-0600-collector-cursors.ts';
import * as imageOcr from './2026-11-29-0700-image-ocr.ts';
import * as reviewWorkspace from './2026-11-29-0800-review-workspace.ts';
import * as cases from './2026-11-29-0900-cases.ts';
import * as postsCreatedIndex from './2026-11-29-1000-posts-created-index.ts';
import * as interactionsVersionsTips from './2026-11-29-1100-interactions-versions-tips.ts';
import * as pageEvidenceCanarySwitches from './2026-11-30-0100-page-evidence-canary-switches.ts';
import * as dropRedundantReviewIndex from './2026-12-01-0200-drop-redundant-review-index.ts';
import * as classificationImageText from './2026-12-01-0400-classification-image-text.ts';
import * as evidenceLookupIndexes from './2026-12-02-0500-evidence-lookup-indexes.ts';
import * as reviewItemKeysGiven from './2026-12-02-1400-review-item-keys-given.ts';
import * as classificationContestTiming from './2026-12-03-2000-classification-contest-timing.ts';
import * as classificationImageTextKey from './2026-12-03-5000-classification-image-text-key.ts';
import * as classificationTextKey from './2026-12-04-3000-classification-text-key.ts';
import * as accessLogPersonIds from './2026-12-05-3000-access-log-person-ids.ts';
import * as reviewDecisionsTimeIndex from './2026-12-05-3100-review-decisions-time-index.ts';
import * as crawlRunTarget from './2026-12-05-7000-crawl-run-target.ts';
import * as peopleOrderIndex from './2026-12-06-2000-people-order-index.ts';
import * as crawlRunAccountIds from './2026-12-06-2100-crawl-run-account-ids.ts';

/**
 * Every migration, in order. Names are dated and frozen; a new migration gets a later name (a test checks
 * that the list is sorted and that names are unique), so PostgreSQL and PGlite apply the same sequence.
 */
export const migrations: Record<string, Migration> = {
  '2024-09-01-0001-initial': initial,
  '2026-11-28-0100-crawl-run-accounts': crawlRunAccounts,
  '2026-11-28-0200-append-only-truncate': appendOnlyTruncate,
  '2026-11-28-0500-import-mappings': importMappings,
  '2026-11-28-0600-collector-cursors': collectorCursors,
  '2026-11-29-0700-image-ocr': imageOcr,
  '2026-11-29-0800-review-workspace': reviewWorkspace,
  '2026-11-29-0900-cases': cases,
  '2026-11-29-1000-posts-created-index': postsCreatedIndex,
  '2026-11-29-1100-interactions-versions-tips': interactionsVersionsTips,
  '2026-11-30-0100-page-evidence-canary-switches': pageEvidenceCanarySwitches,
  '2026-12-01-0200-drop-redundant-review-index': dropRedundantReviewIndex,
  '2026-12-01-0400-classification-image-text': classificationImageText,
  '2026-12-02-0500-evidence-lookup-indexes': evidenceLookupIndexes,
  '2026-12-02-1400-review-item-keys-given': reviewItemKeysGiven,
  '2026-12-03-2000-classification-contest-timing': classificationContestTiming,
  '2026-12-03-5000-classification-image-text-key': classificationImageTextKey,
  '2026-12-04-3000-classification-text-key': classificationTextKey,
  '2026-12-05-3000-access-log-person-ids': accessLogPersonIds,
  '2026-12-05-3100-review-decisions-time-index': reviewDecisionsTimeIndex,
  '2026-12-05-7000-crawl-run-target': crawlRunTarget,
  '2026-12-06-2000-people-order-index': peopleOrderIndex,
  '2026-12-06-2100-crawl-run-account-ids': crawlRunAccountIds,
};
