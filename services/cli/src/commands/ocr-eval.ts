import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  classify,
  compileRegistry,
  computeMetrics,
  DEFAULT_REGISTRY_FILE,
  describeError,
  type LabelledPost,
  loadModel,
  type Metrics,
  readRegistries,
} from '@netra/classifier';
import { isOcrError, readImageFile } from '@netra/ocr';
import {
  buildTestSet,
  emptyRecall,
  type RecallByKind,
  recallOf,
  renderTestSet,
  type TestImage,
  tallyRecall,
} from '@netra/ocr/testset';
import type { CliIO, Command } from '../command.ts';
import { chromiumRenderer } from './chromium-renderer.ts';
import { inOrder } from './ocr.ts';

const USAGE =
  'ocr-eval [--elections <registry.json>…] [--seed 12] [--limit N] [--keep <dir>] [--concurrency N] [--model <model.json>] [--json]';

/** Targets of issue 12: word recall on registry names/numbers/slogans, and F1 on image-only posts. */
export const OCR_EVAL_TARGETS = { recall: 0.9, imageOnlyF1: 0.85 } as const;

export interface OcrEvalReport {
  images: number;
  seed: number;
  engine: string | null;
  /** Word recall by term kind over every image that shows registry terms. */
  recall: Record<keyof RecallByKind, { found: number; total: number; recall: number }>;
  /** Recall over names, numbers and slogans together (the issue's target). */
  recallNamesNumbersSlogans: number;
  recallByFamily: Record<string, number>;
  /** The classifier on image-only posts (empty text, the OCR text as image text). */
  imageOnly: Metrics;
  /** The same posts with the text as drawn: the classifier's ceiling when OCR is perfect. */
  imageOnlyExpectedText: Metrics;
  errors: { file: string; code: string }[];
  missed: { file: string; words: string[] }[];
  misclassified: { file: string; label: string; flagged: boolean; candidate: string | null; expected: string | null }[];
  secondsRender: number;
  secondsOcr: number;
}

const post = (image: TestImage, text: string): LabelledPost => ({
  id: image.name,
  text: '',
  region: image.region,
  kind: 'post',
  imageText: [text],
  label: image.label,
  candidate: image.candidate,
  stance: image.stance,
});

/**
 * `netra ocr-eval`: renders the OCR test set (≥ 150 images, from HTML written in `@netra/ocr/testset`) with
 * Chromium into a temporary directory, reads each image, and reports word recall on registry terms and the
 * classifier's F1 on image-only posts. Deterministic for a seed; images are deleted unless `--keep` is given.
 */
