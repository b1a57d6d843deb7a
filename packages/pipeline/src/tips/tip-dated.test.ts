import { listClassificationsOfPost } from '@netra/db';
import type { OcrJob } from '@netra/queue';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTipTestBed, type TipTestBed } from '../testing/tip-test-bed.ts';

const TEXT = 'Ayo coblos Galih Pranata, pilihan terbaik, pasti menang! 🔥';
const LATER_TEXT = 'Pilih Galih Pranata nomor 2, ajak keluarga ke TPS ya!';
const IN_2034 = '2034-01-10T08:00:00+07:00';
const IN_2029 = '2029-01-10T08:00:00+07:00';

/**
 * A tip is classified with its posting time, as a crawled post is (docs/classifier.md "Dated posts"): the same
 * person with the same ballot number stands in two races, and the tip's date picks the race running that day.
 * Before the fix the tip's first classification was made without the date and named the registry's first race.
 */
describe('tips: classified with the post’s posting time', () => {
  let bed: TipTestBed;
  beforeAll(async () => {
    // The registry's races are in 2029 and 2034; a posting time after the present is refused, so the tips are
    // submitted as if in 2035.
    bed = await openTipTestBed('asn_bertanggal', { now: () => new Date('2035-01-01T00:00:00Z') });
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
  });
  const tip = (status: number, fields: { text?: string; postedAt?: string; screenshot?: Uint8Array }) =>
    bed.tip(status, fields);

  it('names the race running on the tip’s day, not the registry’s first', async () => {
    const dated = await tip(1, { text: TEXT, postedAt: IN_2034 });
    expect(dated.flagged).toBe(true);
    const [row] = await listClassificationsOfPost(bed.database.db, dated.postId);
    expect(row!.candidate).toBe('pilpres-2034#2');
    const stored = await bed.database.db
      .selectFrom('classifications')
      .select('contest_timing')
      .where('post_id', '=', dated.postId)
      .executeTakeFirstOrThrow();
    expect(stored.contest_timing).toMatchObject({ contest: 'pilpres-2034', phase: 'during', decided: true });
    // Undated: the registry's order, as before.
    const undated = await tip(2, { text: TEXT });
    expect((await listClassificationsOfPost(bed.database.db, undated.postId))[0]!.candidate).toBe('pilpres-2029#2');
  });

  it('classifies a later tip’s text with the posting time stored from the first capture', async () => {
    const later = await tip(1, { text: LATER_TEXT, postedAt: IN_2029 });
    expect(later).toMatchObject({ created: false, textVersion: 2 });
    expect(later.ignored.map((i) => i.field)).toEqual(['postedAt']);
    const rows = await listClassificationsOfPost(bed.database.db, later.postId);
    expect(rows.map((r) => r.candidate)).toEqual(['pilpres-2034#2', 'pilpres-2034#2']);
  });

  it('queues the screenshot’s OCR with the stored posting time, not the one this tip gave', async () => {
    const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const later = await tip(1, { screenshot: png, postedAt: IN_2029 });
    expect(later.ocr).toBe('queued');
    const jobs = await bed.queues.ocr.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((j) => (j.data as OcrJob).postedAt)).toEqual([new Date(IN_2034).toISOString()]);
  });
});
