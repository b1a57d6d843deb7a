import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArtefactStore } from '@netra/collectors';
import { createLogger } from '@netra/core';
import {
  appendDecision,
  getReviewItem,
  insertUser,
  listClassificationsOfPost,
  postImageReadings,
  readStoredRegistry,
  upsertCandidate,
  upsertContest,
} from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClassifierWorker } from '../classifier-worker.ts';
import { classifyAndStore } from '../classify-and-store.ts';
import { startOcrWorker } from '../ocr-worker.ts';
import { registryClassifier } from '../registry-classifier.ts';
import { submitTip } from './submit-tip.ts';

const SHOT = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><rect width="800" height="400" fill="#ffffff"/>
<text x="400" y="180" text-anchor="middle" font-family="DejaVu Sans" font-size="56" font-weight="bold" fill="#111">AYO COBLOS</text>
<text x="400" y="280" text-anchor="middle" font-family="DejaVu Sans" font-size="56" font-weight="bold" fill="#111">NOMOR DUA</text></svg>`;

/** A campaign screenshot naming a registered candidate: the only capture of a post behind a login wall. */
const CAMPAIGN_SHOT = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="420"><rect width="1000" height="420" fill="#ffffff"/>
<text x="500" y="140" text-anchor="middle" font-family="DejaVu Sans" font-size="60" font-weight="bold" fill="#111">COBLOS NOMOR DUA</text>
<text x="500" y="260" text-anchor="middle" font-family="DejaVu Sans" font-size="60" font-weight="bold" fill="#111">PILIH SURYA WIBAWA</text></svg>`;

/**
 * A tip's uploaded screenshot goes through the OCR worker like a collected post's images (real Redis,
 * PostgreSQL and Tesseract): its text ends up on the post (image readings the item page shows).
 */
