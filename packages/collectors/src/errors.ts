import { NetraError } from '@netra/core';

/** Stable codes of collector errors; callers branch on these, never on messages. */
export const COLLECTOR_ERROR = {
  loginWall: 'COLLECTOR_LOGIN_WALL',
  privateAccount: 'COLLECTOR_PRIVATE_ACCOUNT',
  notFound: 'COLLECTOR_NOT_FOUND',
  navigationFailed: 'COLLECTOR_NAVIGATION_FAILED',
  pageMalformed: 'COLLECTOR_PAGE_MALFORMED',
  postInvalid: 'COLLECTOR_POST_INVALID',
  evidenceFailed: 'COLLECTOR_EVIDENCE_FAILED',
  browserNotFound: 'COLLECTOR_BROWSER_NOT_FOUND',
  poolClosed: 'COLLECTOR_POOL_CLOSED',
  apiFailed: 'COLLECTOR_API_FAILED',
  unsupportedUrl: 'COLLECTOR_UNSUPPORTED_URL',
} as const;
export type CollectorErrorCode = (typeof COLLECTOR_ERROR)[keyof typeof COLLECTOR_ERROR];

export function collectorError(
  code: CollectorErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  retryable = false,
): NetraError {
  return new NetraError(code, message, details, retryable);
}
