/**
 * Base of every error Netra raises on purpose. The `code` is stable and safe to show users and to log;
 * callers branch on it (retry or not, HTTP status) instead of parsing messages.
 *
 * @example
 * throw new NetraError('POST_PAYLOAD_INVALID', 'text: required', { field: 'text' })
 */
export class NetraError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  /** Whether retrying the same operation could succeed (network hiccup) or never will (bad input). */
  readonly retryable: boolean;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, retryable = false) {
    super(message);
    this.name = 'NetraError';
    this.code = code;
    this.details = details;
    this.retryable = retryable;
  }

  toJSON(): { code: string; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isNetraError(error: unknown): error is NetraError {
  return error instanceof NetraError;
}
