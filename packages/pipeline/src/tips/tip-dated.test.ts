import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtefactStore } from '@netra/collectors';
import { insertUser, listClassificationsOfPost } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type OcrJob, type Queues } from '@netra/queue';
import type { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryClassifier } from '../registry-classifier.ts';
import { TWO_RACES_REGISTRY } from '../testing/two-races-registry.ts';
import { submitTip } from './submit-tip.ts';

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
  let database: TestDatabase;
  let dir: string;
  let connection: Redis;
  let queues: Queues;
  let analystId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-tip-dated-'));
    analystId = (
      await insertUser(database.db, { username: 'analis', displayName: 'Analis', passwordHash: 'x', role: 'analyst' })
    ).id;
    await insertWatchedAccount(database.db, { platform: 'x', handle: 'asn_bertanggal', regionCode: '81.01' });
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: false });
    queues = createQueues(connection, testQueuePrefix());
  }, 60_000);

  afterAll(async () => {
    await queues?.close();
    connection?.disconnect();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const tip = (status: number, fields: { text?: string; postedAt?: string; screenshot?: Uint8Array }) =>
    submitTip(
      {
        db: database.db,
        store: new ArtefactStore(dir),
        classifier: registryClassifier(),
        registry: async () => TWO_RACES_REGISTRY,
        queues,
      },
      { url: `https://x.com/asn_bertanggal/status/${status}`, ...fields },
      { userId: analystId, username: 'analis' },
    );

  it('names the race running on the tip’s day, not the registry’s first', async () => {
    const dated = await tip(1, { text: TEXT, postedAt: IN_2034 });
    expect(dated.flagged).toBe(true);
    const [row] = await listClassificationsOfPost(database.db, dated.postId);
    expect(row!.candidate).toBe('pilpres-2034#2');
    const stored = await database.db
      .selectFrom('classifications')
      .select('contest_timing')
      .where('post_id', '=', dated.postId)
      .executeTakeFirstOrThrow();
    expect(stored.contest_timing).toMatchObject({ contest: 'pilpres-2034', phase: 'during', decided: true });
    // Undated: the registry's order, as before.
    const undated = await tip(2, { text: TEXT });
    expect((await listClassificationsOfPost(database.db, undated.postId))[0]!.candidate).toBe('pilpres-2029#2');
  });

  it('classifies a later tip’s text with the posting time stored from the first capture', async () => {
    const later = await tip(1, { text: LATER_TEXT, postedAt: IN_2029 });
    expect(later).toMatchObject({ created: false, textVersion: 2 });
    expect(later.ignored.map((i) => i.field)).toEqual(['postedAt']);
    const rows = await listClassificationsOfPost(database.db, later.postId);
    expect(rows.map((r) => r.candidate)).toEqual(['pilpres-2034#2', 'pilpres-2034#2']);
  });

  it('queues the screenshot’s OCR with the stored posting time, not the one this tip gave', async () => {
    const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const later = await tip(1, { screenshot: png, postedAt: IN_2029 });
    expect(later.ocr).toBe('queued');
    const jobs = await queues.ocr.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((j) => (j.data as OcrJob).postedAt)).toEqual([new Date(IN_2034).toISOString()]);
  });
});
