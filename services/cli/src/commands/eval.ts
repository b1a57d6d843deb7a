import { parseArgs } from 'node:util';
import {
  CORPUS_EXTRA_DIR,
  type CompiledRegistry,
  compileRegistry,
  contestFolds,
  crossValidate,
  defaultTrainingSet,
  describeError,
  type EvalReport,
  evaluateModel,
  evaluateSuite,
  FAMILIES,
  kFolds,
  loadModel,
  type Metrics,
  type PrPoint,
  prepare,
  readLabelledJsonl,
  readRegistries,
  type Scored,
  SUITE_PARTS,
  type SuitePart,
  sourceFolds,
} from '@netra/classifier';
import type { CliIO, Command } from '../command.ts';

const USAGE =
  'eval --elections <registry.json> --input <labelled.jsonl>… [--cv 5] [--holdout-contest] [--holdout-source] [--json]\n' +
  '       eval --suite [--parts cv,loso,loco,challenge] [--json]   (default training set + challenge set)';

const pct = (x: number) => x.toFixed(3);

function row(name: string, m: Metrics): string {
  const c = m.confusion;
  return [
    (name.length > 28 ? `${name.slice(0, 27)}…` : name).padEnd(28),
    String(m.n).padStart(5),
    pct(m.precision).padStart(7),
    pct(m.recall).padStart(7),
    pct(m.f1).padStart(7),
    pct(m.macroF1).padStart(8),
    pct(m.candidateAccuracy).padStart(7),
    pct(m.candidateAccuracyFlagged).padStart(8),
    `${c.tp}/${c.fp}/${c.fn}/${c.tn}`.padStart(16),
  ].join(' ');
}

