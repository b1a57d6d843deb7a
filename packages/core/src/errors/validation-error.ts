import type { z } from 'zod';
import { NetraError } from './netra-error.ts';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `candidates.0.number`. */
  field: string;
  message: string;
}

/** Input that fails a schema. Names every offending field so the person who sent it can fix it. */
export class ValidationError extends NetraError {
  readonly issues: FieldIssue[];

  constructor(code: string, issues: FieldIssue[]) {
    const summary = issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ');
    super(code, summary, { issues });
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema` or throws a ValidationError carrying `code` and the field paths.
 *
 * @example
 * const post = parseOrThrow(postJobSchema, job.data, 'POST_PAYLOAD_INVALID')
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(code, issuesFromZod(result.error));
  return result.data;
}
