import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { claimedFormat, inspectImage, isAnimated, sniffFormat } from './image-format.ts';
import { OcrError } from './ocr-error.ts';

const square = (colour: string) =>
  sharp({ create: { width: 40, height: 40, channels: 3, background: colour } })
    .png()
    .toBuffer();

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof OcrError ? error.code : `not an OcrError: ${String(error)}`;
  }
}

/** A PNG with an `acTL` chunk after its header: an animated PNG as far as the container says. */
function withAnimationChunk(png: Buffer): Buffer {
  const chunk = Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('acTL'), Buffer.alloc(8), Buffer.alloc(4)]);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

describe('image format by magic bytes', () => {
  it('recognises formats by their bytes, not their names', async () => {
    const png = await square('#f00');
    expect(sniffFormat(png)).toBe('png');
    expect(sniffFormat(await sharp(png).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffFormat(await sharp(png).webp().toBuffer())).toBe('webp');
    expect(sniffFormat(await sharp(png).gif().toBuffer())).toBe('gif');
    expect(sniffFormat(Buffer.from('<!doctype html><title>404</title>'))).toBeNull();
  });

  it('reads the claimed format from a media type or a file name', () => {
    expect(claimedFormat('image/jpeg; charset=binary')).toBe('jpeg');
    expect(claimedFormat('/tmp/a/poster.JPG')).toBe('jpeg');
    expect(claimedFormat('poster.webp')).toBe('webp');
    expect(claimedFormat('application/octet-stream')).toBeNull();
    expect(claimedFormat('README')).toBeNull();
  });

  it('tells animated GIF, WebP and PNG from still ones', async () => {
    const a = await square('#f00');
    const b = await square('#00f');
    const animated = sharp([a, b], { join: { animated: true } });
    expect(isAnimated(await animated.clone().gif().toBuffer(), 'gif')).toBe(true);
    expect(isAnimated(await animated.clone().webp().toBuffer(), 'webp')).toBe(true);
    expect(isAnimated(await sharp(a).gif().toBuffer(), 'gif')).toBe(false);
    expect(isAnimated(await sharp(a).webp().toBuffer(), 'webp')).toBe(false);
    expect(isAnimated(withAnimationChunk(a), 'png')).toBe(true);
    expect(isAnimated(a, 'png')).toBe(false);
  });

  it('gives each bad image its own stable code', async () => {
    const png = await square('#0f0');
    const gif = await sharp([png, await square('#00f')], { join: { animated: true } })
      .gif()
      .toBuffer();
    const opts = { maxBytes: 1_000_000 };
    expect(codeOf(() => inspectImage(png, { ...opts, label: 'poster.png' }))).toBeNull();
    expect(codeOf(() => inspectImage(png, { ...opts, label: 'poster.jpg' }))).toBe('OCR_IMAGE_MISLABELLED');
    expect(codeOf(() => inspectImage(png, { ...opts, label: 'image/webp' }))).toBe('OCR_IMAGE_MISLABELLED');
    expect(codeOf(() => inspectImage(Buffer.from('<html>not an image</html>'), { ...opts, label: 'a.jpg' }))).toBe(
      'OCR_IMAGE_MISLABELLED',
    );
    expect(codeOf(() => inspectImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), opts))).toBe(
      'OCR_IMAGE_UNSUPPORTED',
    );
    expect(codeOf(() => inspectImage(Buffer.alloc(0), opts))).toBe('OCR_IMAGE_CORRUPT');
    expect(codeOf(() => inspectImage(png, { maxBytes: 10 }))).toBe('OCR_IMAGE_TOO_LARGE');
    expect(codeOf(() => inspectImage(gif, { ...opts, label: 'anim.gif' }))).toBe('OCR_IMAGE_ANIMATED');
  });
});
