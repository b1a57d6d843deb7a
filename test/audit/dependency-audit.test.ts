import { describe, expect, it } from 'vitest';
import { judgeAudit } from './dependency-audit.ts';

const FINDING = JSON.stringify({
  advisories: {
    '1': { id: 1, github_advisory_id: 'GHSA-aaaa-bbbb-cccc', module_name: 'left-pad', severity: 'high', title: 'x' },
  },
});

describe('dependency audit verdict', () => {
  it('fails on a finding that is not on the allow-list', () => {
    const verdict = judgeAudit(FINDING, []);
    expect(verdict.status).toBe('findings');
    expect(verdict.unaccepted[0]).toMatchObject({ package: 'left-pad', id: 'GHSA-aaaa-bbbb-cccc' });
  });

  it('accepts a finding on the allow-list', () => {
    const verdict = judgeAudit(FINDING, [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'left-pad', reason: 'dev only' }]);
    expect(verdict.status).toBe('accepted');
  });

  it('reports an unreachable audit service (no advisories in the answer) instead of passing or failing', () => {
    const down = JSON.stringify({ error: { code: 'ERR_PNPM_AUDIT_BAD_RESPONSE', message: 'responded with 405' } });
    expect(judgeAudit(down, []).status).toBe('unreachable');
    expect(judgeAudit('', []).status).toBe('unreachable');
    expect(judgeAudit(JSON.stringify({ advisories: {} }), []).status).toBe('clean');
  });
});
