import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AllowEntry, judgeAudit } from './dependency-audit.ts';

// Run from scripts/test.sh: exit 1 only on a real finding that is not on the allow-list.
const root = fileURLToPath(new URL('../..', import.meta.url));
const allowList = JSON.parse(readFileSync(`${root}security/audit-allowlist.json`, 'utf8')).accepted as AllowEntry[];
const run = spawnSync('pnpm', ['audit', '--prod', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
const verdict = judgeAudit(run.stdout || '', allowList);
if (verdict.status === 'unreachable') {
  console.warn(
    `WARNING: dependency audit skipped — the audit service could not be reached (${verdict.message}). ` +
      'Run `pnpm audit --prod` where the npm registry audit endpoint is reachable.',
  );
  process.exit(0);
}
for (const f of verdict.unaccepted) console.error(`AUDIT FINDING ${f.severity} ${f.package} ${f.id}: ${f.title}`);
if (verdict.accepted.length > 0)
  console.log(`audit: accepted by security/audit-allowlist.json: ${verdict.accepted.join(', ')}`);
console.log(`dependency audit: ${verdict.status} (${verdict.message})`);
process.exit(verdict.status === 'findings' ? 1 : 0);
