/**
 * Throughput benchmark (not a test): classifies 20,000 varied posts on one core and reports posts/s and
 * peak RSS. Posts are derived deterministically from the corpus: originals, word-shuffled and spliced
 * variants, with emoji, typos, shouting and long padding, across every region in the registry.
 *
 *   pnpm bench:classifier            (target ≥ 5,000 posts/s, < 300 MB)
 */
import { classify, compileRegistry, loadModel, readRegistry } from '../src/index.ts';
import { benchPosts } from './bench-posts.ts';

const N = Number(process.env.BENCH_POSTS ?? 20_000);
const registry = readRegistry();
const posts = benchPosts(N);
const compiled = compileRegistry(registry);
const model = loadModel();
for (let i = 0; i < 500; i++) classify(posts[i]!, compiled, model); // warm-up (JIT, stemmer cache)

const started = performance.now();
let flagged = 0;
for (const post of posts) if (classify(post, compiled, model).flagged) flagged++;
const seconds = (performance.now() - started) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
const postsPerSecond = Math.round(N / seconds);
process.stdout.write(
  `${JSON.stringify({ posts: N, seconds: Math.round(seconds * 1000) / 1000, postsPerSecond, peakRssMb: Math.round(peakMb), flagged, model: model.version })}\n`,
);
process.stderr.write(
  `${postsPerSecond} posts/s (target ≥ 5000), peak RSS ${Math.round(peakMb)} MB (target < 300): ${postsPerSecond >= 5000 && peakMb < 300 ? 'OK' : 'BELOW TARGET'}\n`,
);
