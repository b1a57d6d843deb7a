/**
 * Throughput benchmark (not a test): classifies 20,000 varied posts on one core and reports posts/s and
 * peak RSS. Posts are derived deterministically from the corpus: originals, word-shuffled and spliced
 * variants, with emoji, typos, shouting and long padding, across every region in the registry.
 *
 * Real posts from `../shared/corpus-real/real-train.jsonl` join the mix when present (read at run time, never
 * copied), with their registry, so presidential contests (region 00) apply to every post as in production.
 *
 *   pnpm bench:classifier            (target ≥ 10,000 posts/s, < 300 MB)
 */
import { writeFileSync } from 'node:fs';
import type { Classifiable } from '@netra/core';
import {
  classify,
  compileRegistry,
  defaultTrainingSet,
  loadModel,
  readLabelledJsonl,
  readRegistries,
  tokenize,
} from '../src/index.ts';
import { mulberry32 } from '../src/model/logistic.ts';

const N = Number(process.env.BENCH_POSTS ?? 20_000);
const rand = mulberry32(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const training = defaultTrainingSet();
if (training.warning) process.stderr.write(`${training.warning}\n`);
const registry = readRegistries(training.registries);
const corpus = training.files.flatMap(readLabelledJsonl);
const regions = [
  ...new Set(corpus.map((p) => p.region).filter((r): r is string => !!r)),
  '18.11.01',
  '61.11.02',
  undefined,
];
const extras = [
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

function variant(i: number): Classifiable {
  const base = pick(corpus);
  const words = base.text.split(/\s+/);
  const r = rand();
  let text: string;
  if (r < 0.4) text = base.text;
  else if (r < 0.6) text = [...words].sort(() => rand() - 0.5).join(' ');
  else if (r < 0.8)
    text = `${words.slice(0, Math.ceil(words.length / 2)).join(' ')} ${pick(corpus).text.split(/\s+/).slice(-6).join(' ')}`;
  else if (r < 0.95) text = `${base.text} ${pick(extras)} ${pick(extras)}`;
  else text = Array.from({ length: 8 }, () => pick(corpus).text).join(' ');
  return {
    id: `bench-${i}`,
    text,
    region: rand() < 0.8 ? base.region : pick(regions),
    kind: base.kind,
    ...(base.context ? { context: base.context } : {}),
  };
}

const warm = Array.from({ length: 2_000 }, (_, i) => variant(-1 - i));
const posts = Array.from({ length: N }, (_, i) => variant(i));
// BENCH_DUMP=path writes the timed posts as JSONL (outside the repository) to time `netra classify` on the same mix.
if (process.env.BENCH_DUMP)
  writeFileSync(process.env.BENCH_DUMP, `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
const compiled = compileRegistry(registry);
const model = loadModel();
// Warm-up on 2,000 OTHER generated posts (JIT, stemmer cache): the timed run is the steady state.
for (const post of warm) classify(post, compiled, model);

// Baseline in the same run: tokenising the same posts (the least any classifier does), so the report carries a
// ratio that does not depend on how busy the machine is.
const baseStarted = performance.now();
let tokens = 0;
for (const post of posts) tokens += tokenize(post.text).length;
const baseSeconds = (performance.now() - baseStarted) / 1000;

const started = performance.now();
let flagged = 0;
for (const post of posts) if (classify(post, compiled, model).flagged) flagged++;
const seconds = (performance.now() - started) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
const postsPerSecond = Math.round(N / seconds);
const tokenizeOnlyPostsPerSecond = Math.round(N / baseSeconds);
process.stdout.write(
  `${JSON.stringify({ posts: N, realPosts: corpus.filter((p) => p.source).length > 0, seconds: Math.round(seconds * 1000) / 1000, postsPerSecond, peakRssMb: Math.round(peakMb), flagged, tokenizeOnlyPostsPerSecond, ratioToTokenizeOnly: Math.round((postsPerSecond / tokenizeOnlyPostsPerSecond) * 1000) / 1000, tokens, model: model.version })}\n`,
);
process.stderr.write(
  `${postsPerSecond} posts/s (target ≥ 10000), peak RSS ${Math.round(peakMb)} MB (target < 300): ${postsPerSecond >= 10000 && peakMb < 300 ? 'OK' : 'BELOW TARGET'}\n`,
);
