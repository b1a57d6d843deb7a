import { NetraError } from '@netra/core';

/** The user service's refusals; the server maps them to HTTP statuses in one place, the CLI to exit codes. */
export type UserErrorCode =
  | 'USER_CONFLICT'
  | 'USER_NOT_FOUND'
  | 'USER_SELF_DEACTIVATION'
  | 'USER_SELF_DEMOTION'
  | 'USER_PASSWORD_TOO_SHORT'
  | 'USER_PASSWORD_TOO_LONG'
  | 'USER_PASSWORD_WEAK';

export class UserError extends NetraError {
  declare readonly code: UserErrorCode;
  constructor(code: UserErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'UserError';
  }
}
