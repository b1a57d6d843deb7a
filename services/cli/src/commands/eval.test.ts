import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { evalCommand } from './eval.ts';
import { trainCommand } from './train.ts';

const CORPUS = new URL('../../../../data/corpus/', import.meta.url).pathname;

async function run(command: typeof evalCommand, argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.resume();
  const io: CliIO = { stdin: Readable.from([]), stdout, stderr, env: {} };
  const code = await command.run(argv, io);
  return { code, out: out.join('') };
}

describe('netra eval and train', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netra-eval-'));
  const small = join(dir, 'small.jsonl');
  writeFileSync(small, readFileSync(`${CORPUS}dev.jsonl`, 'utf8').split('\n').slice(0, 150).join('\n'));

  it('reports precision, recall, F1, candidate accuracy and confusion as JSON with --json', async () => {
    const { code, out } = await run(evalCommand, [
      '--elections',
      `${CORPUS}elections.json`,
      '--input',
      small,
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.overall.n).toBe(150);
    expect(report.overall).toHaveProperty('candidateAccuracy');
    expect(report.overall.confusion.tp + report.overall.confusion.fn).toBeGreaterThan(0);
    expect(Object.keys(report.byContest).length).toBeGreaterThan(1);
  });
  it('prints a human-readable table with a confusion matrix by default', async () => {
    const { out } = await run(evalCommand, ['--elections', `${CORPUS}elections.json`, '--input', small, '--cv', '3']);
    expect(out).toContain('3-fold cross-validation');
    expect(out).toContain('confusion');
  });
  it('holds out each source repository with --holdout-source (posts without a source always train)', async () => {
    const lines = readFileSync(small, 'utf8').split('\n').filter(Boolean);
    const withSource = join(dir, 'sources.jsonl');
    writeFileSync(
      withSource,
      lines
        .map((l, i) =>
          JSON.stringify({ ...JSON.parse(l), ...(i < 60 ? { source: `owner/repo${i % 2}:file.csv#${i}` } : {}) }),
        )
        .join('\n'),
    );
    const { code, out } = await run(evalCommand, [
      '--elections',
      `${CORPUS}elections.json`,
      '--input',
      withSource,
      '--holdout-source',
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.mode).toBe('leave-one-source-out');
    expect(report.overall.n).toBe(60);
    expect(report.families).toHaveProperty('news_report');
  });
  it('rejects an unknown --suite part', async () => {
    const { code } = await run(evalCommand, ['--suite', '--parts', 'cv,nope']);
    expect(code).toBe(2);
  });
  it('rejects --cv 1', async () => {
    const { code } = await run(evalCommand, ['--elections', `${CORPUS}elections.json`, '--input', small, '--cv', '1']);
    expect(code).toBe(2);
  });
  it('trains a versioned artefact from extra labelled files', async () => {
    const outPath = join(dir, 'model.json');
    const { code, out } = await run(trainCommand, ['--no-corpus', '--input', small, '--out', outPath]);
    expect(code).toBe(0);
    expect(JSON.parse(out).examples).toBe(150);
    expect(JSON.parse(readFileSync(outPath, 'utf8')).format).toBe('netra-endorsement-lr');
  });
});
