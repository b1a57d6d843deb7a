/// <reference lib="dom" />
import type { EvidenceArtefactRef } from '@netra/core';
import type { CDPSession, Page, Response } from 'playwright-core';
import sharp from 'sharp';
import type { EvidenceStore } from './artefact-store.ts';
import { MANIFEST_MEDIA_TYPE } from './verify-evidence.ts';

/** Who wrote a page post's evidence: kept in its manifest and in `raw.collector` / `raw.collectorVersion`. */
export const PAGE_COLLECTOR = { name: 'netra-page-collector', version: '2.0.0' };

/** Images smaller than this on both sides are avatars and icons, not posters or screenshots. */
const MIN_SIDE = 120;
/** Images kept per post; the OCR worker reads at most its own limit of them. */
const MAX_IMAGES = 8;

const KEPT_HEADERS = ['content-type', 'content-language', 'date', 'etag', 'last-modified', 'server', 'location'];

/** The HTTP answer the page was loaded from (the last navigation; "load more" pages share it). */
export interface PageResponseInfo {
  requestUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
}

export function responseInfo(requestUrl: string, response: Response | null, finalUrl: string): PageResponseInfo {
  const all = response?.headers() ?? {};
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) if (all[name] !== undefined) headers[name] = all[name]!;
  return { requestUrl, finalUrl, status: response?.status() ?? 0, headers };
}

/** One item element as measured in the page: its HTML, its box in document pixels, its own images. */
export interface ItemSnapshot {
  html: string;
  box: { x: number; y: number; width: number; height: number };
  images: string[];
}

/** The items of one page and the size of the document they sit in (CSS pixels), for the full-page capture. */
export interface PageSnapshot {
  items: (ItemSnapshot | null)[];
  width: number;
  height: number;
  scale: number;
  scrollX: number;
  scrollY: number;
}

/**
 * Runs IN the page (serialised, self-contained): every listed item's HTML, box and image sources, after the
 * item images have decoded (at most 5 s), and the document's size and scroll position.
 */
