import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtefactStore } from './artefact-store.ts';
import { cropElement, decodeOnce, storePage } from './page-evidence.ts';

let root: string;
let store: ArtefactStore;
let png: Buffer;
const WIDTH = 300;
const HEIGHT = 1000;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'netra-crop-'));
  store = new ArtefactStore(root);
  // Every pixel different from its neighbours, so a crop one pixel off would not match.
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + (i >> 7)) & 0xff;
  png = await sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .png()
    .toBuffer();
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function rawOf(image: Buffer) {
  return sharp(image).raw().toBuffer({ resolveWithObject: true });
}

describe('element crops from the page PNG', () => {
  it('decodes the page once only when the crops would decode more than two pages of rows', () => {
    const box = (y: number, height: number) => ({ x: 0, y, width: 100, height });
    expect(decodeOnce(HEIGHT, [box(0, 200), box(200, 200), box(400, 200)], 1)).toBe(false);
    expect(decodeOnce(HEIGHT, [box(600, 300), box(700, 300), box(800, 200)], 1)).toBe(true);
    // CSS pixels times the device scale are PNG rows.
    expect(decodeOnce(HEIGHT, [box(0, 300), box(300, 200)], 2)).toBe(false);
    expect(decodeOnce(HEIGHT, [box(0, 300), box(300, 200), box(500, 100)], 2)).toBe(true);
  });

  it('cuts the same pixels whether each crop decodes its rows or all share one decode', async () => {
    const boxes = [
      { x: 10.4, y: 5.2, width: 120.3, height: 80.9 },
      { x: 0, y: 700, width: 300, height: 300 },
      { x: 250, y: 990, width: 100, height: 40 },
    ];
    const own = await storePage(store, png, '<html></html>', 1, new Date(), boxes.slice(0, 1));
    const shared = await storePage(store, png, null, 1, new Date(), [...boxes, ...boxes]);
    expect(own.pixels).toBeNull();
    expect(shared.pixels).not.toBeNull();
    expect([own.width, own.height]).toEqual([WIDTH, HEIGHT]);
    const page = await rawOf(png);
    for (const box of boxes) {
      const a = await rawOf((await cropElement(own, box))!);
      const b = await rawOf((await cropElement(shared, box))!);
      expect(a.data.equals(b.data)).toBe(true);
      expect([a.info.width, a.info.height]).toEqual([b.info.width, b.info.height]);
      // The crop is the page's pixels at the box, clamped to the image.
      const left = Math.floor(box.x);
      const top = Math.floor(box.y);
      const width = Math.min(WIDTH, Math.ceil(box.x + box.width)) - left;
      const height = Math.min(HEIGHT, Math.ceil(box.y + box.height)) - top;
      expect([a.info.width, a.info.height]).toEqual([width, height]);
      const expected = await sharp(page.data, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
        .extract({ left, top, width, height })
        .raw()
        .toBuffer();
      expect(a.data.equals(expected)).toBe(true);
    }
    expect(await cropElement(own, { x: 400, y: 0, width: 10, height: 10 })).toBeNull();
  });
});