describe('tips: the screenshot is read by OCR', () => {
  let database: TestDatabase;
  let dir: string;
  let connection: Redis;
  let queues: Queues;
  let ocr: Worker;
  let classifier: Worker;
  let analystId: string;
  let png: Buffer;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-tip-ocr-'));
    const user = await insertUser(database.db, {
      username: 'analis',
      displayName: 'Analis',
      passwordHash: 'x',
      role: 'analyst',
    });
    analystId = user.id;
    await insertWatchedAccount(database.db, { platform: 'x', handle: 'kades_maju', regionCode: '18.11' });
    // The classifier worker reads the stored registry: one regency contest in the account's region.
    await upsertContest(database.db, {
      id: 'pilbup-contoh-2026',
      kind: 'bupati',
      region_code: '18.11',
      region_name: 'Kabupaten Contoh',
      election_date: '2026-12-09',
      campaign_from: '2026-10-01',
      campaign_to: '2026-12-05',
      quiet_from: null,
      quiet_to: null,
    });
    for (const [number, name] of [
      [1, 'Bagus Hartono'],
      [2, 'Surya Wibawa'],
    ] as const) {
      await upsertCandidate(database.db, {
        contest_id: 'pilbup-contoh-2026',
        number,
        names: [name],
        aliases: [],
        jargon: [],
        hashtags: [],
        slogans: [],
        parties: [],
        official_accounts: [],
        stage: 'calon',
      });
    }
    png = await sharp(Buffer.from(SHOT)).png().toBuffer();
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    queues = createQueues(connection, prefix);
    const logger = createLogger('test', 'silent');
    ocr = startOcrWorker({
      db: database.db,
      connection,
      queues,
      prefix,
      logger,
      evidenceDir: dir,
      concurrency: 1,
      lockDurationMs: 120_000,
      maxImagesPerPost: 8,
      ocr: {},
    });
    classifier = startClassifierWorker({
      db: database.db,
      connection,
      prefix,
      logger,
      batchSize: 8,
      batchWaitMs: 10,
      lockDurationMs: 30_000,
      stalledIntervalMs: 15_000,
      threads: 0,
    });
  }, 60_000);

  afterAll(async () => {
    await ocr?.close();
    await classifier?.close();
    await queues?.close();
    connection?.disconnect();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const deps = (withQueues: boolean) => ({
    db: database.db,
    store: new ArtefactStore(dir),
    classifier: registryClassifier(),
    registry: () => readStoredRegistry(database.db),
    ...(withQueues ? { queues } : {}),
  });

  it('queues the screenshot for OCR; its text is stored on the tip’s post', { timeout: 120_000 }, async () => {
    const result = await submitTip(
      deps(true),
      { url: 'https://x.com/kades_maju/status/77', screenshot: png },
      { userId: analystId, username: 'analis' },
    );
    expect(result.ocr).toBe('queued');
    let readings = await postImageReadings(database.db, result.postId);
    for (let i = 0; i < 1_000 && readings.length === 0; i++) {
      await sleep(100);
      readings = await postImageReadings(database.db, result.postId);
    }
    expect(readings).toHaveLength(1);
    expect(readings[0]!.error).toBeNull();
    expect(readings[0]!.text).toMatch(/COBLOS/);
    expect(readings[0]!.text).toMatch(/NOMOR DUA/);
    // The screenshot stays one artefact of the post, under its own kind.
    const evidence = await database.db
      .selectFrom('evidence_artefacts')
      .select(['kind'])
      .where('post_id', '=', result.postId)
      .execute();
    expect(evidence.map((e) => e.kind).sort()).toEqual(['json', 'screenshot']);
  });

  /** Waits for the classifier worker to store a post's classification with image text; all of them, oldest first. */
  const classificationsOnceRead = async (postId: string) => {
    let rows = await listClassificationsOfPost(database.db, postId);
    for (let i = 0; i < 1_200 && !rows.some((r) => r.with_image_text); i++) {
      await sleep(100);
      rows = await listClassificationsOfPost(database.db, postId);
    }
    return rows;
  };
  const reviewItemOf = (postId: string) =>
    database.db
      .selectFrom('review_items')
      .select(['id', 'classification_id', 'score', 'candidate', 'contest_id', 'status'])
      .where('post_id', '=', postId)
      .executeTakeFirstOrThrow();

  it('a screenshot-only tip is classified again with its screenshot’s text; the open item moves to it', {
    timeout: 180_000,
  }, async () => {
    const shot = await sharp(Buffer.from(CAMPAIGN_SHOT)).png().toBuffer();
    const result = await submitTip(
      deps(true),
      { url: 'https://x.com/kades_maju/status/90', screenshot: shot },
      { userId: analystId, username: 'analis' },
    );
    // At submission there is no text to read: not flagged, no candidate.
    expect(result.flagged).toBe(false);
    const first = await reviewItemOf(result.postId);
    expect(first.candidate).toBeNull();

    const rows = await classificationsOnceRead(result.postId);
    expect(rows.map((r) => r.with_image_text)).toEqual([false, true]);
    const [before, after] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(before.id).toBe(first.classification_id);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.flagged).toBe(true);
    expect(after.candidate).toBe('pilbup-contoh-2026#2');
    const item = await reviewItemOf(result.postId);
    expect(item).toMatchObject({
      id: result.reviewItemId,
      status: 'open',
      classification_id: after.id,
      score: after.score,
      candidate: 'pilbup-contoh-2026#2',
      contest_id: 'pilbup-contoh-2026',
    });

    // A retried classify job stores nothing twice and leaves the item where it is.
    const post = await database.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', result.postId)
      .executeTakeFirstOrThrow();
    const retried = await classifyAndStore(
      database.db,
      [
        {
          platform: 'x',
          externalId: post.external_id,
          url: post.url,
          kind: 'post',
          accountId: post.account_id,
          authorHandle: post.author_handle,
          text: post.text,
          postedAt: null,
          fetchedAt: new Date().toISOString(),
          mediaDescriptions: [],
          evidence: [],
          raw: {},
          crawlRunId: null,
          tip: true,
          regionCode: '18.11',
          imageReadings: post.image_readings,
        },
      ],
      await readStoredRegistry(database.db),
      registryClassifier(),
      createLogger('test', 'silent'),
    );
    expect(retried[0]).toMatchObject({ postId: result.postId, reviewItemId: result.reviewItemId });
    expect((await listClassificationsOfPost(database.db, result.postId)).map((r) => r.id)).toEqual([
      before.id,
      after.id,
    ]);
    expect((await reviewItemOf(result.postId)).classification_id).toBe(after.id);
  });

  it('a decided tip keeps the classification the analyst decided on', { timeout: 180_000 }, async () => {
    const url = 'https://x.com/kades_maju/status/91';
    const tip = await submitTip(
      deps(false),
      { url, text: 'lihat foto terlampir' },
      { userId: analystId, username: 'analis' },
    );
    await appendDecision(database.db, {
      reviewItemId: tip.reviewItemId,
      decidedBy: analystId,
      decision: 'dismissed',
      label: 'neutral',
      candidate: null,
      stance: null,
      category: null,
      note: null,
      reason: 'other',
    });
    const decided = await reviewItemOf(tip.postId);
    // The screenshot arrives later, as more evidence for the same URL.
    const shot = await sharp(Buffer.from(CAMPAIGN_SHOT)).png().toBuffer();
    await submitTip(deps(true), { url, screenshot: shot }, { userId: analystId, username: 'analis' });
    const rows = await classificationsOnceRead(tip.postId);
    expect(rows.map((r) => r.with_image_text)).toEqual([false, true]);
    expect(rows[1]!.candidate).toBe('pilbup-contoh-2026#2');
    expect(await reviewItemOf(tip.postId)).toEqual(decided);
  });

  /** Waits until a post has `count` classifications (or a minute has passed); all of them, oldest first. */
  const classificationsCounted = async (postId: string, count: number) => {
    let rows = await listClassificationsOfPost(database.db, postId);
    for (let i = 0; i < 600 && rows.length < count; i++) {
      await sleep(100);
      rows = await listClassificationsOfPost(database.db, postId);
    }
    return rows;
  };

  it('a second screenshot of the same tip is read and the post classified again with both texts', {
    timeout: 240_000,
  }, async () => {
    const url = 'https://x.com/kades_maju/status/92';
    const first = await submitTip(deps(true), { url, screenshot: png }, { userId: analystId, username: 'analis' });
    const once = await classificationsCounted(first.postId, 2);
    expect(once.map((r) => r.with_image_text)).toEqual([false, true]);
    // Another screenshot of the same post, added later (another analyst, or the tipster sent a second one).
    const shot = await sharp(Buffer.from(CAMPAIGN_SHOT)).png().toBuffer();
    const second = await submitTip(deps(true), { url, screenshot: shot }, { userId: analystId, username: 'analis' });
    expect(second).toMatchObject({ postId: first.postId, created: false, ocr: 'queued' });
    const rows = await classificationsCounted(first.postId, 3);
    expect(rows.map((r) => r.with_image_text)).toEqual([false, true, true]);
    const newest = rows[2]!;
    expect(newest.candidate).toBe('pilbup-contoh-2026#2');
    // Both screenshots' texts are on the post, the first one's first (the earlier classification's evidence
    // offsets still point into it), and the open item shows the newest classification.
    const readings = await postImageReadings(database.db, first.postId);
    expect(readings).toHaveLength(2);
    expect(readings[0]!.text).toMatch(/AYO COBLOS/);
    expect(readings[1]!.text).toMatch(/SURYA WIBAWA/);
    expect(await reviewItemOf(first.postId)).toMatchObject({
      status: 'open',
      classification_id: newest.id,
      score: newest.score,
      candidate: 'pilbup-contoh-2026#2',
    });

    // The same classify job again (a retry) finds its row: nothing new, the item stays.
    const post = await database.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', first.postId)
      .executeTakeFirstOrThrow();
    const retried = await classifyAndStore(
      database.db,
      [
        {
          platform: 'x',
          externalId: post.external_id,
          url: post.url,
          kind: 'post',
          accountId: post.account_id,
          authorHandle: post.author_handle,
          text: post.text,
          postedAt: null,
          fetchedAt: new Date().toISOString(),
          mediaDescriptions: [],
          evidence: [],
          raw: {},
          crawlRunId: null,
          tip: true,
          regionCode: '18.11',
          imageReadings: post.image_readings,
        },
      ],
      await readStoredRegistry(database.db),
      registryClassifier(),
      createLogger('test', 'silent'),
    );
    expect(retried[0]).toMatchObject({ postId: first.postId, reviewItemId: first.reviewItemId });
    expect((await listClassificationsOfPost(database.db, first.postId)).map((r) => r.id)).toEqual(
      rows.map((r) => r.id),
    );
    expect((await reviewItemOf(first.postId)).classification_id).toBe(newest.id);
  });

  it('a decided item keeps its classification when a further screenshot re-scores the post', {
    timeout: 240_000,
  }, async () => {
    const url = 'https://x.com/kades_maju/status/93';
    const first = await submitTip(deps(true), { url, screenshot: png }, { userId: analystId, username: 'analis' });
    await classificationsCounted(first.postId, 2);
    await appendDecision(database.db, {
      reviewItemId: first.reviewItemId,
      decidedBy: analystId,
      decision: 'dismissed',
      label: 'neutral',
      candidate: null,
      stance: null,
      category: null,
      note: null,
      reason: 'other',
    });
    const decided = await reviewItemOf(first.postId);
    const shot = await sharp(Buffer.from(CAMPAIGN_SHOT)).png().toBuffer();
    await submitTip(deps(true), { url, screenshot: shot }, { userId: analystId, username: 'analis' });
    const rows = await classificationsCounted(first.postId, 3);
    expect(rows.map((r) => r.with_image_text)).toEqual([false, true, true]);
    expect(rows[2]!.candidate).toBe('pilbup-contoh-2026#2');
    expect(await reviewItemOf(first.postId)).toEqual(decided);
    // The item page is told the post has a newer classification than the one the item keeps.
    const page = await getReviewItem(database.db, first.reviewItemId);
    expect(page).toMatchObject({ classification_id: rows[1]!.id, with_image_text: true });
    expect(page?.newer_classification).toMatchObject({ id: rows[2]!.id, score: rows[2]!.score });
  });

  it('says when nothing was queued: no screenshot, or no queue', async () => {
    const text = await submitTip(
      deps(true),
      { url: 'https://x.com/kades_maju/status/78', text: 'hanya teks' },
      { userId: analystId, username: 'analis' },
    );
    expect(text.ocr).toBe('no_screenshot');
    const noQueue = await submitTip(
      deps(false),
      { url: 'https://x.com/kades_maju/status/79', screenshot: png },
      { userId: analystId, username: 'analis' },
    );
    expect(noQueue.ocr).toBe('no_queue');
  });
});
