import { readdirSync } from 'node:fs';
import { isNetraError } from '@netra/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTipTestBed, type TipTestBed } from '../testing/tip-test-bed.ts';

/** A screenshot-like image: noise, so every format keeps real pixel data well past its header. */
const picture = () =>
  sharp({
    create: {
      width: 600,
      height: 400,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  });

/** Files under the evidence directory, however deep the store nests them. */
const storedFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

/**
 * Evidence is a whole image (docs/security.md, issue 14): a screenshot cut after a readable header was stored
 * and queued for OCR, and only the OCR job failed. Now it is refused at upload, naming the field, before
 * anything is stored or queued.
 */
describe('tips: a screenshot cut after its header', () => {
  let bed: TipTestBed;
  beforeAll(async () => {
    bed = await openTipTestBed('asn_terpotong');
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
  });
  const tip = (status: number, screenshot: Uint8Array) => bed.tip(status, { screenshot });

  const refusal = (run: Promise<unknown>) =>
    run.then(
      () => null,
      (error: unknown) => (isNetraError(error) ? { code: error.code, details: error.details } : { error }),
    );

  it('refuses a truncated PNG, JPEG and WebP with TIP_IMAGE_CORRUPT on screenshot; nothing stored or queued', async () => {
    const cases = [
      ['png', await picture().png().toBuffer()],
      ['jpeg', await picture().jpeg().toBuffer()],
      ['webp', await picture().webp().toBuffer()],
    ] as const;
    let status = 1;
    for (const [format, whole] of cases) {
      // Half the file, then all but its last 12 bytes (a PNG's IEND chunk; a JPEG's end of image).
      for (const cut of [Math.floor(whole.length / 2), whole.length - 12]) {
        const shot = whole.subarray(0, cut);
        // The header still reads (what the upload checked before); libwebp refuses a cut RIFF at the header.
        const headerReads = await sharp(shot)
          .metadata()
          .then(
            () => true,
            () => false,
          );
        expect(headerReads).toBe(format !== 'webp');
        const refused = await refusal(tip(status++, shot));
        expect(refused, `${format} cut at ${cut}`).toMatchObject({
          code: 'TIP_IMAGE_CORRUPT',
          details: { issues: [{ field: 'screenshot' }] },
        });
      }
    }
    expect(storedFiles(bed.dir)).toEqual([]);
    expect(await bed.database.db.selectFrom('posts').select('id').execute()).toEqual([]);
    expect(await bed.database.db.selectFrom('tips').select('id').execute()).toEqual([]);
    expect(await bed.queues.ocr.getJobCounts()).toMatchObject({ waiting: 0, prioritized: 0, delayed: 0 });
  });

  it('still takes a whole screenshot of each format and queues its OCR', async () => {
    let status = 100;
    for (const whole of [
      await picture().png().toBuffer(),
      await picture().jpeg().toBuffer(),
      await picture().webp().toBuffer(),
    ]) {
      const taken = await tip(status++, whole);
      expect(taken).toMatchObject({ created: true, ocr: 'queued' });
    }
    expect(storedFiles(bed.dir).length).toBeGreaterThanOrEqual(6);
  });
});
