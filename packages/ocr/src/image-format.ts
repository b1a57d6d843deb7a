import { OcrError } from './ocr-error.ts';

/** Raster formats OCR reads. Anything else (SVG, PDF, video, HTML) is refused by its signature. */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'tiff' | 'avif' | 'heif';

const MEDIA_TYPES: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/apng': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/x-ms-bmp': 'bmp',
  'image/tiff': 'tiff',
  'image/avif': 'avif',
  'image/heic': 'heif',
  'image/heif': 'heif',
};

const EXTENSIONS: Record<string, ImageFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  apng: 'png',
  gif: 'gif',
  webp: 'webp',
  bmp: 'bmp',
  tif: 'tiff',
  tiff: 'tiff',
  avif: 'avif',
  heic: 'heif',
  heif: 'heif',
};

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

/**
 * The format the bytes say they are (their magic number), or null. The name or the declared type never picks
 * the decoder: an "image" can be an HTML error page saved as `.jpg`.
 */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return 'tiff';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'mif1', 'msf1', 'hevc'].includes(brand)) return 'heif';
  }
  return null;
}

/** The format a media type (`image/png; charset=…`) or a file name's extension claims, or null when it claims none. */
export function claimedFormat(label: string): ImageFormat | null {
  const lower = label.trim().toLowerCase();
  if (lower.includes('/')) {
    const type = lower.split(';')[0]!.trim();
    if (type in MEDIA_TYPES) return MEDIA_TYPES[type]!;
    // A path: fall through to its extension.
    if (type.startsWith('image/') || !/\.[a-z0-9]+$/.test(type)) return null;
  }
  const ext = /\.([a-z0-9]+)$/.exec(lower)?.[1];
  return ext ? (EXTENSIONS[ext] ?? null) : null;
}

/** True when a PNG carries an animation control chunk (APNG) before its image data. */
function isApng(bytes: Uint8Array): boolean {
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    const type = ascii(bytes, at + 4, 4);
    if (type === 'acTL') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    at += 12 + length;
  }
  return false;
}

/** True when a WebP's extended header sets the animation flag. */
function isAnimatedWebp(bytes: Uint8Array): boolean {
  return ascii(bytes, 12, 4) === 'VP8X' && bytes.length > 20 && (bytes[20]! & 0x02) !== 0;
}

/** Counts GIF image descriptors up to two (walking blocks, not scanning bytes: pixel data can contain 0x2c). */
function gifFrames(bytes: Uint8Array): number {
  let at = 13;
  const flags = bytes[10] ?? 0;
  if (flags & 0x80) at += 3 * 2 ** ((flags & 0x07) + 1);
  let frames = 0;
  const skipSubBlocks = () => {
    while (at < bytes.length) {
      const size = bytes[at]!;
      at += 1;
      if (size === 0) return;
      at += size;
    }
  };
  while (at < bytes.length) {
    const block = bytes[at]!;
    if (block === 0x3b) break;
    if (block === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      if (frames > 1) return frames;
      const local = bytes[at + 9] ?? 0;
      at += 10;
      if (local & 0x80) at += 3 * 2 ** ((local & 0x07) + 1);
      at += 1; // LZW minimum code size
      skipSubBlocks();
    } else break;
  }
  return frames;
}

/** Whether the image has more than one frame, read from its container without decoding pixels. */
export function isAnimated(bytes: Uint8Array, format: ImageFormat): boolean {
  if (format === 'png') return isApng(bytes);
  if (format === 'webp') return isAnimatedWebp(bytes);
  if (format === 'gif') return gifFrames(bytes) > 1;
  return false;
}

/**
 * Checks an image's bytes before anything decodes them: size cap, known signature, the label (media type or
 * file name) agreeing with the signature, and a single frame. Throws an OcrError with a stable code.
 */
export function inspectImage(
  bytes: Uint8Array,
  options: { maxBytes: number; label?: string | undefined; file?: string | undefined },
): ImageFormat {
  const where = options.file ? { file: options.file } : {};
  if (bytes.length > options.maxBytes) {
    throw new OcrError('OCR_IMAGE_TOO_LARGE', `${bytes.length} bytes > ${options.maxBytes}`, {
      ...where,
      bytes: bytes.length,
      maxBytes: options.maxBytes,
    });
  }
  const format = sniffFormat(bytes);
  const claimed = options.label ? claimedFormat(options.label) : null;
  if (!format) {
    if (bytes.length === 0) throw new OcrError('OCR_IMAGE_CORRUPT', 'empty file', where);
    const head = ascii(bytes, 0, Math.min(bytes.length, 256)).trimStart().toLowerCase();
    if (head.startsWith('<svg') || head.startsWith('<?xml') || head.startsWith('%pdf')) {
      throw new OcrError('OCR_IMAGE_UNSUPPORTED', 'vector or document format, not a raster image', where);
    }
    if (claimed) {
      throw new OcrError('OCR_IMAGE_MISLABELLED', `labelled ${claimed} but the bytes are no known image`, {
        ...where,
        claimed,
      });
    }
    throw new OcrError('OCR_IMAGE_UNSUPPORTED', 'no known image signature', where);
  }
  if (claimed && claimed !== format) {
    throw new OcrError('OCR_IMAGE_MISLABELLED', `labelled ${claimed} but the bytes are ${format}`, {
      ...where,
      claimed,
      actual: format,
    });
  }
  if (isAnimated(bytes, format)) throw new OcrError('OCR_IMAGE_ANIMATED', `animated ${format}`, where);
  return format;
}
