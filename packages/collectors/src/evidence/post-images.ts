import type { EvidenceArtefactRef } from '@netra/core';
import type { Locator, Page } from 'playwright-core';
import type { EvidenceStore } from './artefact-store.ts';

/** Images smaller than this on both sides are avatars and icons, not posters or screenshots. */
const MIN_SIDE = 120;
/** Images kept per post; the OCR worker reads at most its own limit of them. */
const MAX_IMAGES = 8;
/** A larger file is not downloaded (the OCR worker would refuse it anyway). */
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;

export interface ImageCapture {
  refs: EvidenceArtefactRef[];
  /** Per-image problems (download failed, too large): the post goes on without that image. */
  problems: string[];
}

/**
 * Saves the post's own images (not avatars) as `image` evidence, as the platform served them, for OCR. The
 * bytes are fetched through the page's browser context (same cookies, no CORS), `data:` images are decoded
 * in place. The media type stored is the server's claim; the OCR worker checks it against the bytes.
 */
export async function capturePostImages(
  page: Page,
  item: Locator,
  store: EvidenceStore,
  capturedAt: Date,
): Promise<ImageCapture> {
  const sources = await item.evaluate(
    async (el, { minSide, max }) => {
      const imgs = Array.from(el.querySelectorAll('img'));
      // Images still loading have no natural size yet: wait for them (briefly), then judge by what they are.
      await Promise.race([
        Promise.all(imgs.map((img) => img.decode().catch(() => undefined))),
        new Promise((resolve) => setTimeout(resolve, 5_000)),
      ]);
      return (
        imgs
          .filter((img) => img.naturalWidth >= minSide && img.naturalHeight >= minSide)
          .map((img) => img.currentSrc || img.src)
          // Vector images are icons and illustrations drawn by the page, not photos or posters people post.
          .filter((src) => /^(https?:|data:image\/)/i.test(src) && !/\.svg(\?|#|$)|^data:image\/svg/i.test(src))
          .slice(0, max)
      );
    },
    { minSide: MIN_SIDE, max: MAX_IMAGES },
  );
  const refs: EvidenceArtefactRef[] = [];
  const problems: string[] = [];
  for (const src of [...new Set(sources)]) {
    const label = src.startsWith('data:') ? 'data: image' : src;
    try {
      let bytes: Buffer;
      let type: string;
      if (src.startsWith('data:')) {
        const m = /^data:([^;,]+)(;base64)?,(.*)$/is.exec(src);
        if (!m) throw new Error('malformed data URL');
        bytes = m[2] ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
        type = m[1]!;
      } else {
        const res = await page.request.get(src, { timeout: 15_000, maxRedirects: 3 });
        if (!res.ok()) throw new Error(`HTTP ${res.status()}`);
        const declared = Number(res.headers()['content-length'] ?? 0);
        if (declared > MAX_IMAGE_BYTES) throw new Error(`${declared} bytes > ${MAX_IMAGE_BYTES}`);
        bytes = await res.body();
        type = res.headers()['content-type'] ?? 'application/octet-stream';
      }
      if (bytes.length > MAX_IMAGE_BYTES) throw new Error(`${bytes.length} bytes > ${MAX_IMAGE_BYTES}`);
      if (/svg/i.test(type)) continue;
      refs.push(await store.put('image', bytes, type.split(';')[0]!.trim().toLowerCase(), capturedAt));
    } catch (error) {
      problems.push(`${label.slice(0, 200)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { refs, problems };
}
