import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkImageDecodes, pngHasEnd } from './decode-check.ts';

const LIMITS = { maxPixels: 100_000_000, timeoutSeconds: 20 };
const codeOf = (run: Promise<void>) =>
  run.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

/** The whole-image check run at upload (docs/security.md, "Screenshots decoded whole"). */
describe('checkImageDecodes', () => {
  it('takes a whole PNG (bytes after IEND too) and refuses one cut inside or before IEND', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    expect(pngHasEnd(png)).toBe(true);
    expect(await codeOf(checkImageDecodes(png, LIMITS))).toBe('ok');
    const trailing = Buffer.concat([png, Buffer.from('<html>tambahan</html>')]);
    expect(await codeOf(checkImageDecodes(trailing, LIMITS))).toBe('ok');
    for (const cut of [1, 12]) {
      expect(await codeOf(checkImageDecodes(png.subarray(0, png.length - cut), LIMITS))).toBe('OCR_IMAGE_CORRUPT');
    }
  });

  it('refuses a JPEG cut before its end and one past the pixel cap', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#993366' } })
      .jpeg()
      .toBuffer();
    expect(await codeOf(checkImageDecodes(jpeg, LIMITS))).toBe('ok');
    expect(await codeOf(checkImageDecodes(jpeg.subarray(0, jpeg.length - 2), LIMITS))).toBe('OCR_IMAGE_CORRUPT');
    expect(await codeOf(checkImageDecodes(jpeg, { ...LIMITS, maxPixels: 1_000 }))).toBe('OCR_IMAGE_TOO_LARGE');
  });
});
