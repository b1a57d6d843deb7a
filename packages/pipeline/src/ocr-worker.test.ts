import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtefactStore } from '@netra/collectors';
import { classifiedText, createLogger, type EvidenceArtefactRef, type Registry, registrySchema } from '@netra/core';
import { listClassificationsOfPost, postImageReadings, saveImageOcr } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { type ClassifyJob, createQueues, createRedisConnection, type OcrJob, ocrJobId } from '@netra/queue';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAndStore } from './classify-and-store.ts';
import { startOcrWorker } from './ocr-worker.ts';
import { queueCollected } from './queue-collected.ts';
import { registryClassifier } from './registry-classifier.ts';

const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilwalkot-contoh-2024',
      kind: 'walikota',
      region: { code: '33.74', name: 'Kota Contoh' },
      electionDate: '2024-11-27',
      campaignPeriod: { from: '2024-09-25', to: '2024-11-23' },
      candidates: [
        { number: 1, names: ['Budi Santoso', 'Rina Wati'], hashtags: ['#BudiRina'], slogans: ['Contoh Maju Bersama'] },
        { number: 2, names: ['Agus Salim', 'Dewi Lestari'], hashtags: ['#AgusDewi'] },
      ],
    },
  ],
});

const POSTER = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#0b3d91"/>
<text x="400" y="140" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="60" fill="#fff">BUDI SANTOSO</text>
<text x="400" y="230" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="60" fill="#fff">RINA WATI</text>
<text x="400" y="350" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="70" fill="#ffcc00">COBLOS NOMOR 1</text>
<text x="400" y="460" text-anchor="middle" font-family="DejaVu Sans" font-size="44" fill="#fff">#BudiRina</text></svg>`;

function post(externalId: string, evidence: EvidenceArtefactRef[]): OcrJob {
  return {
    platform: 'facebook',
    externalId,
    url: `https://www.facebook.com/asn.contoh/posts/${externalId}`,
    kind: 'post',
    accountId: '00000000-0000-4000-8000-000000000001',
    authorHandle: 'asn.contoh',
    text: 'Selamat pagi',
    postedAt: '2024-10-05T10:00:00+07:00',
    fetchedAt: '2024-10-06T00:00:00Z',
    mediaDescriptions: [],
    evidence,
    raw: {},
    crawlRunId: null,
    regionCode: '33.74',
  };
}

