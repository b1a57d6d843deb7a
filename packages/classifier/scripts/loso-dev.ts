/**
 * Development loop for issue 7: leave-one-source-out over the real posts (and optionally 5-fold CV over everything
 * and the challenge set) with the default training set, printing F1 at the model's own threshold, the best-threshold
 * F1 and ROC AUC (ranking quality, independent of the threshold), candidate and stance accuracy on true positives.
 * `--dump <file>` writes every LOSO error (id, gold, predicted) as JSONL OUTSIDE the repository for reading; the
 * real posts' text must never be copied into the repository. With `--dump-all` it writes every LOSO row (errors and
 * correct ones), so a rule can be tried afterwards on the same scores (pooled F1 and AUC per source).
 * Usage (repo root): DOTENV_CONFIG_QUIET=true node --no-warnings packages/classifier/scripts/loso-dev.ts [--cv] [--challenge] [--dump /tmp/x.jsonl [--dump-all]]
 */
import { writeFileSync } from 'node:fs';
import { decide } from '../src/classify/classify.ts';
import type { ScoredRow } from '../src/eval/evaluate.ts';
import { FAMILIES, familyTable } from '../src/eval/families.ts';
import { fullText } from '../src/features/extract-features.ts';
import {
  CORPUS_EXTRA_DIR,
  compileRegistry,
  computeMetrics,
  crossValidateRows,
  defaultTrainingSet,
  kFolds,
  prepare,
  readLabelledJsonl,
  readRegistries,
  sourceFolds,
  trainToModel,
} from '../src/index.ts';

const args = process.argv.slice(2);
const dumpAt = args.indexOf('--dump');
const training = defaultTrainingSet();
const reg = compileRegistry(readRegistries(training.registries));
const posts = training.files.flatMap((f) => readLabelledJsonl(f));
const items = prepare(posts, reg);
const r3 = (x: number) => x.toFixed(3);
// LOGISTIC='{"realWeight":2}' overrides logistic options for an experiment.
const options = {
  logistic: JSON.parse(process.env.LOGISTIC ?? '{}'),
  stage2: JSON.parse(process.env.STAGE2 ?? 'true') as boolean | object,
};

function ranking(rows: readonly ScoredRow[]) {
  const s = rows.map((r) => ({ p: r.result.score, y: r.post.label === 'endorse' ? 1 : 0 }));
  s.sort((a, b) => b.p - a.p);
  const pos = s.filter((x) => x.y === 1).length;
  let tp = 0;
  let bestF1 = 0;
  let auc = 0;
  s.forEach((x, i) => {
    if (x.y === 1) tp++;
    else auc += tp;
    const p = tp / (i + 1);
    const r = tp / pos;
    if (p + r > 0) bestF1 = Math.max(bestF1, (2 * p * r) / (p + r));
  });
  return { bestF1, auc: auc / (pos * (s.length - pos)) };
}

function line(name: string, rows: readonly ScoredRow[]) {
  const m = computeMetrics(rows);
  const rk = ranking(rows);
  console.log(
    `${name.padEnd(26)} n ${String(m.n).padStart(5)} P ${r3(m.precision)} R ${r3(m.recall)} F1 ${r3(m.f1)} bestF1 ${r3(rk.bestF1)} AUC ${r3(rk.auc)} candTP ${r3(m.candidateAccuracyFlagged)} stanceTP ${r3(m.stanceAccuracyFlagged)}`,
  );
}

const t0 = Date.now();
const loso = crossValidateRows(items, sourceFolds(items), options);
line('LOSO real', loso);
for (const src of [...new Set(loso.map((r) => r.post.source!.split(':')[0]!))]) {
  line(
    `  ${src.slice(0, 22)}`,
    loso.filter((r) => r.post.source!.startsWith(`${src}:`)),
  );
}
const fams = familyTable(loso);
console.log(
  `  families: ${FAMILIES.map((f) => `${f} ${fams[f].falseAlarms}/${fams[f].misses}/${fams[f].wrongCandidate} ${r3(fams[f].errorRate)}`).join(', ')}`,
);
if (dumpAt >= 0) {
  const errors = loso.filter(
    (r) =>
      args.includes('--dump-all') ||
      r.result.flagged !== (r.post.label === 'endorse') ||
      (r.result.flagged && (r.result.candidate ?? null) !== (r.post.candidate ?? null)),
  );
  writeFileSync(
    args[dumpAt + 1]!,
    errors
      .map((r) =>
        JSON.stringify({
          id: r.post.id,
          gold: [r.post.label, r.post.candidate, r.post.stance],
          got: [r.result.score, r.result.candidate, r.result.stance],
          flagged: r.result.flagged,
          region: r.post.region,
        }),
      )
      .join('\n'),
  );
}
if (args.includes('--cv')) {
  const cv = crossValidateRows(items, kFolds(items, 5), options);
  const text = cv.filter((r) => !r.post.imageText?.length);
  line('5-fold CV text', text);
  line(
    '  real',
    text.filter((r) => r.post.source),
  );
  line(
    '  synthetic',
    text.filter((r) => !r.post.source),
  );
}
if (args.includes('--challenge')) {
  const model = trainToModel(items, options);
  const creg = compileRegistry(readRegistries([`${CORPUS_EXTRA_DIR}challenge-elections.json`]));
  const held = prepare(readLabelledJsonl(`${CORPUS_EXTRA_DIR}challenge.jsonl`), creg);
  line(
    'challenge',
    held.map((p) => ({ post: p.post, result: decide(p.analysis, fullText(p.post), model) })) as ScoredRow[],
  );
}
console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
