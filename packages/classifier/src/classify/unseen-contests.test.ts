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
 * Posts the shipped model still scores on the wrong side of its threshold (model-side, not fixed here; see the
 * docs section's "What still fails"). Kept visible so a model that fixes one makes this test say so.
 */
const MODEL_MISSES = new Set([
  'Besok pagi kumpul di posko, bus ke kampanye akbar berangkat jam 7. Ajak keluarga ya!',
  'Rombongan desa kita berangkat konvoi jam 8, wajib pakai kaos tim ya bapak ibu',
  '☝️ betul, harus antre satu per satu',
  'Paslon 1 Kedungsari mainnya kotor, bagi-bagi amplop ke warga',
  'Kader Partai Hijau Damai wajib all out menangkan Pilbup Kedungsari!',
  'Kader Partai Karya Tani siap menangkan cagub usungan partai',
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
