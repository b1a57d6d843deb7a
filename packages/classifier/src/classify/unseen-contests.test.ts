import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { loadModel } from '../model/artefact.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { UNSEEN_CASES, UNSEEN_REGISTRY } from '../testing/unseen-contests.ts';
import { classify, resolveCandidate } from './classify.ts';

// The "unseen contests" probe (docs/classifier.md, "Unseen contests probe, 2026-11-29"): registries and posts
// unlike the corpus's, written for this probe. Numbers per family: `node packages/classifier/scripts/probe-unseen.ts`.
const reg = compileRegistry(UNSEEN_REGISTRY);
const model = loadModel();

/**
 * Posts still scored on the wrong side of the threshold (model-side; see the docs sections' "What still fails"). Kept
 * visible so a change that fixes one makes this test say so. "Nameless mobilisation, 2026-11-29" fixed four: the bus
 * to a campaign rally, the ☝️ in a queueing thread and the two party-cadre calls.
 */
const MODEL_MISSES = new Set([
  // A village convoy in the team's shirt: nothing in it says "campaign" (the rule needs a campaign frame).
  'Rombongan desa kita berangkat konvoi jam 8, wajib pakai kaos tim ya bapak ibu',
  'Paslon 1 Kedungsari mainnya kotor, bagi-bagi amplop ke warga',
]);

describe('unseen contests probe: the candidate, given the stance', () => {
  const endorsements = UNSEEN_CASES.filter((c) => c.endorse);
  it.each(endorsements.map((c) => [c.family, c.post.text, c] as const))('%s: %s', (_family, _text, c) => {
    const a = analyse({ id: 'u', ...c.post }, reg);
    expect(resolveCandidate(a, c.stance ?? null)).toBe(c.candidate);
  });
});

describe('unseen contests probe: flagged or not by the shipped model', () => {
  it.each(UNSEEN_CASES.map((c) => [c.family, c.post.text, c] as const))('%s: %s', (_family, text, c) => {
    const r = classify({ id: 'u', ...c.post }, reg, model);
    expect(r.flagged).toBe(MODEL_MISSES.has(text) ? !c.endorse : c.endorse);
  });
});
