import { NetraError } from '@netra/core';

/**
 * Stable codes of an image that could not be read. Each is per image: the post it belongs to is classified
 * on its other parts and keeps the error next to the image, never waits on it.
 */
export const OCR_ERROR_CODES = {
  /** The bytes are not an image we can decode (truncated, garbage, an HTML error page). */
  corrupt: 'OCR_IMAGE_CORRUPT',
  /** More bytes or pixels than the cap (`maxBytes`, `maxPixels`). */
  tooLarge: 'OCR_IMAGE_TOO_LARGE',
  /** An animated GIF/WebP/PNG: frames flicker past, a poster is not one of them. */
  animated: 'OCR_IMAGE_ANIMATED',
  /** The declared media type or file extension says one format, the bytes another. */
  mislabelled: 'OCR_IMAGE_MISLABELLED',
  /** A format OCR does not read (SVG, PDF, video) or no known signature at all. */
  unsupported: 'OCR_IMAGE_UNSUPPORTED',
  /** The stored image file is not where the evidence store says (store moved, file lost); worth another try. */
  missing: 'OCR_IMAGE_MISSING',
  /** Pre-processing plus recognition took longer than the per-image timeout. */
  timeout: 'OCR_TIMEOUT',
  /** The tesseract program or its ind/eng language data is not installed (scripts/setup.sh installs them). */
  engineMissing: 'OCR_ENGINE_MISSING',
  /** Tesseract exited with an error on an image that decoded fine. */
  engineFailed: 'OCR_ENGINE_FAILED',
} as const;
export type OcrErrorCode = (typeof OCR_ERROR_CODES)[keyof typeof OCR_ERROR_CODES];

/** Indonesian first, English second, like every user-facing message. */
const MESSAGES: Record<OcrErrorCode, string> = {
  OCR_IMAGE_CORRUPT: 'gambar rusak atau tidak dapat dibaca / image is corrupt or cannot be decoded',
  OCR_IMAGE_TOO_LARGE: 'gambar melebihi batas ukuran / image exceeds the size limit',
  OCR_IMAGE_ANIMATED: 'gambar animasi tidak dibaca / animated images are not read',
  OCR_IMAGE_MISLABELLED: 'jenis gambar tidak sesuai isinya / image type does not match its content',
  OCR_IMAGE_UNSUPPORTED: 'format gambar tidak didukung / image format not supported',
  OCR_IMAGE_MISSING: 'berkas gambar tidak ditemukan / image file not found',
  OCR_TIMEOUT: 'pembacaan teks gambar melewati batas waktu / reading the image timed out',
  OCR_ENGINE_MISSING:
    'mesin OCR (tesseract + bahasa ind/eng) tidak terpasang / OCR engine (tesseract with ind/eng data) is not installed',
  OCR_ENGINE_FAILED: 'mesin OCR gagal membaca gambar / the OCR engine failed on the image',
};

export class OcrError extends NetraError {
  declare readonly code: OcrErrorCode;
  constructor(code: OcrErrorCode, detail: string, details: Record<string, unknown> = {}) {
    // A timeout or an engine crash may pass on another try (load, a killed process); bad bytes never will.
    const retryable = code === 'OCR_TIMEOUT' || code === 'OCR_ENGINE_FAILED' || code === 'OCR_IMAGE_MISSING';
    super(code, `${MESSAGES[code]}: ${detail}`, details, retryable);
    this.name = 'OcrError';
  }
}

export function isOcrError(error: unknown): error is OcrError {
  return error instanceof OcrError;
}
