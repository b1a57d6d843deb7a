import { createLogger, type Registry, registrySchema } from '@netra/core';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { type ClassifyJob, createQueues, createRedisConnection, type ImageReading, imageTextKey } from '@netra/queue';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineBatchClassifier, threadedBatchClassifier } from './classifier-threads.ts';
import { registryClassifier, startClassifierWorker } from './classifier-worker.ts';
import { classifyAndStore } from './classify-and-store.ts';

const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilwalkot-contoh-2024',
      kind: 'walikota',
      region: { code: '33.74', name: 'Kota Contoh' },
      electionDate: '2024-11-27',
      campaignPeriod: { from: '2024-09-25', to: '2024-11-23' },
      candidates: [
        { number: 1, names: ['Budi Santoso', 'Rina Wati'], hashtags: ['#BudiRina'], jargon: ['MANTAP'] },
        { number: 2, names: ['Agus Salim', 'Dewi Lestari'], hashtags: ['#AgusDewi'] },
      ],
    },
  ],
});

function job(accountId: string, externalId: string, text: string): ClassifyJob {
  return {
    platform: 'instagram',
    externalId,
    url: `https://www.instagram.com/p/${externalId}/`,
    kind: 'caption',
    accountId,
    authorHandle: 'asn.contoh',
    text,
    postedAt: '2024-10-05T10:00:00+07:00',
    fetchedAt: '2024-10-06T00:00:00Z',
    mediaDescriptions: [],
    evidence: [],
    raw: {},
    crawlRunId: null,
    regionCode: '33.74',
  };
}

