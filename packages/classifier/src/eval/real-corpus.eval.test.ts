/**
 * EVALUATION TEST (marked): reads the shared real corpus in `../shared/corpus-real/` at run time — it is never
 * copied into the repository — and skips with a visible message when the folder is absent. One held-out source,
 * one training run, so it stays well under a minute. The full figures come from `netra eval --suite`.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRegistries } from '../cli-support.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { defaultTrainingSet, REAL_TRAINING_FILE, readLabelledJsonl } from '../train/corpus.ts';
import { prepare } from '../train/train-model.ts';
import { crossValidateRows, sourceRepo } from './evaluate.ts';
import { computeMetrics } from './metrics.ts';

const present = existsSync(REAL_TRAINING_FILE);
if (!present) {
  console.warn(`[evaluation test skipped] real corpus absent: ${REAL_TRAINING_FILE}`);
}

describe.skipIf(!present)('EVALUATION on real posts (shared corpus)', () => {
  it('scores a held-out source (never trained on) well above chance', () => {
    const set = defaultTrainingSet();
    const reg = compileRegistry(readRegistries(set.registries));
    const items = prepare(set.files.flatMap(readLabelledJsonl), reg);
    // Hold out the smallest source repository; everything else trains.
    const counts = new Map<string, number>();
    for (const p of items) {
      const s = sourceRepo(p.post);
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const held = [...counts].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]![0];
    const rows = crossValidateRows(
      items,
      items.map((p) => (sourceRepo(p.post) === held ? 'held' : null)),
      { calibrationFolds: 2 },
    );
    const m = computeMetrics(rows);
    console.info(`[evaluation] held-out source ${held}: n ${m.n} P ${m.precision} R ${m.recall} F1 ${m.f1}`);
    expect(m.n).toBe(counts.get(held));
    expect(m.f1).toBeGreaterThan(0.3);
  }, 60_000);
});
