import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each sample: the heap then holds what is live, not the garbage V8 has yet to free.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** How much the live heap and the RSS of this process grew at most while `run` ran, in MB. */
export interface LiveHeapGrowth<T> {
  value: T;
  heapMb: number;
  rssMb: number;
}

/**
 * Runs `run` (a download from the in-process test server, say) while sampling this process's live heap every
 * `everyMs` after a full collection. A collection blocks this thread — the server's too — so a large heap wants
 * a slower rate; an export held whole is held for seconds, which any rate here still sees.
 */
export async function measureLiveHeap<T>(run: () => Promise<T>, everyMs: number): Promise<LiveHeapGrowth<T>> {
  gc();
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heap: start.heapUsed };
  const sampler = setInterval(() => {
    gc();
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
  }, everyMs);
  try {
    const value = await run();
    const mb = (bytes: number) => bytes / 1024 / 1024;
    return { value, heapMb: mb(peak.heap - start.heapUsed), rssMb: mb(peak.rss - start.rss) };
  } finally {
    clearInterval(sampler);
  }
}
