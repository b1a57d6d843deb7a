import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { loadModel, modelFromArtefact, withThreshold } from '../model/artefact.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { DEFAULT_TRAINING_FILES, defaultTrainingSet, fileDigest, readLabelledJsonl } from './corpus.ts';
import { prepare, trainModel } from './train-model.ts';

// A small fixture written for this test: one invented contest, posts in our own words.
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilbup-contoh-2030',
      kind: 'bupati',
      region: { code: '99.01', name: 'Kabupaten Contoh' },
      electionDate: '2030-11-27',
      campaignPeriod: { from: '2030-09-25', to: '2030-11-23' },
      candidates: [
        { number: 1, names: ['Anton Saragih', 'Dewi Lestari'], aliases: ['Bang Anton'] },
        { number: 2, names: ['Budi Harahap', 'Siti Aminah'], aliases: ['Pak Budi'] },
      ],
    },
  ],
});
const endorse = [
  'Ayo coblos nomor 1, Bang Anton pasti menang!',
  'aku milih Pak Budi wae, wis kebukti kerjane',
  'Gas pol nomor 2, jangan kasih kendor 💪',
  'mending Bang Anton lah, yang lain omong doang',
  'Pak Budi orangnya jujur, kita menangkan bareng',
  'Bang Anton jagoan kami sekeluarga ✌️',
];
const neutral = [
  'KPU Kabupaten Contoh menetapkan dua pasangan calon hari Senin',
  'Anton Saragih Tiba Di Kantor KPU Untuk Mendaftar',
  'Harga beras naik lagi minggu ini, semoga cepat turun',
  'Debat kandidat disiarkan langsung malam ini https://example.org/x',
  'Survei: elektabilitas Budi Harahap 38 persen',
  'Terima kasih infonya pak 🙏',
];
const fixture = [
  ...endorse.map((text, i) => ({ text, label: 'endorse', i })),
  ...neutral.map((text, i) => ({ text, label: 'neutral', i })),
].map(({ text, label, i }) => ({ id: `${label}-${i}`, text, region: '99.01', label }));

describe('training on a small fixture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netra-train-'));
  const file = join(dir, 'fixture.jsonl');
  writeFileSync(file, `${fixture.map((p) => JSON.stringify(p)).join('\n')}\n`);
  const registryFile = join(dir, 'registry.json');
  writeFileSync(registryFile, JSON.stringify(registry));

  it('is deterministic: the same inputs give a byte-identical artefact that records every input’s SHA-256', () => {
    const train = () => {
      const items = prepare(readLabelledJsonl(file), compileRegistry(registry));
      return JSON.stringify(
        trainModel(items, { calibrationFolds: 3, inputs: [fileDigest(file)], registries: [fileDigest(registryFile)] }),
      );
    };
    const a = train();
    expect(train()).toBe(a);
    const art = JSON.parse(a);
    expect(art.training.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(art.training.registries[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(art.training.prCurve.length).toBeGreaterThan(10);
    expect(modelFromArtefact(art).threshold).toBe(art.threshold);
  });
  it('ships a second stage over the margins and signals, and a real-post model when real posts (with a source) train', () => {
    const items = prepare(readLabelledJsonl(file), compileRegistry(registry));
    const synthetic = trainModel(items, { calibrationFolds: 3 });
    expect(synthetic.stage2?.trees.length).toBeGreaterThan(0);
    expect(synthetic.real).toBeUndefined();
    // Half the fixture marked as real posts (a `source`): the real-only model is trained and shipped.
    const mixed = prepare(
      readLabelledJsonl(file).map((p, i) => (i % 2 ? { ...p, source: `example/repo:posts.csv#${i}` } : p)),
      compileRegistry(registry),
    );
    const withReal = trainModel(mixed, { calibrationFolds: 3 });
    expect(withReal.real?.indices.length).toBeGreaterThan(0);
    const linear = trainModel(items, { calibrationFolds: 3, stage2: false });
    expect(linear.stage2).toBeUndefined();
    expect(linear.modelVersion).not.toBe(synthetic.modelVersion);
  });
  it('changes the recorded digest when an input changes', () => {
    const before = fileDigest(file).sha256;
    writeFileSync(join(dir, 'other.jsonl'), `${JSON.stringify(fixture[0])}\n`);
    expect(fileDigest(join(dir, 'other.jsonl')).sha256).not.toBe(before);
  });
});

describe('default training set', () => {
  it('adds the real corpus and its registry when both files are present', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-real-'));
    writeFileSync(join(dir, 'real-train.jsonl'), '');
    writeFileSync(join(dir, 'elections-real-train.json'), '{"contests":[]}');
    const set = defaultTrainingSet(dir);
    expect(set.warning).toBeNull();
    expect(set.files).toEqual([...DEFAULT_TRAINING_FILES, join(dir, 'real-train.jsonl')]);
    expect(set.registries.at(-1)).toBe(join(dir, 'elections-real-train.json'));
  });
  it('says loudly when the real corpus is absent and trains on the synthetic corpus only', () => {
    const set = defaultTrainingSet('/nonexistent/corpus-real');
    expect(set.warning).toMatch(/WARNING: real corpus not found/);
    expect(set.files).toEqual(DEFAULT_TRAINING_FILES);
  });
});

describe('threshold override', () => {
  it('replaces the model threshold, keeps it when undefined, refuses values outside [0, 1]', () => {
    const model = loadModel();
    expect(withThreshold(model, 0.77).threshold).toBe(0.77);
    expect(withThreshold(model, undefined)).toBe(model);
    expect(() => withThreshold(model, 1.5)).toThrow(expect.objectContaining({ code: 'CLASSIFIER_THRESHOLD_INVALID' }));
  });
});
