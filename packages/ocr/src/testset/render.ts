import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestImage } from './test-set.ts';

/** Turns one HTML page of the given size into image bytes (the CLI and the bench use Chromium). */
export type HtmlRenderer = (html: string, width: number, height: number, type: 'png' | 'jpeg') => Promise<Buffer>;

export interface RenderedImage {
  image: TestImage;
  path: string;
}

/**
 * Renders the test set into `dir`: every third image as JPEG (quality set by the renderer), the rest PNG, as
 * platforms serve both. Returns the files in test-set order.
 */
export async function renderTestSet(
  images: readonly TestImage[],
  dir: string,
  render: HtmlRenderer,
  concurrency = 2,
): Promise<RenderedImage[]> {
  await mkdir(dir, { recursive: true });
  const out = new Array<RenderedImage>(images.length);
  let next = 0;
  const worker = async () => {
    while (next < images.length) {
      const i = next++;
      const image = images[i]!;
      const type = i % 3 === 2 ? 'jpeg' : 'png';
      const path = join(dir, `${image.name}.${type === 'jpeg' ? 'jpg' : 'png'}`);
      await writeFile(path, await render(image.html, image.width, image.height, type));
      out[i] = { image, path };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return out;
}