describe('classify and store', () => {
  let database: TestDatabase;
  let accountId: string;
  const logger = createLogger('test', 'silent');
  const count = async (table: 'posts' | 'classifications' | 'review_items') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ accountId } = await insertWatchedAccount(database.db, {
      regionCode: '33.74',
      platform: 'instagram',
      handle: 'asn.contoh',
    }));
  });
  afterAll(async () => database?.drop());

  it('keys image text as PostgreSQL does (netra_image_text_key): the backfill and the re-scoring rely on it', async () => {
    const r = (sha: string, text: string, error: ImageReading['error'] = null): ImageReading => ({
      sha256: sha.repeat(64),
      engine: error ? null : 't',
      text,
      error,
    });
    const sets: ImageReading[][] = [
      [],
      [r('a', 'AYO COBLOS NOMOR 2')],
      [r('a', 'AYO COBLOS NOMOR 2'), r('b', 'Pilih\u00a0Surya ✓ 😀\n')],
      [r('b', 'Pilih\u00a0Surya ✓ 😀\n'), r('a', 'AYO COBLOS NOMOR 2')],
      [
        r('c', '\u2003 \ufeff\t'),
        r('d', 'sama'),
        r('e', 'sama'),
        r('f', 'gagal', { code: 'OCR_TIMEOUT', message: 'm' }),
      ],
    ];
    const keys: string[] = [];
    for (const readings of sets) {
      const row = await sql<{
        k: string;
      }>`SELECT netra_image_text_key(${JSON.stringify(readings)}::jsonb) AS k`.execute(database.db);
      expect(row.rows[0]!.k).toBe(imageTextKey(readings));
      keys.push(imageTextKey(readings));
    }
    // None, one text, two texts in either order (one key), blank and failed images ignored, repeats counted.
    expect(keys[0]).toBe('');
    expect(keys[2]).toBe(keys[3]);
    expect(new Set(keys).size).toBe(4);
  });

  it('stores a batch once, however often the same posts arrive', async () => {
    const classifier = registryClassifier();
    const jobs = [
      job(accountId, 'a1', 'Tanggal 27 coblos nomor 1 ya! Budi-Rina MANTAP #BudiRina'),
      job(accountId, 'a2', 'Apel pagi bersama seluruh staf kelurahan, tetap semangat melayani warga.'),
    ];
    const first = await classifyAndStore(database.db, jobs, registry, classifier, logger);
    const again = await classifyAndStore(database.db, [...jobs, jobs[0]!], registry, classifier, logger);
    expect(first.every((r) => !(r instanceof Error))).toBe(true);
    expect(again.every((r) => !(r instanceof Error))).toBe(true);
    expect(await count('posts')).toBe(2);
    expect(await count('classifications')).toBe(2);
    expect(await count('review_items')).toBe(1);
    const flagged = first[0] as { flagged: boolean; reviewItemId: string | null };
    expect(flagged.flagged).toBe(true);
    expect((again[2] as { reviewItemId: string | null }).reviewItemId).toBe(flagged.reviewItemId);
  });

  it('stores a post carrying NUL or half a surrogate pair (text, handle, alt text, raw), flagged as any other', async () => {
    // Such a post failed its job on every retry and never reached review: one invisible character evaded Netra.
    const hidden = {
      ...job(accountId, 'n1', 'Tanggal 27 coblos\u0000 nomor 1 ya! Budi-Rina MANTAP #BudiRina \ud800'),
      authorHandle: 'asn.contoh\u0000',
      mediaDescriptions: ['foto\u0000 dua jari'],
      raw: { api: { text: 'coblos\u0000', broken: '\udc00', nested: ['\u0000'] } },
    };
    const results = await classifyAndStore(database.db, [hidden], registry, registryClassifier(), logger);
    expect(results[0]).not.toBeInstanceOf(Error);
    expect((results[0] as { flagged: boolean }).flagged).toBe(true);
    const stored = await database.db
      .selectFrom('posts')
      .select(['text', 'author_handle', 'media_descriptions', 'raw'])
      .where('external_id', '=', 'n1')
      .executeTakeFirstOrThrow();
    expect(stored.text).toBe('Tanggal 27 coblos\ufffd nomor 1 ya! Budi-Rina MANTAP #BudiRina \ufffd');
    expect(stored.author_handle).toBe('asn.contoh\ufffd');
    expect(stored.media_descriptions).toEqual(['foto\ufffd dua jari']);
    expect(stored.raw).toEqual({ api: { text: 'coblos\ufffd', broken: '\ufffd', nested: ['\ufffd'] } });
  });

  it('fails only the post that cannot be stored, not the rest of its batch', async () => {
    const classifier = registryClassifier();
    const orphan = job('00000000-0000-4000-8000-00000000dead', 'b1', 'Salam dua jari untuk Agus-Dewi #AgusDewi');
    const good = job(accountId, 'b2', 'Ayo datang ke TPS tanggal 27 November, gunakan hak pilih Anda.');
    const results = await classifyAndStore(database.db, [orphan, good], registry, classifier, logger);
    expect(results[0]).toBeInstanceOf(Error);
    expect(results[1]).not.toBeInstanceOf(Error);
    const stored = await database.db
      .selectFrom('posts')
      .select('external_id')
      .where('external_id', 'in', ['b1', 'b2'])
      .execute();
    expect(stored.map((r) => r.external_id)).toEqual(['b2']);
  });

  it('fails only the post the classifier cannot handle', async () => {
    const real = registryClassifier();
    const classifier: typeof real = (j, r) => {
      if (j.externalId === 'd1') throw new Error('classifier broke on this post');
      return real(j, r);
    };
    const jobs = [
      job(accountId, 'd1', 'Coblos nomor 1! #BudiRina'),
      job(accountId, 'd2', 'Coblos nomor 1! #BudiRina MANTAP'),
      job(accountId, 'd3', 'Rapat koordinasi di aula kantor camat.'),
    ];
    const results = await classifyAndStore(database.db, jobs, registry, classifier, logger);
    expect(results[0]).toBeInstanceOf(Error);
    expect((results[0] as Error).message).toContain('classifier broke');
    expect(results.slice(1).every((r) => !(r instanceof Error))).toBe(true);
    const stored = await database.db
      .selectFrom('posts')
      .select('external_id')
      .where('external_id', 'in', ['d1', 'd2', 'd3'])
      .orderBy('external_id')
      .execute();
    expect(stored.map((r) => r.external_id)).toEqual(['d2', 'd3']);
  });

  it('classifies in threads exactly as on the main thread, the registry following each change', async () => {
    const threaded = threadedBatchClassifier({ threads: 2, logger });
    const inline = inlineBatchClassifier();
    try {
      const texts = [
        'Tanggal 27 coblos nomor 1 ya! Budi-Rina MANTAP #BudiRina',
        'Salam dua jari untuk Agus-Dewi #AgusDewi',
        'Apel pagi bersama seluruh staf kelurahan.',
      ];
      const jobs = Array.from({ length: 40 }, (_, i) => job(accountId, `t${i}`, `${texts[i % 3]} ${i}`));
      const [a, b] = await Promise.all([
        threaded.classify(jobs, registry),
        threaded.classify(jobs.slice(0, 7), registry),
      ]);
      expect(a).toEqual(await inline.classify(jobs, registry));
      expect(b).toEqual(a.slice(0, 7));
      // A registry without the first pair: the threads must drop their compiled copy, not keep flagging it.
      const changed: Registry = registrySchema.parse({
        contests: [{ ...registry.contests[0]!, candidates: registry.contests[0]!.candidates.slice(1) }],
      });
      expect(await threaded.classify(jobs, changed)).toEqual(await inline.classify(jobs, changed));
      expect(await threaded.classify(jobs, changed)).not.toEqual(a);
    } finally {
      await threaded.close();
    }
  });

  it('through the worker, a post queued again under another job id is not stored twice', {
    timeout: 60_000,
  }, async () => {
    const connection = createRedisConnection({ url: testRedisUrl(), forWorker: true });
    const prefix = testQueuePrefix();
    const queues = createQueues(connection, prefix);
    await database.db
      .insertInto('contests')
      .values({
        id: 'pilwalkot-contoh-2024',
        kind: 'walikota',
        region_code: '33.74',
        region_name: 'Kota Contoh',
        election_date: '2024-11-27',
        campaign_from: '2024-09-25',
        campaign_to: '2024-11-23',
        quiet_from: null,
        quiet_to: null,
      })
      .execute();
    await database.db
      .insertInto('candidates')
      .values({
        contest_id: 'pilwalkot-contoh-2024',
        number: 1,
        names: JSON.stringify(['Budi Santoso', 'Rina Wati']),
        aliases: '[]',
        jargon: '[]',
        hashtags: JSON.stringify(['#BudiRina']),
        slogans: '[]',
        parties: '[]',
        official_accounts: '[]',
      })
      .execute();
    const worker = startClassifierWorker({
      db: database.db,
      connection,
      prefix,
      logger,
      batchSize: 8,
      batchWaitMs: 10,
      lockDurationMs: 10_000,
      stalledIntervalMs: 5_000,
    });
    try {
      const post = job(accountId, 'c1', 'Pilih Budi-Rina! #BudiRina');
      await queues.classify.add('classify-post', post, { jobId: 'first-delivery' });
      await queues.classify.add('classify-post', post, { jobId: 'second-delivery' });
      // Wait on the condition, not a fixed number of polls: a loaded machine may take many seconds.
      const deadline = Date.now() + 50_000;
      for (;;) {
        const c = await queues.classify.getJobCounts('completed', 'failed');
        if ((c.completed ?? 0) + (c.failed ?? 0) >= 2 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await queues.classify.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
      const rows = await database.db.selectFrom('posts').select('id').where('external_id', '=', 'c1').execute();
      expect(rows).toHaveLength(1);
      const classifications = await database.db
        .selectFrom('classifications')
        .select('id')
        .where('post_id', '=', rows[0]!.id)
        .execute();
      expect(classifications).toHaveLength(1);
    } finally {
      await worker.close();
      await queues.close();
      connection.disconnect();
    }
  });
});
