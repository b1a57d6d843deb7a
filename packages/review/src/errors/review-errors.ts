import { NetraError } from '@netra/core';

/**
 * The review domain's error codes. Stable: the server maps each to an HTTP status in one place
 * (packages/server/src/http/domain-error-status.ts) and pages branch on them.
 */
export type ReviewErrorCode =
  | 'REVIEW_ITEM_NOT_FOUND'
  | 'REVIEW_CANDIDATE_UNKNOWN'
  | 'REVIEW_CLAIMED_BY_OTHER'
  | 'REVIEW_DECISION_CONFLICT'
  | 'REVIEW_UNDO_NOT_ALLOWED'
  | 'REVIEW_UNDO_EXPIRED'
  | 'REVIEW_BULK_COUNT_CHANGED'
  | 'REVIEW_BULK_EMPTY'
  | 'REVIEW_VIEW_NOT_FOUND'
  | 'REVIEW_VIEW_LIMIT'
  | 'REVIEW_PERSON_NOT_FOUND';

export class ReviewError extends NetraError {
  declare readonly code: ReviewErrorCode;
  constructor(code: ReviewErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'ReviewError';
  }
}

export const itemNotFound = (id: string) =>
  new ReviewError('REVIEW_ITEM_NOT_FOUND', 'Item telaah tidak ditemukan / review item not found', { id });
