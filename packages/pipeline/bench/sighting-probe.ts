/**
 * Sighting probe (not a test): the scraper's record step for a crawl batch of posts already stored and unedited
 * (the common case every night), two ways alternated in the same run on a database of its own:
 *  - `two`: the posts written (`upsertPosts`, its own transaction) then a second statement reading every post's
 *    stored and latest version hashes — the shape before 2026-11-29 (`recordSightings` + `recordSightingTexts`,
 *    the second statement copied here as it was);
 *  - `one`: `recordSightingsAndTexts`, the hashes read by the write statement itself.
 * Prints milliseconds per batch (median of the rounds) and the ratio one/two.
 *
 *   DATABASE_URL=postgres://… node --no-warnings packages/pipeline/bench/sighting-probe.ts
 *
 * PROBE_BATCH (posts per account crawl, default 100), PROBE_BATCHES (accounts, default 40), PROBE_ROUNDS (default 6).
 */
import { randomBytes } from 'node:crypto';
import type { CollectedPost } from '@netra/core';
import { createDatabase, type Executor, migrateToLatest, recordSightingsAndTexts, upsertPosts } from '@netra/db';
import { insertWatchedAccount } from '@netra/db/testing';
import { sql } from 'kysely';

const BATCH = Number(process.env.PROBE_BATCH ?? 100);
const BATCHES = Number(process.env.PROBE_BATCHES ?? 40);
const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 6);
const url = process.env.DATABASE_URL!;
const dbName = `netra_sighting_${randomBytes(4).toString('hex')}`;
const withDb = (u: string, d: string) => Object.assign(new URL(u), { pathname: `/${d}` }).toString();

/** The second statement of the two-step shape, as `recordSightingTexts` sent it. */
async function oldTextRead(db: Executor, posts: readonly CollectedPost[]) {
  return sql`SELECT i.n, p.id, p.content_hash, v.content_hash AS latest_hash
    FROM unnest(${posts.map((p) => p.platform)}::text[], ${posts.map((p) => p.externalId)}::text[],
      ${posts.map((_, n) => n)}::integer[]) AS i(platform, external_id, n)
    JOIN posts p ON p.platform = i.platform AND p.external_id = i.external_id
    LEFT JOIN LATERAL (SELECT content_hash FROM post_versions WHERE post_id = p.id ORDER BY version DESC LIMIT 1) v
      ON true`.execute(db);
}

const server = await createDatabase({ url, maxConnections: 1 });
await sql.raw(`CREATE DATABASE ${dbName}`).execute(server.db);
try {
  const database = await createDatabase({ url: withDb(url, dbName), maxConnections: 1 });
  try {
    await migrateToLatest(database.db);
    const batches: CollectedPost[][] = [];
    for (let b = 0; b < BATCHES; b++) {
      const { accountId } = await insertWatchedAccount(database.db, {
        platform: 'bluesky',
        handle: `akun${b}.bsky.social`,
      });
      batches.push(
        Array.from({ length: BATCH }, (_, n) => ({
          platform: 'bluesky',
          externalId: `at://did:plc:probe${b}/app.bsky.feed.post/${n}`,
          url: `https://bsky.app/profile/akun${b}.bsky.social/post/${n}`,
          kind: 'post',
          accountId,
          authorHandle: `akun${b}.bsky.social`,
          text: `Kegiatan pelayanan masyarakat hari ke-${n} di kantor kecamatan ${b}, terbuka untuk umum.`,
          postedAt: '2026-11-01T00:00:00Z',
          fetchedAt: '2026-11-01T01:00:00Z',
          mediaDescriptions: [],
          evidence: [],
          raw: {},
          crawlRunId: null,
        })),
      );
    }
    for (const batch of batches) await recordSightingsAndTexts(database.db, batch, { textComplete: true });
    const ways = {
      two: async (batch: CollectedPost[]) => {
        await database.db.transaction().execute((tx) => upsertPosts(tx, batch));
        await oldTextRead(database.db, batch);
      },
      one: async (batch: CollectedPost[]) => {
        await recordSightingsAndTexts(database.db, batch, { textComplete: true });
      },
    };
    const times: Record<keyof typeof ways, number[]> = { two: [], one: [] };
    let hour = 1;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['two', 'one'] as const) : (['one', 'two'] as const);
      for (const way of order) {
        // Each pass a later sighting: every post's last_seen_at moves (the update path, as a nightly crawl).
        hour++;
        const seenAt = new Date(Date.UTC(2026, 10, 2, hour)).toISOString();
        const t0 = performance.now();
        for (const batch of batches) await ways[way](batch.map((p) => ({ ...p, fetchedAt: seenAt })));
        times[way].push((performance.now() - t0) / batches.length);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    process.stdout.write(
      `${JSON.stringify({
        postsPerBatch: BATCH,
        batches: BATCHES,
        rounds: ROUNDS,
        msPerBatch: { two: +median(times.two).toFixed(2), one: +median(times.one).toFixed(2) },
        ratioOneToTwo: +(median(times.one) / median(times.two)).toFixed(2),
        all: { two: times.two.map((t) => +t.toFixed(2)), one: times.one.map((t) => +t.toFixed(2)) },
      })}\n`,
    );
  } finally {
    await database.close();
  }
} finally {
  await sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).execute(server.db);
  await server.close();
}
