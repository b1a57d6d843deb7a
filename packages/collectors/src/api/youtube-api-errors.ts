import type { NetraError } from '@netra/core';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import { isArray, isRecord, isString } from './api-context.ts';
import type { HttpExchange } from './http-client.ts';

/** Quota used up: retry later, visibly (`COLLECTOR_RATE_LIMITED`, retryable). */
export const QUOTA_REASONS = new Set([
  'quotaExceeded',
  'dailyLimitExceeded',
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'RATE_LIMIT_EXCEEDED',
  'RESOURCE_EXHAUSTED',
]);

/** The key itself is refused: an operator must act; retrying changes nothing. */
const KEY_REASONS = new Set([
  'keyInvalid',
  'keyExpired',
  'accessNotConfigured',
  'ipRefererBlocked',
  'forbidden',
  'API_KEY_INVALID',
  'API_KEY_SERVICE_BLOCKED',
  'API_KEY_HTTP_REFERRER_BLOCKED',
  'API_KEY_IP_ADDRESS_BLOCKED',
  'SERVICE_DISABLED',
  'PERMISSION_DENIED',
]);

/**
 * The `reason` of a Data API error body (`{error: {code, message, errors: [{domain, reason, message}]}}`);
 * newer answers put it in `error.details[].reason` or only `error.status` (`PERMISSION_DENIED`). Null when the
 * body is not such an error.
 */
export function youtubeErrorReason(exchange: HttpExchange): string | null {
  let body: unknown;
  try {
    body = JSON.parse(exchange.body);
  } catch {
    return null;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error) return null;
  const reasons = [...(isArray(error.errors) ? error.errors : []), ...(isArray(error.details) ? error.details : [])]
    .map((e) => (isRecord(e) && isString(e.reason) ? e.reason : null))
    .filter((r): r is string => r !== null);
  if (isString(error.status)) reasons.push(error.status);
  // A refused key comes as `badRequest` in `errors` and `API_KEY_INVALID` in `details`: the telling one wins.
  return reasons.find((r) => QUOTA_REASONS.has(r) || KEY_REASONS.has(r)) ?? reasons[0] ?? null;
}

/**
 * A typed error for a Data API error answer, or null when the answer is not one (then the caller reports a
 * changed shape). Quota → retryable COLLECTOR_RATE_LIMITED; a refused key or any other documented error →
 * COLLECTOR_API_FAILED naming the reason, not retryable.
 */
export function youtubeApiError(exchange: HttpExchange, what: string): NetraError | null {
  const reason = youtubeErrorReason(exchange);
  if (exchange.status === 429 || (reason && QUOTA_REASONS.has(reason))) {
    return collectorError(
      COLLECTOR_ERROR.rateLimited,
      `YouTube Data API: kuota habis / quota exhausted (${reason ?? `HTTP ${exchange.status}`}, ${exchange.requestUrl})`,
      { url: exchange.requestUrl, status: exchange.status, reason },
      true,
    );
  }
  if (!reason) return null;
  const keyProblem = KEY_REASONS.has(reason);
  return collectorError(
    COLLECTOR_ERROR.apiFailed,
    `YouTube Data API ${what}: ${keyProblem ? 'kunci API ditolak / API key refused' : 'galat / error'} (${reason}, HTTP ${exchange.status})`,
    { url: exchange.requestUrl, status: exchange.status, reason },
    false,
  );
}
