import { type FieldIssue, NetraError } from '@netra/core';

/**
 * A case rule refused an action. Codes are stable: CASE_FIELDS_MISSING (required fields before moving on),
 * CASE_STATE_INVALID (the action does not fit the case's status), CASE_REVIEWER_NOT_ALLOWED (the same
 * analyst, or a role that may not review), CASE_ITEMS_INVALID (items not confirmed, of several people or
 * contests, or already in a case), CASE_REFERRAL_NOT_FOUND (a document names a referral that is not this case's).
 */
export class CaseError extends NetraError {
  constructor(code: string, message: string, issues: FieldIssue[] = []) {
    super(code, message, { issues });
    this.name = 'CaseError';
  }
  get issues(): FieldIssue[] {
    return (this.details.issues as FieldIssue[]) ?? [];
  }
}
