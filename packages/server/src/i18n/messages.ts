import { type AdminMessages, adminMessages } from './admin-messages.ts';
import { type CaseMessages, caseMessages } from './case-messages.ts';
import { type CollectorMessages, collectorMessages } from './collector-messages.ts';
import { type CommonMessages, commonMessages } from './common-messages.ts';
import { type ImageTextMessages, imageTextMessages } from './image-text-messages.ts';
import { type ReviewMessages, reviewMessages } from './review-messages.ts';
import { type WatchMessages, watchMessages } from './watch-messages.ts';
import { type WatchlistMessages, watchlistMessages } from './watchlist-messages.ts';
import { type WorkspaceMessages, workspaceMessages } from './workspace-messages.ts';

/**
 * The one message catalogue of the web UI, Indonesian first. Each area keeps its strings in its own file;
 * every file defines `id` and an `en` typed against it, so a missing translation fails the type check.
 */
export type Messages = CommonMessages &
  ReviewMessages &
  AdminMessages &
  WatchlistMessages &
  WorkspaceMessages &
  CaseMessages &
  WatchMessages &
  ImageTextMessages &
  CollectorMessages;

export const catalogue: Record<'id' | 'en', Messages> = {
  id: {
    ...commonMessages.id,
    ...reviewMessages.id,
    ...adminMessages.id,
    ...watchlistMessages.id,
    ...workspaceMessages.id,
    ...caseMessages.id,
    ...watchMessages.id,
    ...imageTextMessages.id,
    ...collectorMessages.id,
  },
  en: {
    ...commonMessages.en,
    ...reviewMessages.en,
    ...adminMessages.en,
    ...watchlistMessages.en,
    ...workspaceMessages.en,
    ...caseMessages.en,
    ...watchMessages.en,
    ...imageTextMessages.en,
    ...collectorMessages.en,
  },
};
