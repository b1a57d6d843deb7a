/**
 * Measures what the extra training batch (data/corpus-extra/train-extra.jsonl) does to cross-validation:
 *  1. 5-fold CV and leave-one-contest-out over dev+dev-hard, the extra posts added to EVERY fold's training
 *     data and never scored (comparable with `netra eval … --cv 5 --holdout-contest`);
 *  2. 5-fold CV over dev+dev-hard+train-extra (the extra posts folded like the others).
 * Usage (repo root): DOTENV_CONFIG_QUIET=true node --no-warnings packages/classifier/scripts/eval-extra.ts
 */
import {
  compileRegistry,
  contestFolds,
  crossValidate,
  DEFAULT_REGISTRY_FILE,
  EXTRA_TRAINING_FILE,
  EXTRA_TRAINING_REGISTRY_FILE,
  kFolds,
  prepare,
  readLabelledJsonl,
  readRegistries,
  readRegistry,
} from '../src/index.ts';

// Dev posts see only the dev registry (readRegistry reads one file), as in `netra eval --elections data/corpus/elections.json`.
const devReg = compileRegistry(readRegistry());
const allReg = compileRegistry(readRegistries([DEFAULT_REGISTRY_FILE, EXTRA_TRAINING_REGISTRY_FILE]));
const dir = DEFAULT_REGISTRY_FILE.replace(/elections\.json$/, '');
const dev = [...readLabelledJsonl(`${dir}dev.jsonl`), ...readLabelledJsonl(`${dir}dev-hard.jsonl`)];
const extra = readLabelledJsonl(EXTRA_TRAINING_FILE);
const devItems = prepare(dev, devReg);
const extraItems = prepare(extra, allReg);
const src = (s: { post: { id: string } }) => (s.post.id.startsWith('tx-') ? 'train-extra' : 'dev+dev-hard');
const r3 = (x: number) => x.toFixed(3);
const line = (mode: string, m: ReturnType<typeof crossValidate>['overall']) =>
  `${mode.padEnd(48)} P ${r3(m.precision)} R ${r3(m.recall)} F1 ${r3(m.f1)} candAcc ${r3(m.candidateAccuracy)} ${m.confusion.tp}/${m.confusion.fp}/${m.confusion.fn}/${m.confusion.tn}`;
const cv = crossValidate(devItems, kFolds(devItems, 5), devReg, 'cv', {}, src, extraItems);
console.log(line('5-fold CV dev+dev-hard, extra in every train fold', cv.overall));
for (const [k, m] of Object.entries(cv.byDifficulty)) console.log(line(`  difficulty ${k}`, m));
const lo = crossValidate(devItems, contestFolds(devItems, devReg), devReg, 'lo', {}, src, extraItems);
console.log(line('leave-one-contest-out, extra in every train fold', lo.overall));
const both = prepare([...dev, ...extra], allReg);
const cvAll = crossValidate(both, kFolds(both, 5), allReg, 'cv-all', {}, src);
console.log(line('5-fold CV dev+dev-hard+train-extra', cvAll.overall));
for (const [k, m] of Object.entries(cvAll.bySource ?? {})) console.log(line(`  source ${k}`, m));