export const ocrEvalCommand: Command = {
  path: ['ocr-eval'],
  summary: 'Evaluate OCR + classifier on rendered posters, twibbons and chat screenshots',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values: {
      elections?: string[];
      seed?: string;
      limit?: string;
      keep?: string;
      concurrency?: string;
      model?: string;
      json?: boolean;
    };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          elections: { type: 'string', multiple: true },
          seed: { type: 'string' },
          limit: { type: 'string' },
          keep: { type: 'string' },
          concurrency: { type: 'string' },
          model: { type: 'string' },
          json: { type: 'boolean' },
        },
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(`${describeError(error)}\nusage: netra ${USAGE}\n`);
      return 2;
    }
    const seed = Number(values.seed ?? 12);
    const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
    const concurrency = Number(values.concurrency ?? availableParallelism());
    if (!Number.isInteger(seed) || !(limit > 0) || !Number.isInteger(concurrency) || concurrency < 1) {
      io.stderr.write(`--seed, --limit and --concurrency must be positive integers\nusage: netra ${USAGE}\n`);
      return 2;
    }
    let registryFiles: string[];
    let reg: ReturnType<typeof compileRegistry>;
    let model: ReturnType<typeof loadModel>;
    let registry: ReturnType<typeof readRegistries>;
    try {
      registryFiles = values.elections?.length ? values.elections : [DEFAULT_REGISTRY_FILE];
      registry = readRegistries(registryFiles);
      reg = compileRegistry(registry);
      model = loadModel(values.model);
    } catch (error) {
      io.stderr.write(`${describeError(error)}\n`);
      return 1;
    }
    const images = buildTestSet(registry, seed).slice(0, limit);
    const dir = values.keep ?? (await mkdtemp(join(tmpdir(), 'netra-ocr-eval-')));
    const t0 = performance.now();
    const renderer = chromiumRenderer(2);
    let rendered: Awaited<ReturnType<typeof renderTestSet>>;
    try {
      rendered = await renderTestSet(images, dir, renderer.render, 2);
    } finally {
      await renderer.close();
    }
    const t1 = performance.now();
    io.stderr.write(`rendered ${rendered.length} images into ${dir} in ${((t1 - t0) / 1000).toFixed(1)} s; reading…\n`);
    const recall = emptyRecall();
    const byFamily = new Map<string, RecallByKind>();
    const errors: OcrEvalReport['errors'] = [];
    const missed: OcrEvalReport['missed'] = [];
    const rows: { post: LabelledPost; result: ReturnType<typeof classify> }[] = [];
    const ceiling: typeof rows = [];
    const misclassified: OcrEvalReport['misclassified'] = [];
    let engine: string | null = null;
    const read = async (r: (typeof rendered)[number]) => {
      try {
        return { r, result: await readImageFile(r.path), error: null };
      } catch (error) {
        return { r, result: null, error };
      }
    };
    for await (const { r, result, error } of inOrder(rendered, concurrency, read)) {
      const text = result?.text ?? '';
      if (result) engine = result.engine;
      else errors.push({ file: r.path, code: isOcrError(error) ? error.code : describeError(error) });
      const fam = byFamily.get(r.image.family) ?? emptyRecall();
      byFamily.set(r.image.family, fam);
      tallyRecall(fam, r.image.terms, text);
      const lost = tallyRecall(recall, r.image.terms, text);
      if (lost.length > 0) missed.push({ file: r.image.name, words: lost });
      const p = post(r.image, text);
      const c = classify(p, reg, model);
      rows.push({ post: p, result: c });
      if (c.flagged !== (r.image.label === 'endorse') || (c.flagged && c.candidate !== r.image.candidate)) {
        misclassified.push({
          file: r.image.name,
          label: r.image.label,
          flagged: c.flagged,
          candidate: c.candidate,
          expected: r.image.candidate,
        });
      }
      const truth = post(r.image, r.image.expectedText);
      ceiling.push({ post: truth, result: classify(truth, reg, model) });
    }
    const t2 = performance.now();
    if (!values.keep) await rm(dir, { recursive: true, force: true });
    const nns = (['name', 'number', 'slogan'] as const).reduce(
      (acc, k) => ({ found: acc.found + recall[k].found, total: acc.total + recall[k].total }),
      { found: 0, total: 0 },
    );
    const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
    const report: OcrEvalReport = {
      images: rendered.length,
      seed,
      engine,
      recall: Object.fromEntries(
        Object.entries(recall).map(([k, t]) => [k, { ...t, recall: r4(recallOf(t)) }]),
      ) as OcrEvalReport['recall'],
      recallNamesNumbersSlogans: r4(recallOf(nns)),
      recallByFamily: Object.fromEntries([...byFamily].map(([k, t]) => [k, r4(recallOf(t.all))])),
      imageOnly: computeMetrics(rows),
      imageOnlyExpectedText: computeMetrics(ceiling),
      errors,
      missed,
      misclassified,
      secondsRender: r4((t1 - t0) / 1000),
      secondsOcr: r4((t2 - t1) / 1000),
    };
    if (values.json) {
      io.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      const f = (x: number) => x.toFixed(3);
      const m = report.imageOnly;
      const lines = [
        `== OCR test set: ${report.images} images (seed ${seed}), engine ${engine ?? '—'}`,
        `word recall on registry terms: names+numbers+slogans ${f(report.recallNamesNumbersSlogans)} (target ≥ ${OCR_EVAL_TARGETS.recall})`,
        ...Object.entries(report.recall).map(([k, t]) => `  ${k.padEnd(8)} ${f(t.recall)}  (${t.found}/${t.total})`),
        `  by family: ${Object.entries(report.recallByFamily)
          .map(([k, v]) => `${k} ${f(v)}`)
          .join(', ')}`,
        `image-only posts (text empty, OCR text as image text): P ${f(m.precision)} R ${f(m.recall)} F1 ${f(m.f1)} (target ≥ ${OCR_EVAL_TARGETS.imageOnlyF1}), candidate accuracy on TP ${f(m.candidateAccuracyFlagged)}, TP/FP/FN/TN ${m.confusion.tp}/${m.confusion.fp}/${m.confusion.fn}/${m.confusion.tn}`,
        `  same posts with the drawn text (OCR perfect): F1 ${f(report.imageOnlyExpectedText.f1)}`,
        `errors: ${errors.length}; render ${report.secondsRender.toFixed(1)} s, OCR ${report.secondsOcr.toFixed(1)} s (${concurrency} at once)`,
      ];
      if (misclassified.length > 0) {
        lines.push('-- misclassified');
        for (const x of misclassified.slice(0, 30))
          lines.push(`  ${x.file}: gold ${x.label}/${x.expected ?? '-'} → flagged ${x.flagged}/${x.candidate ?? '-'}`);
      }
      if (missed.length > 0) {
        lines.push('-- missed words (first 30 images)');
        for (const x of missed.slice(0, 30)) lines.push(`  ${x.file}: ${x.words.join(' ')}`);
      }
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    const ok =
      report.recallNamesNumbersSlogans >= OCR_EVAL_TARGETS.recall &&
      report.imageOnly.f1 >= OCR_EVAL_TARGETS.imageOnlyF1;
    return ok ? 0 : 3;
  },
};
