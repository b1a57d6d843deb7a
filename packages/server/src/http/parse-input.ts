import { unstorableReason } from '@netra/core';
import type { z } from 'zod';
import { HttpError } from './http-error.ts';

/** Nesting walked when looking for unstorable text; deeper JSON is refused by the body parser already. */
const MAX_WALK_DEPTH = 64;

/**
 * Why a string cannot be stored, or null. PostgreSQL refuses NUL in `text` and `\u0000` or an unpaired
 * surrogate (`\ud800`, which JSON escapes can produce) in `jsonb` — the audit log stores inputs as jsonb — so
 * such a value used to reach the database and come back as a 500 from whichever query touched it first.
 */
function unstorable(value: string): string | null {
  const reason = unstorableReason(value);
  if (reason === 'nul') return 'berisi karakter NUL (\\u0000) / contains a NUL character';
  if (reason === 'surrogate') return 'berisi surrogate Unicode tunggal / contains an unpaired Unicode surrogate';
  return null;
}

/** Every string (keys included) in a parsed request part that PostgreSQL could not store, with its path. */
function findUnstorable(value: unknown, path: string[], out: { field: string; message: string }[], depth = 0): void {
  if (out.length >= 20 || depth > MAX_WALK_DEPTH) return;
  if (typeof value === 'string') {
    const problem = unstorable(value);
    if (problem) out.push({ field: path.join('.'), message: problem });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = unstorable(key);
    const safeKey = keyProblem ? key.toWellFormed().replace(/\u0000/g, '\\u0000') : key;
    if (keyProblem) out.push({ field: [...path, safeKey].join('.'), message: keyProblem });
    findUnstorable(item, [...path, safeKey], out, depth + 1);
  }
}

/**
 * Validates one part of a request; a failure is a 400 that names every offending field. Text that no column
 * could hold (NUL, unpaired surrogates) is refused here, for every route at once, before any query sees it.
 */
export function parseInput<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  part: 'params' | 'query' | 'body',
): S extends z.ZodType ? z.output<S> : undefined {
  if (!schema) return undefined as never;
  const bad: { field: string; message: string }[] = [];
  findUnstorable(value, [part], bad);
  if (bad.length > 0) {
    throw new HttpError(400, 'REQUEST_INVALID', bad.map((i) => `${i.field}: ${i.message}`).join('; '), {
      issues: bad,
    });
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data as never;
  const issues = result.error.issues.map((i) => ({
    field: [part, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new HttpError(400, 'REQUEST_INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}
