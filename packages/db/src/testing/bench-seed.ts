import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/database.ts';

export interface BenchSize {
  people: number;
  posts: number;
  /** Every (posts / reviewItems)-th post is flagged and becomes a review item. */
  reviewItems: number;
}

const PROVINCES = ['18.11', '73.71', '94.71', '31.71', '51.71', '64.72', '12.75', '82.71'];
const PLATFORMS = ['facebook', 'instagram', 'tiktok', 'x', 'youtube'];

const array = (values: readonly string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(',')}]`);

/**
 * Fills a scratch database for `pnpm bench:api` with generate_series, in a handful of statements: contests
 * and candidates, people with one account each, posts spread over 90 days, every n-th post flagged into the
 * review queue, about 40% of items decided (a third confirmed), and item ages spread over a month. Test data
 * only — never run against a real database.
 */
export async function seedBenchData(db: Kysely<Database>, size: BenchSize): Promise<void> {
  const every = Math.max(1, Math.floor(size.posts / size.reviewItems));
  await sql`INSERT INTO users (username, display_name, password_hash, role)
    SELECT 'bench' || g, 'Analis ' || g, 'x', 'analyst' FROM generate_series(1, 5) g`.execute(db);
  await sql`INSERT INTO contests (id, kind, region_code, region_name, election_date, campaign_from, campaign_to)
    SELECT 'bench-' || g, 'bupati', (${array(PROVINCES)})[1 + g % ${PROVINCES.length}], 'Wilayah Bench ' || g,
           '2024-11-27', '2024-09-25', '2024-11-23'
      FROM generate_series(1, 20) g`.execute(db);
  await sql`INSERT INTO candidates (contest_id, number, names)
    SELECT 'bench-' || c, n, jsonb_build_array('Calon ' || c || '-' || n)
      FROM generate_series(1, 20) c, generate_series(1, 3) n`.execute(db);
  await sql`INSERT INTO people (name, nip, agency, position, region_code)
    SELECT 'ASN Bench ' || g, (198001012005010000 + g)::text, 'Dinas ' || (1 + g % 40), 'Staf',
           (${array(PROVINCES)})[1 + g % ${PROVINCES.length}]
      FROM generate_series(1, ${size.people}) g`.execute(db);
  await sql`INSERT INTO accounts (person_id, platform, handle, profile_url)
    SELECT id, (${array(PLATFORMS)})[1 + rn % ${PLATFORMS.length}], 'bench_' || rn, 'https://example.org/bench_' || rn
      FROM (SELECT id, row_number() OVER (ORDER BY nip) AS rn FROM people) p`.execute(db);
  await sql`WITH acc AS (SELECT id, platform, handle, row_number() OVER (ORDER BY handle) AS rn FROM accounts)
    INSERT INTO posts (platform, external_id, account_id, author_handle, url, kind, text, content_hash,
                       posted_at, fetched_at, last_seen_at)
    SELECT a.platform, 'b' || g, a.id, a.handle, 'https://example.org/p/' || g, 'post',
           'Unggahan bench ' || g || ' tentang kegiatan dinas #tag' || (g % 500),
           md5(g::text) || md5((g + 1)::text),
           timestamptz '2024-09-01 00:00+07' + (g % 129600) * interval '1 minute',
           timestamptz '2024-09-01 01:00+07' + (g % 129600) * interval '1 minute', now()
      FROM generate_series(1, ${size.posts}) g
      -- g + g / every: consecutive flagged posts land on different people (an arithmetic step would not).
      JOIN acc a ON a.rn = 1 + (g + g / ${every}) % ${size.people}`.execute(db);
  await sql`INSERT INTO classifications (post_id, model_version, score, flagged, candidate, stance, category,
                                         evidence, language)
    SELECT p.id, 'bench', 0.5 + random() * 0.5, true,
           'bench-' || (1 + (n / ${every}) % 20) || '#' || (1 + (n / ${every} / 20) % 3), 'pro',
           'online_campaigning', '[]', 'id'
      FROM posts p CROSS JOIN LATERAL (SELECT substr(p.external_id, 2)::int AS n) x
     WHERE p.external_id LIKE 'b%' AND x.n % ${every} = 0`.execute(db);
  await sql`INSERT INTO review_items (post_id, classification_id, score, created_at)
    SELECT post_id, id, score, now() - random() * interval '30 days' FROM classifications
     WHERE model_version = 'bench'`.execute(db);
  await sql`WITH picked AS (
      SELECT id, row_number() OVER (ORDER BY id) AS rn FROM review_items WHERE random() < 0.4),
    analysts AS (SELECT id, row_number() OVER (ORDER BY username) - 1 AS k FROM users WHERE username LIKE 'bench%')
    INSERT INTO review_decisions (review_item_id, decided_by, decision, label, reason, created_at)
    SELECT p.id, a.id, CASE WHEN p.rn % 3 = 0 THEN 'confirmed' ELSE 'dismissed' END,
           CASE WHEN p.rn % 3 = 0 THEN 'endorse' ELSE 'neutral' END,
           CASE WHEN p.rn % 3 = 0 THEN NULL ELSE 'news_report' END,
           now() - (p.rn % 56) * interval '1 day'
      FROM picked p JOIN analysts a ON a.k = p.rn % 5`.execute(db);
  await sql`UPDATE review_items ri SET status = d.decision, decided_at = d.created_at, decided_by = d.decided_by
      FROM review_decisions d WHERE d.review_item_id = ri.id`.execute(db);
  // The steady state autovacuum reaches: visibility map set, so index-only scans skip the heap.
  await sql`VACUUM ANALYZE`.execute(db);
}

/**
 * `pnpm bench:night`'s watched accounts, in two generate_series statements (100,000 in a few seconds instead
 * of ~25 s of batched inserts): person g (0 … count-1) has NIP 198001012005010000 + g and one account on
 * Bluesky, Mastodon or Telegram in turn — `asn<g>.bsky.social`, `asn<g>@asn.example`, `asn_<g>` — the
 * handles the bench's synthetic platforms answer for (`benchAccount` in test/e2e/bench/synthetic-platforms.ts;
 * the bench checks a sample of rows against it). Test data only.
 */
export async function seedNightAccounts(db: Kysely<Database>, count: number): Promise<void> {
  await sql`INSERT INTO people (name, nip, agency, position, region_code)
    SELECT 'Pegawai Uji ' || g, (198001012005010000 + g)::text, 'Pemerintah Provinsi Lampung', 'Staf', '18.71'
      FROM generate_series(0, ${count - 1}::int) g`.execute(db);
  await sql`INSERT INTO accounts (person_id, platform, handle, profile_url, link_method)
    SELECT p.id, x.platform,
           CASE x.platform WHEN 'bluesky' THEN 'asn' || x.g || '.bsky.social'
                           WHEN 'mastodon' THEN 'asn' || x.g || '@asn.example'
                           ELSE 'asn_' || x.g END,
           CASE x.platform WHEN 'bluesky' THEN 'https://bsky.app/profile/asn' || x.g || '.bsky.social'
                           WHEN 'mastodon' THEN 'https://asn.example/@asn' || x.g
                           ELSE 'https://t.me/asn_' || x.g END,
           'self_declared'
      FROM people p
      CROSS JOIN LATERAL (SELECT (p.nip::bigint - 198001012005010000) AS g) n
      CROSS JOIN LATERAL (SELECT n.g, (ARRAY['bluesky', 'mastodon', 'telegram'])[1 + n.g % 3] AS platform) x
     WHERE p.nip::bigint BETWEEN 198001012005010000 AND 198001012005010000 + ${count - 1}::int`.execute(db);
}

/**
 * Stands in for autovacuum during `pnpm bench:night` when the server runs without it (this machine's CI
 * config sets `autovacuum = off`): the crawl run's row is updated once per account, and without vacuum its
 * dead versions pile up — at ~55,000 accounts each update of that row read ~630 buffers and took ~110 ms, which
 * capped the night at ~10 accounts/s; after a VACUUM, 59 buffers and 13 ms. Production keeps autovacuum on.
 * Returns whether it vacuumed.
 */
export async function vacuumCrawlRunsIfNoAutovacuum(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ autovacuum: string }>`SHOW autovacuum`.execute(db);
  if (rows[0]?.autovacuum === 'on') return false;
  await sql`VACUUM crawl_runs`.execute(db);
  return true;
}
