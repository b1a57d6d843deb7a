/**
 * `pnpm audit --prod` judged against the documented allow-list (security/audit-allowlist.json; each entry's
 * reason is in docs/security.md). A finding not on the list fails; an audit service that cannot be reached
 * is a loud warning, not a failure — CI must not go red because the registry's audit endpoint is down, and
 * must not go green silently either.
 */
export interface AllowEntry {
  /** GitHub advisory id (GHSA-…) or the npm advisory number. */
  id: string;
  package: string;
  reason: string;
}

export interface AuditVerdict {
  status: 'clean' | 'accepted' | 'findings' | 'unreachable';
  unaccepted: { id: string; package: string; severity: string; title: string }[];
  accepted: string[];
  message: string;
}

interface Advisory {
  id?: number | string;
  github_advisory_id?: string;
  module_name?: string;
  severity?: string;
  title?: string;
  url?: string;
}

export function judgeAudit(output: string, allowList: readonly AllowEntry[]): AuditVerdict {
  let report: { error?: { code?: string; message?: string }; advisories?: Record<string, Advisory> };
  try {
    report = JSON.parse(output);
  } catch {
    return { status: 'unreachable', unaccepted: [], accepted: [], message: 'audit output was not JSON' };
  }
  if (report.error || !report.advisories) {
    return {
      status: 'unreachable',
      unaccepted: [],
      accepted: [],
      message: report.error?.message ?? report.error?.code ?? 'audit answered without advisories',
    };
  }
  const allowed = new Set(allowList.map((a) => a.id));
  const unaccepted: AuditVerdict['unaccepted'] = [];
  const accepted: string[] = [];
  for (const advisory of Object.values(report.advisories)) {
    const ids = [advisory.github_advisory_id, advisory.id === undefined ? undefined : String(advisory.id)].filter(
      (v): v is string => typeof v === 'string',
    );
    const id = ids[0] ?? '(unknown)';
    if (ids.some((i) => allowed.has(i))) accepted.push(id);
    else
      unaccepted.push({
        id,
        package: advisory.module_name ?? '(unknown)',
        severity: advisory.severity ?? 'unknown',
        title: advisory.title ?? '',
      });
  }
  const status = unaccepted.length > 0 ? 'findings' : accepted.length > 0 ? 'accepted' : 'clean';
  return { status, unaccepted, accepted, message: `${unaccepted.length} unaccepted, ${accepted.length} accepted` };
}
