/**
 * Varied posts for the benchmarks, derived deterministically from the training corpus: originals,
 * word-shuffled and spliced variants, with emoji, typos, shouting and long padding, across every region in
 * the registry. Shared by the classifier bench and the pipeline bench (`@netra/classifier/bench-posts`).
 */
import type { Classifiable } from '@netra/core';
import { DEFAULT_TRAINING_FILES, readLabelledJsonl } from '../src/index.ts';
import { mulberry32 } from '../src/model/logistic.ts';

const EXTRAS = [
  '✌️',
  '☝🏻',
  '🤟',
  '2️⃣',
  '🙏',
  '😂',
  'mantaaap',
  'COBLOS',
  'no 2',
  'nomer loro',
  '#PilkadaDamai',
  'https://t.co/x',
];

/** `n` posts (ids `bench-<i>`) derived from the labelled `files`, the same for the same seed and files. */
export function benchPosts(n: number, seed = 42, files: readonly string[] = DEFAULT_TRAINING_FILES): Classifiable[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const corpus = files.flatMap(readLabelledJsonl);
  const regions = [
    ...new Set(corpus.map((p) => p.region).filter((r): r is string => !!r)),
    '18.11.01',
    '61.11.02',
    undefined,
  ];
  const variant = (i: number): Classifiable => {
    const base = pick(corpus);
    const words = base.text.split(/\s+/);
    const r = rand();
    let text: string;
    if (r < 0.4) text = base.text;
    else if (r < 0.6) text = [...words].sort(() => rand() - 0.5).join(' ');
    else if (r < 0.8)
      text = `${words.slice(0, Math.ceil(words.length / 2)).join(' ')} ${pick(corpus).text.split(/\s+/).slice(-6).join(' ')}`;
    else if (r < 0.95) text = `${base.text} ${pick(EXTRAS)} ${pick(EXTRAS)}`;
    else text = Array.from({ length: 8 }, () => pick(corpus).text).join(' ');
    return {
      id: `bench-${i}`,
      text,
      region: rand() < 0.8 ? base.region : pick(regions),
      kind: base.kind,
      ...(base.context ? { context: base.context } : {}),
    };
  };
  return Array.from({ length: n }, (_, i) => variant(i));
}
