import type { EvidenceArtefactRef } from '@netra/core';
import { fetchImage, IMAGE_MEDIA_TYPES, sniffImageType } from '../api/image-download.ts';
import type { EvidenceStore } from './artefact-store.ts';

/** A larger image file is not downloaded (the OCR worker would refuse it anyway). */
export const MAX_PAGE_IMAGE_BYTES = 15 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

export interface PageImagesOptions {
  /**
   * The origin PLATFORM_ORIGINS maps the platform to (a test or demo server): then only that origin is fetched,
   * loopback included. Absent: public `https` hosts whose every address is public, as for the API collectors.
   */
  localOrigin: string | undefined;
  userAgent: string;
}

/**
 * Downloads the images a page shows in its posts, each URL once per crawl however many posts show it. The
 * page's markup chooses the URLs, so they go through the API collectors' guarded download (`fetchImage`): no
 * private, loopback or link-local address (checked on every redirect and at connect time), only JPEG, PNG,
 * WebP and GIF whose bytes match their type, at most `MAX_PAGE_IMAGE_BYTES`. Not through the browser's
 * `page.request`, which would fetch whatever address the page names. `data:` images are decoded in place.
 */
export class PageImages {
  readonly #store: EvidenceStore;
  readonly #options: PageImagesOptions;
  readonly #cache = new Map<string, Promise<EvidenceArtefactRef | null>>();

  constructor(store: EvidenceStore, options: PageImagesOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** The stored images of one post, and one `<url>: <why>` line per image not kept. */
  async capture(
    sources: readonly string[],
    capturedAt: Date,
  ): Promise<{ refs: EvidenceArtefactRef[]; problems: string[] }> {
    const problems: string[] = [];
    const results = await Promise.all(
      sources.map(async (src) => {
        let found = this.#cache.get(src);
        if (!found) {
          found = this.#fetch(src, capturedAt);
          this.#cache.set(src, found);
        }
        try {
          return await found;
        } catch (error) {
          const label = src.startsWith('data:') ? 'data: image' : src;
          problems.push(
            `${label.slice(0, 200)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          );
          return null;
        }
      }),
    );
    return { refs: results.filter((r): r is EvidenceArtefactRef => r !== null), problems };
  }

  async #fetch(src: string, capturedAt: Date): Promise<EvidenceArtefactRef | null> {
    if (src.startsWith('data:')) {
      const m = /^data:([^;,]+)(;base64)?,(.*)$/is.exec(src);
      if (!m) throw new Error('malformed data URL');
      const declared = m[1]!.trim().toLowerCase();
      // Vector images are drawn by the page (icons, illustrations), not photos or posters people post.
      if (/svg/.test(declared)) return null;
      const bytes = m[2] ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
      if (bytes.length > MAX_PAGE_IMAGE_BYTES) throw new Error(`${bytes.length} bytes > ${MAX_PAGE_IMAGE_BYTES}`);
      const sniffed = sniffImageType(bytes);
      if (!sniffed || !(IMAGE_MEDIA_TYPES as readonly string[]).includes(declared) || sniffed !== declared)
        throw new Error(`isi bukan ${declared} / bytes are not ${declared}`);
      return this.#store.put('image', bytes, sniffed, capturedAt);
    }
    const image = await fetchImage(src, {
      localOrigin: this.#options.localOrigin,
      maxBytes: MAX_PAGE_IMAGE_BYTES,
      timeoutMs: TIMEOUT_MS,
      userAgent: this.#options.userAgent,
    });
    return this.#store.put('image', image.bytes, image.mediaType, capturedAt);
  }
}
