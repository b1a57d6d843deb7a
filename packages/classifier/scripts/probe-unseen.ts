// Prints the unseen-contests probe (src/testing/unseen-contests.ts) against the shipped model: per family, how many
// posts are flagged right, named right (as classified, and as resolved with the expected stance) and given the right
// stance. `node --no-warnings packages/classifier/scripts/probe-unseen.ts [--all]`

import { classify, resolveCandidate } from '../src/classify/classify.ts';
import { analyse } from '../src/features/extract-features.ts';
import { loadModel } from '../src/model/artefact.ts';
import { compileRegistry } from '../src/registry/compile-registry.ts';
import { UNSEEN_CASES, UNSEEN_REGISTRY } from '../src/testing/unseen-contests.ts';

const reg = compileRegistry(UNSEEN_REGISTRY);
const model = loadModel();
const all = process.argv.includes('--all');
const fam = new Map<
  string,
  { n: number; flag: number; endorse: number; cand: number; resolved: number; stance: number }
>();
UNSEEN_CASES.forEach((c, i) => {
  const post = { id: `u${i}`, ...c.post };
  const r = classify(post, reg, model);
  const f = fam.get(c.family) ?? { n: 0, flag: 0, endorse: 0, cand: 0, resolved: 0, stance: 0 };
  fam.set(c.family, f);
  f.n++;
  const flagOk = r.flagged === c.endorse;
  if (flagOk) f.flag++;
  let resolved: string | null = null;
  if (c.endorse) {
    f.endorse++;
    resolved = resolveCandidate(analyse(post, reg), c.stance ?? null);
    if (r.flagged && r.candidate === c.candidate) f.cand++;
    if (resolved === c.candidate) f.resolved++;
    if (r.flagged && r.stance === c.stance) f.stance++;
  }
  const bad =
    !flagOk || (c.endorse && (resolved !== c.candidate || r.candidate !== c.candidate || r.stance !== c.stance));
  if (all || bad)
    console.log(
      `${bad ? 'X' : ' '} ${c.family.padEnd(15)} ${r.score.toFixed(2)} ${r.flagged ? 'F' : '-'}${c.endorse ? 'E' : 'n'} cand=${r.candidate} st=${r.stance} res=${resolved} want=${c.candidate ?? ''}/${c.stance ?? ''} | ${c.post.text.slice(0, 70)}`,
    );
});
console.log('family          n  flagOK  endorse candOK(flagged) resolvedOK stanceOK');
let tot = { n: 0, flag: 0, endorse: 0, cand: 0, resolved: 0, stance: 0 };
for (const [k, f] of fam) {
  console.log(
    `${k.padEnd(15)} ${String(f.n).padStart(2)}  ${f.flag}  ${f.endorse}  ${f.cand}  ${f.resolved}  ${f.stance}`,
  );
  tot = {
    n: tot.n + f.n,
    flag: tot.flag + f.flag,
    endorse: tot.endorse + f.endorse,
    cand: tot.cand + f.cand,
    resolved: tot.resolved + f.resolved,
    stance: tot.stance + f.stance,
  };
}
console.log(`TOTAL ${JSON.stringify(tot)}`);