async function snapshotInPage(args: { list: string[]; minSide: number; max: number }) {
  const { list, minSide, max } = args;
  const els = list.map((m) => document.querySelector(`[data-netra-item="${CSS.escape(m)}"]`));
  const imgs = els.flatMap((el) => (el ? Array.from(el.querySelectorAll('img')) : []));
  await Promise.race([
    Promise.all(imgs.map((img) => img.decode().catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 5_000)),
  ]);
  const items = els.map((el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const images = Array.from(el.querySelectorAll('img'))
      .filter((img) => img.naturalWidth >= minSide && img.naturalHeight >= minSide)
      .map((img) => img.currentSrc || img.src)
      // Vector images are icons and illustrations drawn by the page, not photos or posters people post.
      .filter((src) => /^(https?:|data:image\/)/i.test(src) && !/\.svg(\?|#|$)|^data:image\/svg/i.test(src));
    return {
      html: el.outerHTML,
      box: { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height },
      images: [...new Set(images)].slice(0, max),
    };
  });
  const root = document.documentElement;
  return {
    items,
    width: Math.max(root.scrollWidth, root.clientWidth),
    height: Math.max(root.scrollHeight, root.clientHeight),
    scale: window.devicePixelRatio || 1,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
  };
}

/**
 * Runs the platform's `extract`, with evidence the item snapshot, and for link pagination the next link's target,
 * in ONE browser round trip: on a loaded machine a round trip costs 50–70 ms, about a quarter of a page load.
 * The functions are serialised the way Playwright serialises any `evaluate` function (their source text).
 */
export async function extractWithSnapshot<T extends { marker: string }>(
  page: Page,
  extract: (args: { handle: string }) => T[],
  args: { handle: string },
  withSnapshot: boolean,
  /** Link pagination: also read the next link's target (undefined in the result when not asked). */
  nextLinkSelector: string | null = null,
): Promise<{ items: T[]; snapshot: PageSnapshot | null; nextHref?: string | null }> {
  const expression = `(async () => {
    const items = (${extract.toString()})(${JSON.stringify(args)});
    let snapshot = null;
    if (${withSnapshot}) {
      try {
        snapshot = await (${snapshotInPage.toString()})({ list: items.map((i) => i.marker), minSide: ${MIN_SIDE}, max: ${MAX_IMAGES} });
      } catch {}
    }
    const selector = ${JSON.stringify(nextLinkSelector)};
    const out = { items, snapshot };
    if (selector !== null) out.nextHref = document.querySelector(selector)?.href || null;
    return out;
  })()`;
  return page.evaluate(expression) as Promise<{ items: T[]; snapshot: PageSnapshot | null; nextHref?: string | null }>;
}

/** The snapshot of some items only, by marker (the others' entries are null). */
export function snapshotOf(snapshot: PageSnapshot, markers: readonly string[], all: readonly string[]): PageSnapshot {
  const byMarker = new Map(all.map((m, i) => [m, snapshot.items[i] ?? null]));
  return { ...snapshot, items: markers.map((m) => byMarker.get(m) ?? null) };
}

/** Whether the element's box lies inside the document the full-page screenshot covers. */
export function croppable(snapshot: PageSnapshot, box: ItemSnapshot['box']): boolean {
  return (
    box.width >= 1 &&
    box.height >= 1 &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= snapshot.width + 1 &&
    box.y + box.height <= snapshot.height + 1
  );
}

const sessions = new WeakMap<Page, Promise<CDPSession | null>>();

/** The page's DevTools session (Chromium), opened once per page; null when the browser has none. */
function sessionOf(page: Page): Promise<CDPSession | null> {
  let found = sessions.get(page);
  if (!found) {
    found = page
      .context()
      .newCDPSession(page)
      .catch(() => null);
    sessions.set(page, found);
  }
  return found;
}

/**
 * One PNG of the whole document, straight through DevTools with `optimizeForSpeed` (faster PNG encoding, larger
 * files). When the document fits the viewport and is not scrolled, the viewport is captured as is; otherwise
 * `captureBeyondViewport` lays the page out at its full size for the capture (one more layout and frame). On the
 * loaded benchmark machine ~80 ms / ~120 ms against ~170 ms for Playwright's `fullPage` screenshot, which adds
 * layout and style round trips. Falls back to Playwright when there is no DevTools session.
 */
export async function fullPageScreenshot(page: Page, snapshot: PageSnapshot): Promise<Buffer> {
  const cdp = await sessionOf(page);
  if (cdp) {
    const viewport = page.viewportSize();
    const fits =
      viewport !== null &&
      snapshot.scrollX === 0 &&
      snapshot.scrollY === 0 &&
      snapshot.width <= viewport.width &&
      snapshot.height <= viewport.height;
    const shot = await cdp.send(
      'Page.captureScreenshot',
      fits
        ? { format: 'png', optimizeForSpeed: true }
        : {
            format: 'png',
            captureBeyondViewport: true,
            optimizeForSpeed: true,
            clip: { x: 0, y: 0, width: Math.ceil(snapshot.width), height: Math.ceil(snapshot.height), scale: 1 },
          },
    );
    return Buffer.from(shot.data, 'base64');
  }
  return page.screenshot({ type: 'png', fullPage: true, timeout: 15_000 });
}

/** The page as loaded: its HTML as received and one full-page PNG, stored once whatever the number of posts. */
export interface PageCapture {
  html: EvidenceArtefactRef | null;
  screenshot: EvidenceArtefactRef;
  png: Buffer;
  /** The PNG's size in pixels (from its header). */
  width: number;
  height: number;
  /** The PNG decoded once, when the crops would otherwise decode much of it again each (`decodeOnce`). */
  pixels: { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 } | null;
  scale: number;
}

/**
 * Whether the element crops should share one decode of the page's PNG instead of each decoding it. A decoded
 * page is width × height × channels bytes that V8 counts as external memory: at one per page the collector's
 * main thread spent ~16 ms a page in garbage collection (Node CPU profile of 114 demo pages with evidence:
 * 1,967 ms of GC, 106 ms without evidence), more than the decode itself. PNG rows decode in order, so a crop
 * decodes only down to its bottom edge; when those rows add up to more than two decodes of the page (many
 * posts, far down a tall page), decoding once is cheaper.
 */
export function decodeOnce(pngHeight: number, boxes: readonly ItemSnapshot['box'][], scale: number): boolean {
  const rows = boxes.reduce((sum, box) => sum + Math.min(pngHeight, Math.ceil((box.y + box.height) * scale)), 0);
  return rows > 2 * pngHeight;
}

/** Stores the page's HTML and screenshot, decoding the PNG once for the crops when `decodeOnce` says so. */
export async function storePage(
  store: EvidenceStore,
  png: Buffer,
  html: string | Buffer | null,
  scale: number,
  capturedAt: Date,
  boxes: readonly ItemSnapshot['box'][],
): Promise<PageCapture> {
  // IHDR, always the first chunk: width and height as big-endian 32-bit integers at bytes 16 and 20.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [decoded, screenshot, htmlRef] = await Promise.all([
    decodeOnce(height, boxes, scale) ? sharp(png).raw().toBuffer({ resolveWithObject: true }) : null,
    store.put('page_screenshot', png, 'image/png', capturedAt),
    html === null ? null : store.put('page_html', html, 'text/html; charset=utf-8', capturedAt),
  ]);
  return {
    html: htmlRef,
    screenshot,
    png,
    width,
    height,
    pixels: decoded
      ? { data: decoded.data, width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels }
      : null,
    scale,
  };
}

