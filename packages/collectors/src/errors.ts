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
  /** An API answered in a shape the collector does not know: never read as "ok, no posts". */
  responseUnrecognised: 'COLLECTOR_RESPONSE_UNRECOGNISED',
  /** A public HTML page (Telegram preview) no longer has the markup the collector reads. */
  markupChanged: 'COLLECTOR_MARKUP_CHANGED',
  /** An answer larger than the collector reads (`maxBodyBytes`): refused while streaming, never held whole. */
  responseTooLarge: 'COLLECTOR_RESPONSE_TOO_LARGE',
  /**
   * A URL (or a redirect's target) the collector may not fetch: not https, a private or reserved address, outside
   * PLATFORM_ORIGINS when set, or too many redirects. Not retried.
   */
  urlRefused: 'COLLECTOR_URL_REFUSED',
  /** The platform kept answering 429 / announced a wait longer than the collector may wait. */
  rateLimited: 'COLLECTOR_RATE_LIMITED',
  /** A post image was not kept (too large, wrong type, blocked address, HTTP error): the post goes on without it. */
  imageSkipped: 'COLLECTOR_IMAGE_SKIPPED',
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
