import type { z } from 'zod';
import { HttpError } from './http-error.ts';

/** Validates one part of a request; a failure is a 400 that names every offending field. */
export function parseInput<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  part: 'params' | 'query' | 'body',
): S extends z.ZodType ? z.output<S> : undefined {
  if (!schema) return undefined as never;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data as never;
  const issues = result.error.issues.map((i) => ({
    field: [part, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new HttpError(400, 'REQUEST_INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}
