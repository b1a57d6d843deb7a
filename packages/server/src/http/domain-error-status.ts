import { isNetraError, ValidationError } from '@netra/core';
import type { ReviewErrorCode } from '@netra/review';
import { HttpError } from './http-error.ts';

/**
 * The one place domain error codes become HTTP statuses. Domain packages throw their own errors with stable
 * codes and know nothing of HTTP; a code not listed falls back to the naming conventions below.
 */
const REVIEW_STATUS: Record<ReviewErrorCode, number> = {
  REVIEW_ITEM_NOT_FOUND: 404,
  REVIEW_PERSON_NOT_FOUND: 404,
  REVIEW_VIEW_NOT_FOUND: 404,
  REVIEW_VIEW_LIMIT: 409,
  REVIEW_CANDIDATE_UNKNOWN: 400,
  REVIEW_CLAIMED_BY_OTHER: 409,
  REVIEW_DECISION_CONFLICT: 409,
  REVIEW_UNDO_NOT_ALLOWED: 409,
  REVIEW_UNDO_EXPIRED: 409,
  REVIEW_BULK_COUNT_CHANGED: 409,
  REVIEW_BULK_EMPTY: 409,
};

const BY_CODE: Record<string, number> = { ...REVIEW_STATUS };

export function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof ValidationError) return 400;
  if (!isNetraError(error)) return 500;
  const known = BY_CODE[error.code];
  if (known) return known;
  if (error.code.endsWith('_TOO_LARGE')) return 413;
  if (error.code.endsWith('_NOT_FOUND')) return 404;
  if (error.code.endsWith('_CONFLICT')) return 409;
  if (!error.retryable) return 400;
  return 500;
}
