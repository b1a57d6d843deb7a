import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRegistry } from '../registry/compile-registry.ts';
import { DEFAULT_TRAINING_FILES, readLabelledJsonl, readRegistry } from '../train/corpus.ts';
import { prepare, trainModel } from '../train/train-model.ts';
import { DEFAULT_MODEL_PATH, loadModel, type ModelArtefact, modelFromArtefact } from './artefact.ts';
import { applyPlatt, chooseThreshold, fitPlatt } from './calibrate.ts';

describe('model artefact', () => {
  it('loads the shipped artefact with a version, a threshold and calibration', () => {
    const model = loadModel();
    expect(model.version).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{10}$/);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(model.calibration.a).toBeGreaterThan(0);
  });
  it('fails with CLASSIFIER_MODEL_MISSING when the artefact does not exist', () => {
    expect(() => loadModel('/nonexistent/model.json')).toThrow(
      expect.objectContaining({ code: 'CLASSIFIER_MODEL_MISSING' }),
    );
  });
  it('refuses an artefact trained with a different feature layout', () => {
    const art = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as ModelArtefact;
    expect(() => modelFromArtefact({ ...art, signals: art.signals.slice(1) })).toThrow(
      expect.objectContaining({ code: 'CLASSIFIER_MODEL_INCOMPATIBLE' }),
    );
  });
  it('trains deterministically: the same data gives the same artefact', () => {
    const reg = compileRegistry(readRegistry());
    const items = prepare(readLabelledJsonl(DEFAULT_TRAINING_FILES[0]!).slice(0, 200), reg);
    const a = trainModel(items, { calibrationFolds: 3 });
    const b = trainModel(items, { calibrationFolds: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.endorse.indices.length).toBeGreaterThan(100);
  });
});

describe('calibration', () => {
  it('fits a monotone Platt map that turns margins into probabilities', () => {
    const margins = [-3, -2, -1, -0.5, 0.5, 1, 2, 3, -1.5, 1.5];
    const labels = [0, 0, 0, 1, 0, 1, 1, 1, 0, 1];
    const p = fitPlatt(margins, labels);
    expect(applyPlatt(p, -2)).toBeLessThan(applyPlatt(p, 0));
    expect(applyPlatt(p, 0)).toBeLessThan(applyPlatt(p, 2));
    expect(applyPlatt(p, 3)).toBeGreaterThan(0.8);
  });
  it('chooses a threshold that keeps recall at the floor', () => {
    const probs = [0.1, 0.3, 0.32, 0.34, 0.36, 0.6, 0.7, 0.8, 0.9];
    const labels = [0, 1, 0, 0, 0, 1, 1, 1, 1];
    expect(chooseThreshold(probs, labels, 1)).toBeLessThanOrEqual(0.3);
    expect(chooseThreshold(probs, labels, 0.8)).toBeGreaterThan(0.36);
  });
});
