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
import { classify, compileRegistry, defaultTrainingSet, loadModel, readRegistries, tokenize } from '../src/index.ts';
import { benchPosts } from './bench-posts.ts';

const N = Number(process.env.BENCH_POSTS ?? 20_000);
const training = defaultTrainingSet();
if (training.warning) process.stderr.write(`${training.warning}\n`);
const registry = readRegistries(training.registries);

// Warm-up posts and timed posts from one generator stream (the pipeline bench uses the same generator).
const WARM = 2_000;
const generated = benchPosts(WARM + N, 42, training.files);
const warm = generated.slice(0, WARM);
const posts = generated.slice(WARM);
// BENCH_DUMP=path writes the timed posts as JSONL (outside the repository) to time `netra classify` on the same mix.
if (process.env.BENCH_DUMP)
  writeFileSync(process.env.BENCH_DUMP, `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
const compiled = compileRegistry(registry);
const model = loadModel();
// Warm-up on 2,000 OTHER generated posts (JIT, stemmer cache). Not quite the steady state: V8 keeps optimising for
// about 10,000 more posts, so the timed run includes that ramp (as `netra classify` does; docs/classifier.md).
for (const post of warm) classify(post, compiled, model);

// Baseline in the same run: tokenising the same posts (the least any classifier does), so the report carries a
// ratio that does not depend on how busy the machine is.
const baseStarted = performance.now();
let tokens = 0;
for (const post of posts) tokens += tokenize(post.text).length;
const baseSeconds = (performance.now() - baseStarted) / 1000;

const started = performance.now();
const cpuStarted = process.cpuUsage();
let flagged = 0;
for (const post of posts) if (classify(post, compiled, model).flagged) flagged++;
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
// CPU time per post: steadier than wall time on a shared machine (other processes take the wall clock, not this).
const cpuMicrosPerPost = Math.round(((cpu.user + cpu.system) / N) * 10) / 10;
const peakMb = process.resourceUsage().maxRSS / 1024;
const postsPerSecond = Math.round(N / seconds);
const tokenizeOnlyPostsPerSecond = Math.round(N / baseSeconds);
process.stdout.write(
  `${JSON.stringify({ posts: N, realPosts: training.warning === null, seconds: Math.round(seconds * 1000) / 1000, postsPerSecond, cpuMicrosPerPost, peakRssMb: Math.round(peakMb), flagged, tokenizeOnlyPostsPerSecond, ratioToTokenizeOnly: Math.round((postsPerSecond / tokenizeOnlyPostsPerSecond) * 1000) / 1000, tokens, model: model.version })}\n`,
);
process.stderr.write(
  `${postsPerSecond} posts/s (target ≥ 10000), peak RSS ${Math.round(peakMb)} MB (target < 300): ${postsPerSecond >= 10000 && peakMb < 300 ? 'OK' : 'BELOW TARGET'}\n`,
);