/** Human-readable report: overall, per source file, per contest, per difficulty, with the confusion table. */
export function formatReport(r: EvalReport): string {
  const head = `${'group'.padEnd(28)} ${'n'.padStart(5)} ${'prec'.padStart(7)} ${'recall'.padStart(7)} ${'F1'.padStart(7)} ${'macroF1'.padStart(8)} ${'candAcc'.padStart(7)} ${'candAccTP'.padStart(8)} ${'TP/FP/FN/TN'.padStart(16)}`;
  const lines = [`== ${r.mode}`, head, row('overall', r.overall)];
  const c = r.overall.confusion;
  for (const [title, group] of [
    ['by source', r.bySource],
    ['by contest', r.byContest],
    ['by difficulty', r.byDifficulty],
  ] as const) {
    if (!group) continue;
    lines.push(`-- ${title}`);
    for (const [k, m] of Object.entries(group)) lines.push(row(k, m));
  }
  lines.push(
    '-- confusion (rows gold, columns predicted)',
    `${''.padEnd(16)}${'endorse'.padStart(9)}${'neutral'.padStart(9)}`,
    `${'endorse'.padEnd(16)}${String(c.tp).padStart(9)}${String(c.fn).padStart(9)}`,
    `${'neutral'.padEnd(16)}${String(c.fp).padStart(9)}${String(c.tn).padStart(9)}`,
    'candAcc: gold-endorse posts flagged with the right candidate / all gold-endorse; candAccTP: over flagged ones.',
    `stance accuracy on true positives: ${pct(r.overall.stanceAccuracyFlagged)}`,
    '-- errors by family (a post can be in several)',
    `${'family'.padEnd(26)}${'n'.padStart(6)}${'falseAlarm'.padStart(11)}${'miss'.padStart(6)}${'wrongCand'.padStart(10)}${'errRate'.padStart(9)}`,
  );
  for (const f of FAMILIES) {
    const t = r.families[f];
    lines.push(
      `${f.padEnd(26)}${String(t.n).padStart(6)}${String(t.falseAlarms).padStart(11)}${String(t.misses).padStart(6)}${String(t.wrongCandidate).padStart(10)}${pct(t.errorRate).padStart(9)}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** The out-of-fold precision–recall curve, every fifth point. */
export function formatCurve(curve: readonly PrPoint[]): string {
  const lines = ['== out-of-fold precision–recall curve (k-fold run)', 'threshold  precision  recall     F1'];
  for (const p of curve) {
    if (Math.round(p.threshold * 100) % 5 !== 0) continue;
    lines.push(
      `${p.threshold.toFixed(2).padStart(9)}  ${pct(p.precision).padStart(9)}  ${pct(p.recall).padStart(6)}  ${pct(p.f1).padStart(5)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function runSuite(partsArg: string | undefined, json: boolean, io: CliIO): Promise<number> {
  const parts = (partsArg ?? SUITE_PARTS.join(',')).split(',').map((x) => x.trim());
  const bad = parts.find((x) => !(SUITE_PARTS as readonly string[]).includes(x));
  if (bad) {
    io.stderr.write(`--parts: unknown part '${bad}' (one of ${SUITE_PARTS.join(', ')})\nusage: netra ${USAGE}\n`);
    return 2;
  }
  const training = defaultTrainingSet();
  if (training.warning) io.stderr.write(`${training.warning}\n`);
  const reg = compileRegistry(readRegistries(training.registries));
  const sets = training.files.map((f) => ({ name: f.split('/').pop()!, posts: readLabelledJsonl(f) }));
  const challenge = {
    posts: readLabelledJsonl(`${CORPUS_EXTRA_DIR}challenge.jsonl`),
    reg: compileRegistry(readRegistries([`${CORPUS_EXTRA_DIR}challenge-elections.json`])),
  };
  const suite = evaluateSuite({ sets, reg, challenge, parts: parts as SuitePart[] });
  if (json) io.stdout.write(`${JSON.stringify(suite)}\n`);
  else {
    io.stdout.write(suite.reports.map(formatReport).join('\n'));
    if (suite.prCurve) io.stdout.write(formatCurve(suite.prCurve));
  }
  return 0;
}

/**
 * `netra eval`: scores labelled posts with the shipped model, or with `--cv k` / `--holdout-contest`
 * trains inside each fold so no post is scored by a model that saw it.
 */
export const evalCommand: Command = {
  path: ['eval'],
  summary: 'Evaluate the classifier on labelled JSONL (precision, recall, F1, candidate accuracy; CV)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values: {
      elections?: string[];
      input?: string[];
      cv?: string;
      'holdout-contest'?: boolean;
      'holdout-source'?: boolean;
      suite?: boolean;
      parts?: string;
      json?: boolean;
      model?: string;
    };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          elections: { type: 'string', multiple: true },
          input: { type: 'string', multiple: true },
          cv: { type: 'string' },
          'holdout-contest': { type: 'boolean' },
          'holdout-source': { type: 'boolean' },
          suite: { type: 'boolean' },
          parts: { type: 'string' },
          json: { type: 'boolean' },
          model: { type: 'string' },
        },
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(`${describeError(error)}\nusage: netra ${USAGE}\n`);
      return 2;
    }
    if (values.suite) {
      try {
        return await runSuite(values.parts, Boolean(values.json), io);
      } catch (error) {
        io.stderr.write(`${describeError(error)}\n`);
        return 1;
      }
    }
    const k = values.cv === undefined ? 0 : Number(values.cv);
    if (!values.elections?.length || !values.input?.length || !Number.isInteger(k) || k === 1 || k < 0) {
      io.stderr.write(`--elections and --input are required; --cv takes an integer ≥ 2\nusage: netra ${USAGE}\n`);
      return 2;
    }
    try {
      const reg: CompiledRegistry = compileRegistry(readRegistries(values.elections));
      const files = values.input;
      const perFile = files.map((f) => readLabelledJsonl(f));
      const sourceOf = new Map<string, string>();
      perFile.forEach((posts, i) => {
        for (const p of posts) sourceOf.set(p.id, files[i]!.split('/').pop()!);
      });
      const source = files.length > 1 ? (s: Scored) => sourceOf.get(s.post.id) ?? '?' : undefined;
      const items = prepare(perFile.flat(), reg);
      const reports: EvalReport[] = [];
      if (k >= 2) reports.push(crossValidate(items, kFolds(items, k), reg, `${k}-fold cross-validation`, {}, source));
      if (values['holdout-contest']) {
        reports.push(crossValidate(items, contestFolds(items, reg), reg, 'leave-one-contest-out', {}, source));
      }
      if (values['holdout-source']) {
        reports.push(crossValidate(items, sourceFolds(items), reg, 'leave-one-source-out', {}, source));
      }
      if (reports.length === 0) {
        const model = loadModel(values.model);
        io.stderr.write(
          'note: scoring with the shipped model; if these posts were in its training data the figures are optimistic (use --cv)\n',
        );
        reports.push(evaluateModel(items, model, reg, source));
      }
      if (values.json) io.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports)}\n`);
      else io.stdout.write(reports.map(formatReport).join('\n'));
      return 0;
    } catch (error) {
      io.stderr.write(`${describeError(error)}\n`);
      return 1;
    }
  },
};
