import { sniffImageType } from '@netra/collectors';
import { ValidationError } from '@netra/core';

/** Largest uploaded capture (screenshot or saved page), before base64: a full-page PNG is rarely above this. */
export const TIP_MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/**
 * Largest screenshot accepted, in pixels as its header declares them: a full-page capture of 2,500 × 40,000
 * fits; a decompression bomb (a few KB declaring 100,000 × 100,000) does not, and is refused before the OCR
 * worker or an analyst's browser tries to decode it.
 */
export const TIP_MAX_SCREENSHOT_PIXELS = 100_000_000;

/** Seconds decoding a screenshot whole may take at upload: a 100-megapixel PNG decodes in a few. */
export const SCREENSHOT_DECODE_SECONDS = 20;

/**
 * The image type a screenshot really is, read from its first bytes (never from its name or declared type):
 * the collectors' sniffer, without GIF (a screenshot is never one).
 */
export function imageTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  const type = sniffImageType(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/webp' ? type : null;
}

/**
 * A saved page: HTML or MHTML ("Save page as…" in Chrome), text only. MHTML is recognised by its MIME headers;
 * anything with NUL bytes or neither HTML nor MIME markers is refused, naming the field.
 */
export function savedPageTypeOf(bytes: Uint8Array): 'text/html' | 'multipart/related' | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  if (head.includes('\u0000')) return null;
  if (
    /^(From:|Snapshot-Content-Location:|Subject:|Date:|MIME-Version:)/im.test(head) &&
    /multipart\/related/i.test(head)
  ) {
    return 'multipart/related';
  }
  if (/<(!doctype html|html|head|body|div|article|p)\b/i.test(head)) return 'text/html';
  return null;
}

export function checkUploadSize(field: string, bytes: Uint8Array): void {
  if (bytes.length === 0)
    throw new ValidationError('TIP_UPLOAD_EMPTY', [{ field, message: 'berkas kosong / empty file' }]);
  if (bytes.length > TIP_MAX_UPLOAD_BYTES) {
    throw new ValidationError('TIP_UPLOAD_TOO_LARGE', [
      {
        field,
        message: `berkas ${bytes.length} B melebihi batas ${TIP_MAX_UPLOAD_BYTES} B / file exceeds the ${TIP_MAX_UPLOAD_BYTES / 1024 / 1024} MB cap`,
      },
    ]);
  }
}
