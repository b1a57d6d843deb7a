/**
 * `pnpm bench:ocr`: OCR throughput per core and peak memory on the test set's images (posters, twibbons, chat
 * screenshots, notices), rendered once with Chromium (not timed). A script, never a test.
 *
 * - **Per core**: images are read one after another in this process, libvips limited to one thread and
 *   Tesseract to one (OMP_THREAD_LIMIT=1). `imagesPerCpuSecond` divides by the CPU time this process and its
 *   finished Tesseract children used (/proc/self/stat utime+stime+cutime+cstime), which is what one core gives
 *   whatever else the machine runs; `imagesPerWallSecond` is the same run by the clock.
 * - **Baseline, same process, alternating rounds**: the `gray` variant alone (one Tesseract pass, no merge)
 *   against the shipped pipeline (gray + dark + light, merged), so machine load weighs on both alike; the
 *   ratio says what the extra variants cost.
 * - **Peak memory**: this process's peak RSS (`process.resourceUsage().maxRSS`) and the largest Tesseract
 *   process seen (VmHWM from /proc, sampled every 50 ms).
 *
 * Usage: pnpm bench:ocr   (BENCH_IMAGES=40 BENCH_ROUNDS=2 by default; every k-th image of the test set)
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserPool } from '@netra/collectors';
import type { Registry } from '@netra/core';
import { registrySchema } from '@netra/core';
import sharp from 'sharp';
import { OCR_DEFAULTS, readImage } from '../src/index.ts';
import { buildTestSet, renderTestSet } from '../src/testset/index.ts';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
sharp.concurrency(1);

const registry: Registry = registrySchema.parse(
  JSON.parse(await readFile(new URL('../../../data/corpus/elections.json', import.meta.url), 'utf8')),
);

/** Largest VmHWM (kB) among tesseract processes that are children of this one, sampled while `work` runs. */
async function withTesseractPeak<T>(work: () => Promise<T>): Promise<{ value: T; peakKb: number }> {
  let peakKb = 0;
  const sample = async () => {
    for (const pid of await readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(pid)) continue;
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      if (!/^Name:\s*tesseract/m.test(status) || !new RegExp(`^PPid:\\s*${process.pid}$`, 'm').test(status)) continue;
      const hwm = Number(/^VmHWM:\s*(\d+)/m.exec(status)?.[1] ?? 0);
      if (hwm > peakKb) peakKb = hwm;
    }
  };
  const timer = setInterval(() => void sample(), 50);
  try {
    return { value: await work(), peakKb };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds used so far by this process and its waited-for children (Tesseract runs). */
async function cpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3; utime, stime, cutime, cstime are fields 14–17 (1-based).
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / 100;
}

const dir = await mkdtemp(join(tmpdir(), 'netra-ocr-bench-'));
try {
  const all = buildTestSet(registry, 12);
  const images = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / IMAGES)) === 0);
  const pool = new BrowserPool({ maxConcurrency: 2 });
  let files: { path: string }[];
  try {
    files = await renderTestSet(images.slice(0, IMAGES), dir, (html, width, height, type) =>
      pool.withPage(async (lease) => {
        await lease.page.setViewportSize({ width, height });
        await lease.page.setContent(html, { waitUntil: 'load' });
        return lease.page.screenshot({ type, ...(type === 'jpeg' ? { quality: 85 } : {}) });
      }),
    );
  } finally {
    await pool.close();
  }
  const bytes = await Promise.all(files.map((f) => readFile(f.path)));
  const modes = {
    baseline_gray_only: { variants: ['gray'] as const },
    shipped: { variants: OCR_DEFAULTS.variants },
  };
  const totals: Record<string, { ms: number; cpu: number; images: number; words: number; perImage: number[] }> = {};
  let tesseractPeakKb = 0;
  await readImage(bytes[0]!); // warm-up: engine version, language data in the page cache
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, opts] of Object.entries(modes)) {
      totals[name] ??= { ms: 0, cpu: 0, images: 0, words: 0, perImage: [] };
      const t = totals[name];
      const { peakKb } = await withTesseractPeak(async () => {
        for (const b of bytes) {
          const start = performance.now();
          const cpuStart = await cpuSeconds();
          const r = await readImage(b, { variants: opts.variants });
          const ms = performance.now() - start;
          t.cpu += (await cpuSeconds()) - cpuStart;
          t.ms += ms;
          t.images++;
          t.words += r.words.length;
          t.perImage.push(ms);
        }
      });
      tesseractPeakKb = Math.max(tesseractPeakKb, peakKb);
    }
  }
  const summary = Object.fromEntries(
    Object.entries(totals).map(([name, t]) => {
      const sorted = [...t.perImage].sort((a, b) => a - b);
      return [
        name,
        {
          images: t.images,
          imagesPerCpuSecond: Math.round((t.images / t.cpu) * 100) / 100,
          imagesPerWallSecond: Math.round((t.images / (t.ms / 1000)) * 100) / 100,
          msPerImageP50: Math.round(sorted[Math.floor(sorted.length / 2)]!),
          msPerImageP95: Math.round(sorted[Math.floor(sorted.length * 0.95)]!),
          wordsPerImage: Math.round((t.words / t.images) * 10) / 10,
        },
      ];
    }),
  );
  const shipped = summary.shipped as { imagesPerCpuSecond: number };
  const base = summary.baseline_gray_only as { imagesPerCpuSecond: number };
  console.log(
    JSON.stringify({
      images: files.length,
      rounds: ROUNDS,
      ...summary,
      ratioShippedToBaseline: Math.round((shipped.imagesPerCpuSecond / base.imagesPerCpuSecond) * 100) / 100,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      tesseractPeakRssMb: Math.round(tesseractPeakKb / 1024),
      load: (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' '),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
