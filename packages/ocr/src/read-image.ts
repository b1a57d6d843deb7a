import { readFile, stat } from 'node:fs/promises';
import { inspectImage } from './image-format.ts';
import { isSignal, mergeVariants, type OcrWord, toLines } from './merge-words.ts';
import { OcrError } from './ocr-error.ts';
import { preprocess, type Variant } from './preprocess.ts';
import { type RawWord, runTesseract, tesseractVersion } from './tesseract-cli.ts';

/** Bumped when pre-processing or merging changes what a given image yields (stored results record it). */
export const OCR_PIPELINE_VERSION = 'netra-ocr/1';

export interface OcrOptions {
  /** The tesseract program (Debian: /usr/bin/tesseract). */
  binary: string;
  languages: string;
  psm: number;
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Largest image decoded, in pixels (width × height). */
  maxPixels: number;
  /** Whole budget for one image: decoding, variants and every Tesseract run. */
  timeoutMs: number;
  minConfidence: number;
  variants: readonly Variant[];
}

export const OCR_DEFAULTS: OcrOptions = {
  binary: 'tesseract',
  languages: 'ind+eng',
  psm: 11,
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 40_000_000,
  timeoutMs: 60_000,
  minConfidence: 65,
  variants: ['gray', 'dark', 'light'],
};

export interface OcrResult {
  /** Recognised text, one line per line of the image, words separated by spaces. */
  text: string;
  words: OcrWord[];
  /** Engine, version, languages and Netra's pipeline version: `tesseract 5.3.0 (ind+eng, psm 11; netra-ocr/1)`. */
  engine: string;
  width: number;
  height: number;
  elapsedMs: number;
}

export interface ReadOptions extends Partial<OcrOptions> {
  /** The declared media type or file name, checked against the bytes (mislabelled → OCR_IMAGE_MISLABELLED). */
  label?: string | undefined;
  /** Named in errors. */
  file?: string | undefined;
}

/** The engine description recorded with every result and in the evidence manifest. */
export async function ocrEngine(options: Partial<OcrOptions> = {}): Promise<string> {
  const o = { ...OCR_DEFAULTS, ...options };
  return `${await tesseractVersion(o.binary)} (${o.languages}, psm ${o.psm}; ${OCR_PIPELINE_VERSION})`;
}

function toWord(w: RawWord, scale: number): OcrWord {
  return {
    text: w.text,
    confidence: Math.round(w.confidence * 10) / 10,
    box: [
      Math.round(w.left / scale),
      Math.round(w.top / scale),
      Math.max(1, Math.round(w.width / scale)),
      Math.max(1, Math.round(w.height / scale)),
    ],
  };
}

/**
 * Reads the text in one image. Checks size, signature, label and animation first (OcrError with a stable code),
 * then runs Tesseract on each pre-processed variant, merges their words and drops low-confidence noise.
 * Word boxes are in the original image's pixels after EXIF orientation, as a browser shows it.
 */
export async function readImage(bytes: Uint8Array, options: ReadOptions = {}): Promise<OcrResult> {
  const o = { ...OCR_DEFAULTS, ...options };
  const started = performance.now();
  const where = o.file ? { file: o.file } : {};
  const withFile = (error: unknown): never => {
    if (error instanceof OcrError && o.file && !('file' in error.details)) error.details.file = o.file;
    throw error;
  };
  inspectImage(bytes, { maxBytes: o.maxBytes, label: o.label, file: o.file });
  const engine = await ocrEngine(o).catch(withFile);
  const deadline = started + o.timeoutMs;
  const remaining = () => Math.floor(deadline - performance.now());
  const image = await preprocess(bytes, {
    maxPixels: o.maxPixels,
    variants: o.variants,
    timeoutSeconds: Math.max(1, Math.ceil(o.timeoutMs / 1000)),
  }).catch(withFile);
  const perVariant: RawWord[][] = [];
  for (const v of image.variants) {
    const left = remaining();
    if (left <= 0) throw new OcrError('OCR_TIMEOUT', `over ${o.timeoutMs} ms`, { ...where, timeoutMs: o.timeoutMs });
    const words = await runTesseract(v.png, {
      binary: o.binary,
      languages: o.languages,
      psm: o.psm,
      timeoutMs: left,
    }).catch(withFile);
    perVariant.push(words.filter((w) => isSignal(w, { minConfidence: o.minConfidence, scale: image.scale })));
  }
  const words = mergeVariants(perVariant).map((w) => toWord(w, image.scale));
  const lines = toLines(words);
  return {
    text: lines.map((line) => line.map((w) => w.text).join(' ')).join('\n'),
    words: lines.flat(),
    engine,
    width: image.width,
    height: image.height,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Reads an image file; the file name is the label checked against the bytes. The size cap is checked before reading. */
export async function readImageFile(path: string, options: ReadOptions = {}): Promise<OcrResult> {
  const maxBytes = options.maxBytes ?? OCR_DEFAULTS.maxBytes;
  const info = await stat(path);
  if (info.size > maxBytes) {
    throw new OcrError('OCR_IMAGE_TOO_LARGE', `${info.size} bytes > ${maxBytes}`, {
      file: path,
      bytes: info.size,
      maxBytes,
    });
  }
  return readImage(await readFile(path), { label: path, file: path, ...options });
}
