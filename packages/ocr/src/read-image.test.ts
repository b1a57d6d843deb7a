import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { OcrError } from './ocr-error.ts';
import { readImage } from './read-image.ts';

/** A poster drawn from SVG (librsvg, DejaVu fonts): white, yellow and black text on red, as campaign posters do. */
function posterSvg(width: number, height: number, scale = 1): string {
  const s = (n: number) => Math.round(n * scale);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#c0162b"/>
<text x="${s(40)}" y="${s(120)}" font-size="${s(64)}" font-family="DejaVu Sans" font-weight="bold" fill="#fff">COBLOS NOMOR 2</text>
<text x="${s(40)}" y="${s(230)}" font-size="${s(48)}" font-family="DejaVu Serif" fill="#ffd400">Bersama Membangun Mesuji</text>
<text x="${s(40)}" y="${s(330)}" font-size="${s(44)}" font-family="DejaVu Sans" fill="#111">#MesujiMaju</text></svg>`;
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (error) {
    return error instanceof OcrError ? error.code : `not an OcrError: ${String(error)}`;
  }
}

describe('readImage (real tesseract, ind+eng)', () => {
  it('reads white, yellow and black text on a coloured poster, with boxes in the image’s pixels', async () => {
    const png = await sharp(Buffer.from(posterSvg(800, 500)))
      .png()
      .toBuffer();
    const r = await readImage(png, { label: 'image/png' });
    const words = r.words.map((w) => w.text);
    for (const w of ['COBLOS', 'NOMOR', '2', 'Bersama', 'Membangun', 'Mesuji', '#MesujiMaju'])
      expect(words).toContain(w);
    expect(r.text.split('\n')[0]).toBe('COBLOS NOMOR 2');
    expect(r.engine).toMatch(/^tesseract \d+\.\d+.*ind\+eng/);
    expect([r.width, r.height]).toEqual([800, 500]);
    const coblos = r.words.find((w) => w.text === 'COBLOS')!;
    // Drawn at x=40, baseline 120, 64 px bold capitals: the box sits there in original pixels, not scaled ones.
    expect(coblos.box[0]).toBeGreaterThanOrEqual(30);
    expect(coblos.box[0]).toBeLessThanOrEqual(50);
    expect(coblos.box[1]).toBeGreaterThanOrEqual(60);
    expect(coblos.box[1] + coblos.box[3]).toBeLessThanOrEqual(130);
    for (const w of r.words) expect(w.confidence).toBeGreaterThanOrEqual(65);
  });

  it('scales up a small image and applies EXIF orientation (boxes as the browser shows it)', async () => {
    // Drawn small (320×200), then stored rotated with an EXIF tag saying "rotate 90° clockwise to view".
    const small = await sharp(Buffer.from(posterSvg(320, 200, 0.4)))
      .png()
      .toBuffer();
    const stored = await sharp(small).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const r = await readImage(stored, { label: 'photo.jpg' });
    expect([r.width, r.height]).toEqual([320, 200]);
    expect(r.words.map((w) => w.text)).toEqual(expect.arrayContaining(['COBLOS', 'NOMOR']));
    const coblos = r.words.find((w) => w.text === 'COBLOS')!;
    expect(coblos.box[0] + coblos.box[2]).toBeLessThanOrEqual(320);
    expect(coblos.box[1]).toBeLessThan(60);
  });

  it('drops grain from photo-like images with no text (seeded noise, so every run reads the same pixels)', async () => {
    // Gaussian grain as a camera gives it, from a fixed seed: sharp's own noise differs per run, and Tesseract reads
    // one or two speckles as letters in some of those images, which made this check pass or fail by chance.
    let seed = 0x5eed;
    const uniform = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    let total = 0;
    for (let image = 0; image < 6; image++) {
      const [width, height] = [240, 180];
      const pixels = Buffer.alloc(width * height * 3);
      for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, Math.round(128 + 60 * gaussian())));
      const png = await sharp(pixels, { raw: { width, height, channels: 3 } })
        .png()
        .toBuffer();
      const r = await readImage(png);
      expect(r.words.length).toBeLessThanOrEqual(1);
      total += r.words.length;
    }
    expect(total).toBeLessThanOrEqual(2);
    // Eighteen Tesseract runs (six images, three variants) are ~10 s of CPU: past the suite's 60 s when the
    // machine's load is 15–20 on two cores (seen in a full run beside benchmarks), so this test waits longer.
  }, 300_000);

  it('answers bad images with per-image errors: corrupt, too large, timeout, engine missing', async () => {
    const png = await sharp(Buffer.from(posterSvg(800, 500)))
      .png()
      .toBuffer();
    const truncated = png.subarray(0, 200);
    expect(await codeOf(readImage(truncated, { label: 'x.png' }))).toBe('OCR_IMAGE_CORRUPT');
    expect(await codeOf(readImage(png, { maxPixels: 100_000 }))).toBe('OCR_IMAGE_TOO_LARGE');
    expect(await codeOf(readImage(png, { timeoutMs: 5 }))).toBe('OCR_TIMEOUT');
    expect(await codeOf(readImage(png, { binary: '/nonexistent/tesseract' }))).toBe('OCR_ENGINE_MISSING');
  });
});