/**
 * The element's screenshot cut from the page's full-page PNG (the box clamped to the image): the same pixels a
 * per-element screenshot gives, without one more capture per post. Null when the box lies outside the image.
 */
export async function cropElement(capture: PageCapture, box: ItemSnapshot['box']): Promise<Buffer | null> {
  const { width, height, pixels } = capture;
  const left = Math.max(0, Math.floor(box.x * capture.scale));
  const top = Math.max(0, Math.floor(box.y * capture.scale));
  const right = Math.min(width, Math.ceil((box.x + box.width) * capture.scale));
  const bottom = Math.min(height, Math.ceil((box.y + box.height) * capture.scale));
  if (right - left < 1 || bottom - top < 1) return null;
  const source = pixels
    ? sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } })
    : // Sequential: libvips decodes the rows down to the crop's bottom edge and no further.
      sharp(capture.png, { sequentialRead: true });
  // Level 6 is Chromium's own default for element screenshots; a crop encodes in a few ms.
  return source
    .extract({ left, top, width: right - left, height: bottom - top })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

export interface PostManifestInput {
  definitionVersion: string;
  response: PageResponseInfo;
  capturedAt: Date;
  externalId: string;
  box: ItemSnapshot['box'] | null;
  /** Every artefact of the post with its role: element HTML/screenshot, images, the page's HTML and screenshot. */
  artefacts: { role: string; ref: EvidenceArtefactRef }[];
}

/**
 * The post's manifest: who captured what, from which request, and every artefact with its SHA-256, so
 * `netra evidence verify` can prove none changed. The page's full screenshot is listed by hash (stored once,
 * shared by every post of the page) with the element's box in it.
 */
export async function storePostManifest(store: EvidenceStore, input: PostManifestInput): Promise<EvidenceArtefactRef> {
  const manifest = {
    collector: PAGE_COLLECTOR.name,
    collectorVersion: PAGE_COLLECTOR.version,
    definitionVersion: input.definitionVersion,
    requestUrl: input.response.requestUrl,
    finalUrl: input.response.finalUrl,
    status: input.response.status,
    headers: input.response.headers,
    capturedAt: input.capturedAt.toISOString(),
    externalId: input.externalId,
    elementBox: input.box,
    artefacts: input.artefacts.map(({ role, ref }) => ({
      role,
      kind: ref.kind,
      sha256: ref.sha256,
      bytes: ref.bytes,
      mediaType: ref.mediaType,
      path: ref.path,
    })),
  };
  return store.put('json', JSON.stringify(manifest, null, 2), MANIFEST_MEDIA_TYPE, input.capturedAt);
}
