import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Which modules importing one entry of this package resolves, in a fresh Node process. */
function modulesLoadedBy(entry: string): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.push(r.url); return r; } });
    await import(${JSON.stringify(entry)});
    process.stdout.write(JSON.stringify(seen));
  `;
  const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[];
}

describe('worker entries', () => {
  it('loads no browser automation for the classifier worker', () => {
    const loaded = modulesLoadedBy('@netra/pipeline/classifier');
    expect(loaded.some((u) => u.includes('classifier-worker'))).toBe(true);
    expect(loaded.filter((u) => /playwright|@netra\/collectors|packages\/collectors/.test(u))).toEqual([]);
  });

  it('loads Playwright for the scraper worker (so the check above can fail)', () => {
    const loaded = modulesLoadedBy('@netra/pipeline/scraper');
    expect(loaded.some((u) => /playwright/.test(u))).toBe(true);
  });
});
