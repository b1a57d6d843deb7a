export { isNetraError, NetraError } from './netra-error.ts';
export { type FieldIssue, issuesFromZod, parseOrThrow, ValidationError } from './validation-error.ts';
