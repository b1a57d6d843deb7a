import sharp, { type Metadata } from 'sharp';
import { OcrError } from './ocr-error.ts';

/**
 * How one copy of the image is prepared for Tesseract. Posters put white text on red, yellow on blue, black on
 * orange: a plain luminance picture loses some of those, so each variant keeps a different contrast.
 * Tesseract binarises a page with one global (Otsu) cut, which separates only the two strongest tones: on a red
 * poster with white and black text, black text falls on the same side as the red and vanishes. The `dark` and
 * `light` variants make that cut themselves, one per kind of text.
 * - `gray`: luminance, contrast stretched (Tesseract's own cut)
 * - `dark`: black where every channel is dark (black/navy text on any colour or on white), white elsewhere
 * - `light`: black where every channel is bright (white text on any colour or photo), white elsewhere
 * - `threshold`: `gray` cut at mid-grey
 */
export type Variant = 'gray' | 'dark' | 'light' | 'threshold';
export const VARIANTS: readonly Variant[] = ['gray', 'dark', 'light', 'threshold'];

/** Channel levels of the `dark` and `light` cuts (0–255). */
const DARK_BELOW = 110;
const LIGHT_ABOVE = 175;

export interface Prepared {
  variant: Variant;
  png: Buffer;
}

export interface PreparedImage {
  /** Width and height after EXIF orientation (the space word boxes are reported in). */
  width: number;
  height: number;
  /** Prepared pixels per original pixel (>1 when small text was scaled up). */
  scale: number;
  variants: Prepared[];
}

export interface PreprocessOptions {
  maxPixels: number;
  variants: readonly Variant[];
  /** Seconds libvips may spend on one operation before it is abandoned. */
  timeoutSeconds: number;
}

/**
 * Scale so the longer side is at least 1,600 px (at most ×3): small images (thumbnails, phone screenshots) then bring
 * their text to the ~20 px x-height Tesseract reads best. Larger images stay as they are (cost grows with pixels;
 * 2,400 px was tried and read no more words on the test set at twice the time); huge ones shrink to 4,000 px.
 */
export function scaleFor(width: number, height: number): number {
  const longer = Math.max(width, height);
  if (longer <= 0) return 1;
  if (longer < TARGET_LONGER_SIDE) return Math.min(3, TARGET_LONGER_SIDE / longer);
  if (longer > 4000) return 4000 / longer;
  return 1;
}

const TARGET_LONGER_SIDE = 1600;

/** A libvips failure as the OcrError it means: pixel cap, timeout, or a file that does not decode. */
export function decodeError(error: unknown): OcrError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new OcrError('OCR_IMAGE_TOO_LARGE', message);
  if (/timeout/i.test(message)) return new OcrError('OCR_TIMEOUT', message);
  return new OcrError('OCR_IMAGE_CORRUPT', message);
}

/** Black text on white: the pixels whose every channel is dark (`dark`) or bright (`light`). */
async function cutPng(rgb: Buffer, width: number, height: number, kind: 'dark' | 'light', seconds: number) {
  const out = Buffer.allocUnsafe(width * height);
  for (let i = 0, j = 0; j < out.length; i += 3, j++) {
    const r = rgb[i]!;
    const g = rgb[i + 1]!;
    const b = rgb[i + 2]!;
    const text = kind === 'dark' ? Math.max(r, g, b) < DARK_BELOW : Math.min(r, g, b) > LIGHT_ABOVE;
    out[j] = text ? 0 : 255;
  }
  return sharp(out, { raw: { width, height, channels: 1 } })
    .timeout({ seconds })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/**
 * An image's width and height as its header declares them (EXIF orientation applied), without decoding a
 * pixel; null when the header cannot be read. For refusing an upload before anything — a worker, an
 * analyst's browser — tries to allocate what a tiny file with huge declared dimensions asks for.
 */
export async function imageDimensions(bytes: Uint8Array): Promise<{ width: number; height: number } | null> {
  try {
    // No pixel limit here: the caller compares the declared size with its own. Only the header is read.
    const meta = await sharp(bytes, { limitInputPixels: false, failOn: 'error', pages: 1 }).metadata();
    const width = meta.autoOrient?.width ?? meta.width ?? 0;
    const height = meta.autoOrient?.height ?? meta.height ?? 0;
    return width > 0 && height > 0 ? { width, height } : null;
  } catch {
    return null;
  }
}

/**
 * Decodes (first frame only, EXIF orientation applied), checks the pixel cap, scales and renders the variants.
 * A decode failure is OCR_IMAGE_CORRUPT; more pixels than the cap is OCR_IMAGE_TOO_LARGE.
 */
export async function preprocess(bytes: Uint8Array, options: PreprocessOptions): Promise<PreparedImage> {
  const open = () =>
    sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'error', pages: 1 }).timeout({
      seconds: options.timeoutSeconds,
    });
  let meta: Metadata;
  try {
    meta = await open().metadata();
  } catch (error) {
    throw decodeError(error);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw new OcrError('OCR_IMAGE_CORRUPT', 'no dimensions');
  if (width * height > options.maxPixels) {
    throw new OcrError('OCR_IMAGE_TOO_LARGE', `${width}×${height} px > ${options.maxPixels} px`, {
      width,
      height,
      maxPixels: options.maxPixels,
    });
  }
  const scale = scaleFor(width, height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  let rgb: Buffer;
  try {
    rgb = await open()
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .resize(w, h, { kernel: scale > 1 ? 'lanczos3' : 'mitchell' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
  } catch (error) {
    throw decodeError(error);
  }
  const seconds = options.timeoutSeconds;
  const gray = () =>
    sharp(rgb, { raw: { width: w, height: h, channels: 3 } })
      .timeout({ seconds })
      .greyscale();
  const variants: Prepared[] = [];
  for (const variant of options.variants) {
    let png: Buffer;
    if (variant === 'gray') png = await gray().normalise().png({ compressionLevel: 1 }).toBuffer();
    else if (variant === 'threshold')
      png = await gray().normalise().threshold(128).png({ compressionLevel: 1 }).toBuffer();
    else png = await cutPng(rgb, w, h, variant, seconds);
    variants.push({ variant, png });
  }
  return { width, height, scale: w / width, variants };
}
