import {
  NetraError,
  type Registry,
  registryJsonBody,
  registrySchema,
  unstorableReason,
  ValidationError,
} from '@netra/core';
import { validateRegionCode } from '../region/regions.ts';
import { jsonPathLabel, locateJsonPaths } from './json-locate.ts';

export interface RegistryIssue {
  /** JSON path into the file, e.g. `contests[2].candidates[1].number`. */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export class RegistryFileError extends ValidationError {
  readonly registryIssues: RegistryIssue[];
  constructor(issues: RegistryIssue[]) {
    super(
      'REGISTRY_INVALID',
      issues.map((i) => ({ field: i.path, message: i.line ? `baris ${i.line}: ${i.message}` : i.message })),
    );
    this.registryIssues = issues;
    this.details.registryIssues = issues;
  }
}

/**
 * Parses and validates a registry file (the `elections.json` format). Every error names the JSON path and,
 * where known, the line and column in the file. Region codes are also checked against the region list.
 */
export function parseRegistryJson(text: string): Registry {
  // Depth and size first, in one linear pass: a hostile deeply nested file must not reach the recursive
  // validators and path locator below (it overflowed the stack after 21 s on the event loop).
  let body: string;
  try {
    body = registryJsonBody(text);
  } catch (error) {
    if (!(error instanceof NetraError)) throw error;
    throw new RegistryFileError([{ path: '(root)', line: null, column: null, message: error.message }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const pos = /position (\d+)/.exec(message);
    let line: number | null = null;
    let column: number | null = null;
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (pos) {
      const before = body.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      column = Number(pos[1]) - before.lastIndexOf('\n');
    }
    throw new RegistryFileError([{ path: '(root)', line, column, message: `JSON tidak sah: ${message}` }]);
  }
  // Text no column can hold (NUL; an unpaired surrogate from a `\ud800` escape) is named here: it used to pass
  // validation and fail the insert or the audit entry with a 500.
  const unstorable: { path: (string | number)[]; message: string }[] = [];
  findUnstorableText(data, [], unstorable);
  if (unstorable.length > 0) throw new RegistryFileError(locate(body, unstorable));
  const result = registrySchema.safeParse(data);
  const issues: { path: (string | number)[]; message: string }[] = result.success
    ? []
    : result.error.issues.slice(0, MAX_REPORTED_ISSUES).map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      }));
  // Region codes are checked against the region list even when other fields are wrong, so one pass shows all.
  const rawContests = (data as { contests?: unknown })?.contests;
  if (Array.isArray(rawContests)) {
    rawContests.forEach(
      (contest: { region?: { code?: unknown }; quietPeriod?: { to?: unknown }; electionDate?: unknown }, ci) => {
        const code = contest?.region?.code;
        if (typeof code === 'string' && /^\d{2}(\.\d{2}){0,3}$/.test(code)) {
          const region = validateRegionCode(code);
          if (!region.ok) issues.push({ path: ['contests', ci, 'region', 'code'], message: region.message });
        }
        const quietTo = contest?.quietPeriod?.to;
        if (
          typeof quietTo === 'string' &&
          typeof contest.electionDate === 'string' &&
          quietTo >= contest.electionDate
        ) {
          issues.push({
            path: ['contests', ci, 'quietPeriod', 'to'],
            message: 'masa tenang harus berakhir sebelum hari pemungutan suara',
          });
        }
      },
    );
  }
  if (issues.length > 0) {
    const located = locate(body, issues.slice(0, MAX_REPORTED_ISSUES));
    const zodTotal = result.success ? 0 : result.error.issues.length;
    const total = zodTotal + issues.length - Math.min(zodTotal, MAX_REPORTED_ISSUES);
    const more = total - located.length;
    if (more > 0) {
      located.push({
        path: '(root)',
        line: null,
        column: null,
        message: `dan ${more} masalah lain; perbaiki yang di atas lalu impor ulang`,
      });
    }
    throw new RegistryFileError(located);
  }
  return (result as { data: Registry }).data;
}

/**
 * Issues reported per file. A file of 200,000 wrong values used to answer with 200,000 issues (a 15 MB
 * message); the first ones are what the admin fixes first anyway.
 */
export const MAX_REPORTED_ISSUES = 200;

function locate(body: string, issues: { path: (string | number)[]; message: string }[]): RegistryIssue[] {
  const located = locateJsonPaths(body);
  return issues.map((issue) => {
    // The deepest path that exists in the file (a missing field points at its parent object).
    let where: { line: number; column: number } | undefined;
    for (let n = issue.path.length; n >= 0 && !where; n--) where = located.get(issue.path.slice(0, n).join('.'));
    return {
      path: jsonPathLabel(issue.path),
      line: where?.line ?? null,
      column: where?.column ?? null,
      message: issue.message,
    };
  });
}

/** Strings (keys too) PostgreSQL cannot store, with their JSON paths; the depth is already bounded. */
function findUnstorableText(
  value: unknown,
  path: (string | number)[],
  out: { path: (string | number)[]; message: string }[],
): void {
  if (out.length >= MAX_REPORTED_ISSUES) return;
  const problem = (text: string) => {
    const reason = unstorableReason(text);
    if (reason === 'nul') return 'teks berisi karakter NUL (\\u0000)';
    return reason === 'surrogate' ? 'teks berisi surrogate Unicode tunggal (mis. \\ud800 tanpa pasangannya)' : null;
  };
  if (typeof value === 'string') {
    const p = problem(value);
    if (p) out.push({ path, message: p });
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) findUnstorableText(item, [...path, i], out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const p = problem(key);
    if (p) out.push({ path, message: `nama kolom: ${p}` });
    findUnstorableText(item, [...path, key], out);
  }
}
