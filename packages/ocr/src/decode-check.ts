import { ConcurrencySlots } from '@netra/core';
import sharp from 'sharp';
import { OcrError } from './ocr-error.ts';
import { decodeError } from './preprocess.ts';

export interface DecodeCheckOptions {
  /** Largest image decoded, in pixels (the caller checks the declared size first; this bounds the decoder too). */
  maxPixels: number;
  /** Seconds libvips may spend decoding before the check is abandoned (OCR_TIMEOUT). */
  timeoutSeconds: number;
}

/** Decodes running at once: each holds a libuv thread, which the process's file and DNS work share. */
const decodes = new ConcurrencySlots(2);

/**
 * True when a PNG's chunks run whole up to IEND. libpng reads every pixel row and stops there, so a file cut
 * inside its IEND chunk (or right before it) decodes without a complaint; the chunk walk finds it. Bytes after
 * IEND are left alone: they are never decoded, and the file is stored and served as `image/png` anyway.
 */
export function pngHasEnd(bytes: Uint8Array): boolean {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (at + 12 + length > bytes.length) return false;
    if (type === 'IEND') return true;
    at += 12 + length;
  }
  return false;
}

/**
 * Decodes every pixel of an image (first frame) and throws when the file is cut or corrupt — what the OCR
 * worker's decode would fail on later (`preprocess` uses the same `failOn: 'error'`). Reading the header only
 * (`imageDimensions`) passes a file cut after its header. The decode runs in libvips on libuv's thread pool,
 * not on the event loop; it streams (sequential read, a 64-px output), so memory stays a few MB whatever the
 * image's size; libvips abandons it after `timeoutSeconds`; at most two run at once.
 * Throws OcrError OCR_IMAGE_CORRUPT, OCR_IMAGE_TOO_LARGE (past `maxPixels`) or OCR_TIMEOUT.
 */
export async function checkImageDecodes(bytes: Uint8Array, options: DecodeCheckOptions): Promise<void> {
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  if (isPng && !pngHasEnd(bytes)) throw new OcrError('OCR_IMAGE_CORRUPT', 'PNG cut before its IEND chunk');
  await decodes.run(async () => {
    try {
      await sharp(bytes, {
        limitInputPixels: options.maxPixels,
        failOn: 'error',
        pages: 1,
        sequentialRead: true,
      })
        .timeout({ seconds: options.timeoutSeconds })
        .resize(64, 64, { fit: 'inside' })
        .raw()
        .toBuffer();
    } catch (error) {
      throw decodeError(error);
    }
  });
}
