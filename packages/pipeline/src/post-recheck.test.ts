import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtefactStore, collectViaApi } from '@netra/collectors';
import {
  type ApiPlatformServer,
  bskyFeedItem,
  bskyPostView,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '@netra/collectors/testing';
import { type CollectedPost, createLogger, type Platform, registrySchema } from '@netra/core';
import { getPostWatch, markDueForRecheck, saveClassifications, upsertPosts } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recheckDuePosts } from './post-recheck.ts';
import { classifyWaiting } from './testing/classify-waiting.ts';

const ME_BSKY = { did: 'did:plc:recheckrecheckrecheckrec', handle: 'guru.bsky.social' };
const MASTO = mastodonAccount('9001', 'camat', 'mastodon.example');
const sha = (text: string) => createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');

/**
 * Edit and deletion watch against the local API server (documented shapes) and real PostgreSQL: flagged
 * posts are re-read; a changed text becomes a new version (the original kept as version 1, each with its
 * evidence), a post gone is marked deleted with the time first seen missing, its evidence kept.
 */
describe('edit and deletion watch', () => {
  let database: TestDatabase;
  let server: ApiPlatformServer;
  let dir: string;
  let store: ArtefactStore;
  let connection: Redis;
  let queues: Queues;
  const ids = new Map<string, string>();
  const classified = new Set<string>();
  const logger = createLogger('test', 'silent');

  async function collectAndFlag(platform: Platform, handle: string) {
    const { accountId } = await insertWatchedAccount(database.db, { platform, handle });
    const result = await collectViaApi({
      account: { id: accountId, platform, handle, profileUrl: `https://example.org/${handle}` },
      store,
      platformOrigins: server.origins,
    });
    expect(result.status).toBe('ok');
    const posts: CollectedPost[] = result.posts;
    const stored = await upsertPosts(database.db, posts);
    await saveClassifications(
      database.db,
      stored.map((s) => ({
        postId: s.id,
        result: {
          score: 0.95,
          flagged: true,
          candidate: null,
          stance: 'pro',
          category: 'online_campaigning',
          evidence: [],
          language: 'id',
          modelVersion: 'test',
        },
      })),
    );
    for (const [i, p] of posts.entries()) ids.set(p.externalId, stored[i]!.id);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    connection = createRedisConnection({ url: testRedisUrl(), forWorker: false });
    queues = createQueues(connection, testQueuePrefix());
    dir = mkdtempSync(join(tmpdir(), 'netra-recheck-'));
    store = new ArtefactStore(dir);
    const world = emptyWorld();
    world.bluesky.push({
      ...ME_BSKY,
      feed: [
        bskyFeedItem(
          bskyPostView({ ...ME_BSKY, rkey: '3kb', text: 'Dukung nomor 2', createdAt: '2026-11-02T00:00:00.000Z' }),
        ),
        bskyFeedItem(
          bskyPostView({ ...ME_BSKY, rkey: '3ka', text: 'Ayo pilih nomor 2', createdAt: '2026-11-01T00:00:00.000Z' }),
        ),
      ],
      likes: [],
      follows: [],
    });
    world.mastodon.push({
      id: '9001',
      username: 'camat',
      instance: 'mastodon.example',
      statuses: [
        mastodonStatus({
          id: '502',
          account: MASTO,
          instance: 'mastodon.example',
          content: '<p>Coblos nomor 1</p>',
          createdAt: '2026-11-02T00:00:00.000Z',
        }),
        mastodonStatus({
          id: '501',
          account: MASTO,
          instance: 'mastodon.example',
          content: '<p>Salam satu jari</p>',
          createdAt: '2026-11-01T00:00:00.000Z',
        }),
      ],
      history: {},
      following: [],
    });
    world.telegram.push({
      name: 'kabarkecamatan',
      title: 'Kabar Kecamatan',
      messages: [1, 2, 3].map((id) => ({ id, text: `Pesan kampanye ${id}`, date: `2026-11-0${id}T01:00:00+00:00` })),
    });
    server = await startApiPlatformServer(world, { pageSize: 10 });
    await collectAndFlag('bluesky', ME_BSKY.handle);
    await collectAndFlag('mastodon', 'camat@mastodon.example');
    await collectAndFlag('telegram', 'kabarkecamatan');
  }, 60_000);

  afterAll(async () => {
    await queues?.close();
    connection?.disconnect();
    await server?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (now: Date) =>
    recheckDuePosts({
      db: database.db,
      store,
      platformOrigins: server.origins,
      logger,
      intervalMs: 6 * 3_600_000,
      limit: 100,
      now: () => now,
      queues,
    });
  /** The classify jobs an edit queued, run through the classifier worker's store path. */
  const classifyQueued = () =>
    classifyWaiting(database.db, queues.classify, registrySchema.parse({ contests: [] }), logger, classified);

  it('finds nothing changed on the first check, and nothing due again within the interval', async () => {
    const first = await run(new Date('2026-11-10T00:00:00Z'));
    expect(first).toMatchObject({ checked: 7, unchanged: 7, edited: 0, deleted: 0, failed: 0 });
    const again = await run(new Date('2026-11-10T05:00:00Z'));
    expect(again.checked).toBe(0);
    // A Telegram id gap makes the stored message due at once (deletion candidate), within the interval.
    expect(await markDueForRecheck(database.db, 'telegram', ['kabarkecamatan/3', 'kabarkecamatan/99'])).toBe(1);
    const gap = await run(new Date('2026-11-10T01:00:00Z'));
    expect(gap).toMatchObject({ checked: 1, unchanged: 1 });
  });

  it('keeps an edit as a new version and marks deleted posts, with evidence', async () => {
    const masto = server.world.mastodon[0]!;
    masto.statuses[0] = mastodonStatus({
      id: '502',
      account: MASTO,
      instance: 'mastodon.example',
      content: '<p>Coblos nomor 1 ya, besok</p>',
      createdAt: '2026-11-02T00:00:00.000Z',
      editedAt: '2026-11-10T08:00:00.000Z',
    });
    masto.statuses.splice(1, 1); // 501 deleted
    server.world.telegram[0]!.messages = server.world.telegram[0]!.messages.filter((m) => m.id !== 2);
    server.world.bluesky[0]!.feed.pop(); // 3ka deleted
    const summary = await run(new Date('2026-11-10T07:00:00Z'));
    expect(summary).toMatchObject({ checked: 7, edited: 1, deleted: 3, unchanged: 3, failed: 0 });

    const edited = await getPostWatch(database.db, ids.get('502')!);
    expect(edited.deletedAt).toBeNull();
    expect(edited.versions.map((v) => [v.version, v.text])).toEqual([
      [1, 'Coblos nomor 1'],
      [2, 'Coblos nomor 1 ya, besok'],
    ]);
    // The edit is classified under its own key; the open review item moves to its classification.
    const { jobs, stored } = await classifyQueued();
    expect(jobs.map((j) => [j.data.externalId, j.data.textKey, j.data.text])).toEqual([
      ['502', sha('Coblos nomor 1 ya, besok'), 'Coblos nomor 1 ya, besok'],
    ]);
    expect(stored[0]).toMatchObject({ postId: ids.get('502') });
    const rows = await database.db
      .selectFrom('classifications')
      .select(['id', 'text_key'])
      .where('post_id', '=', ids.get('502')!)
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => r.text_key)).toEqual(['', sha('Coblos nomor 1 ya, besok')]);
    const item = await database.db
      .selectFrom('review_items')
      .select('classification_id')
      .where('post_id', '=', ids.get('502')!)
      .executeTakeFirstOrThrow();
    expect(item.classification_id).toBe(rows[1]!.id);
    // Each version has its own evidence: the first the crawl's page, the second the re-check's answer.
    expect(edited.versions[0]!.evidence.length).toBeGreaterThan(0);
    expect(edited.versions[1]!.evidence.map((e) => e.sha256)).not.toEqual(
      edited.versions[0]!.evidence.map((e) => e.sha256),
    );

    for (const id of ['501', 'kabarkecamatan/2', `at://${ME_BSKY.did}/app.bsky.feed.post/3ka`]) {
      const watch = await getPostWatch(database.db, ids.get(id)!);
      expect(watch.deletedAt?.toISOString(), id).toMatch(/^2026-11-/);
      expect(watch.versions).toEqual([]);
    }
    // The answer that says "gone" is evidence too, beside what was captured before.
    const evidence = await database.db
      .selectFrom('evidence_artefacts')
      .select('sha256')
      .where('post_id', '=', ids.get('501')!)
      .execute();
    expect(evidence.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps the first time a post was seen missing, and adds a later edit as version 3', async () => {
    const masto = server.world.mastodon[0]!;
    masto.statuses[0] = mastodonStatus({
      id: '502',
      account: MASTO,
      instance: 'mastodon.example',
      content: '<p>Kegiatan kecamatan</p>',
      createdAt: '2026-11-02T00:00:00.000Z',
    });
    const before = (await getPostWatch(database.db, ids.get('501')!)).deletedAt;
    const summary = await run(new Date('2026-11-11T00:00:00Z'));
    // Deleted posts are not re-read; the four others are.
    expect(summary).toMatchObject({ checked: 4, edited: 1 });
    expect((await getPostWatch(database.db, ids.get('501')!)).deletedAt).toEqual(before);
    const versions = (await getPostWatch(database.db, ids.get('502')!)).versions;
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect((await classifyQueued()).jobs.map((j) => j.data.textKey)).toEqual([sha('Kegiatan kecamatan')]);
    // Versions are append-only.
    await expect(
      database.db.updateTable('post_versions').set({ text: 'x' }).where('post_id', '=', ids.get('502')!).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