describe('OCR worker (real tesseract, PostgreSQL, Redis)', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-ocr-worker-'));
  });
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads each image once, records per-image errors, and queues the post for classification with its image text', {
    timeout: 120_000,
  }, async () => {
    const store = new ArtefactStore(dir);
    const png = await sharp(Buffer.from(POSTER)).png().toBuffer();
    const frame = (c: string) =>
      sharp({ create: { width: 60, height: 60, channels: 3, background: c } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } })
      .gif()
      .toBuffer();
    const poster = await store.put('image', png, 'image/png');
    const broken = await store.put('image', png.subarray(0, 300), 'image/png');
    const animated = await store.put('image', gif, 'image/gif');
    const mislabelled = await store.put('image', await sharp(png).jpeg().toBuffer(), 'image/png');
    const screenshot = await store.put('screenshot', png, 'image/png');

    const connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    const queues = createQueues(connection, prefix);
    const worker = startOcrWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger: createLogger('test', 'silent'),
      evidenceDir: dir,
      concurrency: 1,
      lockDurationMs: 120_000,
      maxImagesPerPost: 8,
      ocr: {},
    });
    try {
      const first = post('p1', [screenshot, poster, broken, animated, mislabelled]);
      const second = post('p2', [poster]);
      // The same post queued twice (two crawls) is one job; the poster shared by p2 is read once.
      await queues.ocr.add('ocr-post', first, { jobId: ocrJobId(first) });
      await queues.ocr.add('ocr-post', first, { jobId: ocrJobId(first) });
      await queues.ocr.add('ocr-post', second, { jobId: ocrJobId(second) });
      const deadline = Date.now() + 100_000;
      for (;;) {
        const c = await queues.ocr.getJobCounts('completed', 'failed');
        if ((c.completed ?? 0) + (c.failed ?? 0) >= 2 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await queues.ocr.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
      const jobs = await queues.classify.getJobs(['waiting', 'prioritized', 'delayed']);
      expect(jobs).toHaveLength(2);
      const p1 = jobs.find((j) => j.data.externalId === 'p1')!.data as ClassifyJob;
      const readings = p1.imageReadings ?? [];
      // The screenshot is the collector's, not one of the post's images: four readings, in evidence order.
      expect(readings.map((r) => r.error?.code ?? 'ok')).toEqual([
        'ok',
        'OCR_IMAGE_CORRUPT',
        'OCR_IMAGE_ANIMATED',
        'OCR_IMAGE_MISLABELLED',
      ]);
      expect(readings[0]!.text).toMatch(/BUDI SANTOSO/);
      expect(readings[0]!.text).toMatch(/COBLOS NOMOR 1/);
      expect(readings[0]!.engine).toMatch(/^tesseract .*netra-ocr/);

      const rows = await database.db.selectFrom('image_ocr').selectAll().execute();
      expect(rows).toHaveLength(4);
      const read = rows.find((r) => r.sha256 === poster.sha256)!;
      expect(read.words.length).toBeGreaterThanOrEqual(6);
      for (const w of read.words) {
        expect(w.box[0] + w.box[2]).toBeLessThanOrEqual(800);
        expect(w.box[1] + w.box[3]).toBeLessThanOrEqual(600);
      }
      const outcomes = await queues.ocr.getJobs(['completed']);
      expect(outcomes.map((j) => j.returnvalue.cached).sort()).toEqual([0, 1]);

      // The classifier reads the image text after the post's own: the cue and its evidence are in the image.
      const result = registryClassifier()(p1, registry);
      expect(result.flagged).toBe(true);
      expect(result.candidate).toBe('pilwalkot-contoh-2024#1');
      expect(result.evidence.some((e) => e.start > p1.text.length)).toBe(true);
    } finally {
      await worker.close();
      await queues.close();
      connection.disconnect();
    }
  });

  it('a later sighting with a new image: read again, classified again with all image texts, in the post’s order', {
    timeout: 120_000,
  }, async () => {
    const { accountId } = await insertWatchedAccount(database.db, {
      platform: 'facebook',
      handle: 'asn.lagi',
      regionCode: '33.74',
    });
    // Both images' text is in the OCR cache already (read by another post): no Tesseract here.
    const image = (digit: string): EvidenceArtefactRef => ({
      kind: 'image',
      sha256: digit.repeat(64),
      bytes: 1,
      mediaType: 'image/png',
      path: `${digit}.png`,
      capturedAt: '2024-10-06T00:00:00Z',
    });
    const [a, b] = [image('7'), image('8')];
    const cached = (sha256: string, text: string) => ({
      sha256,
      engine: 'test',
      text,
      words: [],
      width: 10,
      height: 10,
      errorCode: null,
      errorMessage: null,
      elapsedMs: 1,
    });
    await saveImageOcr(database.db, [
      cached(a.sha256, 'Selamat pagi semua'),
      cached(b.sha256, 'BUDI SANTOSO\nRINA WATI\nCOBLOS NOMOR 1\n#BudiRina'),
    ]);
    const connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    const queues = createQueues(connection, prefix);
    const worker = startOcrWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger: createLogger('test', 'silent'),
      evidenceDir: dir,
      concurrency: 1,
      lockDurationMs: 60_000,
      maxImagesPerPost: 8,
      ocr: {},
    });
    const sighting = (images: EvidenceArtefactRef[]) => ({
      post: { ...post('later', images), accountId, text: 'Selamat pagi' },
      regionCode: '33.74',
    });
    /** Runs the OCR jobs queued so far and stores what they queued for classification. */
    const drain = async (ocrJobs: number) => {
      for (let i = 0; i < 500; i++) {
        if (((await queues.ocr.getJobCounts('completed')).completed ?? 0) >= ocrJobs) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const jobs = await queues.classify.getJobs(['waiting']);
      for (const job of jobs) await job.remove();
      return classifyAndStore(
        database.db,
        jobs.map((j) => j.data as ClassifyJob),
        registry,
        registryClassifier(),
        createLogger('test', 'silent'),
      );
    };
    try {
      await queueCollected(queues, [sighting([a])]);
      await queueCollected(queues, [sighting([a])]);
      const [first] = await drain(1);
      expect(first).toMatchObject({ flagged: false, reviewItemId: null });
      const postId = (first as { postId: string }).postId;
      expect(await queues.ocr.getJobCountByTypes('completed', 'waiting', 'active')).toBe(1);

      // Seen again with a second image, listed first by the platform: read (from the cache) and classified again.
      await queueCollected(queues, [sighting([b, a])]);
      await queueCollected(queues, [sighting([a, b])]);
      const [second] = await drain(2);
      expect(await queues.ocr.getJobCountByTypes('completed', 'waiting', 'active')).toBe(2);
      expect(second).toMatchObject({ postId, flagged: true });
      const rows = await listClassificationsOfPost(database.db, postId);
      expect(rows.map((r) => r.with_image_text)).toEqual([true, true]);
      expect(rows[1]!.candidate).toBe('pilwalkot-contoh-2024#1');
      // The post keeps its first image's reading first; the new one is appended, and the evidence of the new
      // classification points into the texts in that order.
      const readings = await postImageReadings(database.db, postId);
      expect(readings.map((r) => r.sha256)).toEqual([a.sha256, b.sha256]);
      const joined = classifiedText(
        'Selamat pagi',
        [],
        readings.map((r) => r.text),
      );
      expect(rows[1]!.evidence.map((e) => joined.slice(e.start, e.end)).join(' ')).toMatch(/BUDI SANTOSO|COBLOS/);
      const item = await database.db
        .selectFrom('review_items')
        .select(['classification_id'])
        .where('post_id', '=', postId)
        .executeTakeFirstOrThrow();
      expect(item.classification_id).toBe(rows[1]!.id);
    } finally {
      await worker.close();
      await queues.close();
      connection.disconnect();
    }
  });
});
