import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../connection/create-database.ts';
import { upsertPosts } from '../repositories/post-repository.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { migrations } from './index.ts';
import { migrateToLatest } from './migrate.ts';

const TABLES = [
  'access_log',
  'account_cursors',
  'accounts',
  'audit_log',
  'canary_results',
  'candidate_stage_history',
  'candidates',
  'case_documents',
  'case_items',
  'case_number_counters',
  'case_officers',
  'case_outcomes',
  'case_reviews',
  'cases',
  'classifications',
  'contests',
  'crawl_run_accounts',
  'crawl_runs',
  'evidence_artefacts',
  'image_ocr',
  'import_column_mappings',
  'login_attempts',
  'people',
  'platform_switches',
  'post_interactions',
  'post_versions',
  'posts',
  'referrals',
  'review_decisions',
  'review_items',
  'review_saved_views',
  'sessions',
  'tips',
  'users',
];

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(handle.db);
  return result.rows.map((r) => r.table_name);
}

describe('migrations', () => {
  it('are named with a date prefix, unique, and listed in sorted order', () => {
    const names = Object.keys(migrations);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-\d{4}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
  });

  describe('on PostgreSQL', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => db?.drop());

    it('create every table', async () => {
      expect(await tableNames(db)).toEqual(TABLES);
    });

    it('running them again changes nothing', async () => {
      expect(await migrateToLatest(db.db)).toEqual([]);
    });

    it('leave no index that is a leading part of another index of the same table', async () => {
      // Such an index serves no query the longer one cannot, and costs an insert per row (docs/performance.md).
      const { rows } = await sql<{ table: string; name: string; def: string }>`
        SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'`.execute(
        db.db,
      );
      // `CREATE [UNIQUE] INDEX name ON public.t USING btree (a, b DESC)`: the key list, and whether it is partial or unique.
      const indexes = rows.map((r) => ({
        ...r,
        keys: /USING \w+ \((.*?)\)(?: WHERE |$)/.exec(r.def)?.[1] ?? r.def,
        partial: r.def.includes(' WHERE '),
        unique: r.def.startsWith('CREATE UNIQUE'),
      }));
      const redundant = indexes.filter(
        (a) =>
          !a.partial &&
          !a.unique &&
          indexes.some((b) => b.table === a.table && !b.partial && b.keys.startsWith(`${a.keys}, `)),
      );
      expect(redundant.map((r) => r.name)).toEqual([]);
    });

    it('give the evidence look-ups by content hash and by path an index of their own', async () => {
      // The evidence route reads an artefact by hash and retention asks whether a path is still used: without
      // an index each is a scan of a table that grows by several rows per post.
      const plans = await db.db.transaction().execute(async (trx) => {
        // On an empty table the planner prefers a scan anyway; forbidding it shows whether an index can serve.
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const plan = async (column: 'sha256' | 'path') => {
          const { rows } = await sql<{ 'QUERY PLAN': string }>`
            EXPLAIN SELECT id FROM evidence_artefacts WHERE ${sql.ref(column)} = 'x'`.execute(trx);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        };
        return { sha256: await plan('sha256'), path: await plan('path') };
      });
      expect(plans.sha256).toContain('evidence_artefacts_sha256_idx');
      expect(plans.path).toContain('evidence_artefacts_path_idx');
    });

    it('make the audit log refuse updates and deletes', async () => {
      await db.db
        .insertInto('audit_log')
        .values({
          actor_username: 'system',
          action: 'test',
          entity_type: 'x',
          entity_id: '1',
          before: null,
          after: null,
          actor_id: null,
          ip: null,
        })
        .execute();
      await expect(db.db.updateTable('audit_log').set({ action: 'rewritten' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(db.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    });

    it('make the append-only tables refuse TRUNCATE too', async () => {
      await expect(sql`TRUNCATE audit_log`.execute(db.db)).rejects.toThrow(/append-only table audit_log: TRUNCATE/);
      await expect(sql`TRUNCATE review_decisions CASCADE`.execute(db.db)).rejects.toThrow(/append-only/);
      const rows = await db.db.selectFrom('audit_log').select('id').execute();
      expect(rows.length).toBeGreaterThan(0);
    });
  });

  describe('on embedded PGlite', () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createDatabase({});
      await migrateToLatest(handle.db);
    });
    afterAll(async () => handle?.close());

    it('create the same tables as on PostgreSQL', async () => {
      expect(await tableNames(handle)).toEqual(TABLES);
    });

    it('refuse TRUNCATE of the audit log', async () => {
      await expect(sql`TRUNCATE audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
    });

    it('read date columns back as plain YYYY-MM-DD strings', async () => {
      await handle.db
        .insertInto('contests')
        .values({
          id: 'c1',
          kind: 'bupati',
          region_code: '18.11',
          region_name: 'Mesuji',
          election_date: '2024-11-27',
          campaign_from: '2024-09-25',
          campaign_to: '2024-11-23',
          quiet_from: null,
          quiet_to: null,
        })
        .execute();
      const row = await handle.db.selectFrom('contests').select('election_date').executeTakeFirstOrThrow();
      expect(row.election_date).toBe('2024-11-27');
    });
  });
});

describe('migration 2026-12-03-5000 (classification image text key)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('keys existing rows by the image texts they were computed from, and keeps the key unique', async () => {
    const migration = migrations['2026-12-03-5000-classification-image-text-key']!;
    await migration.down!(db.db as never);
    const [post] = await upsertPosts(db.db, [
      {
        platform: 'x',
        externalId: 'm5000',
        url: 'https://x.com/a/status/1',
        kind: 'post',
        accountId: null,
        authorHandle: 'a',
        text: 'teks',
        postedAt: null,
        fetchedAt: '2026-11-01T00:00:00Z',
        mediaDescriptions: [],
        evidence: [],
        raw: {},
        crawlRunId: null,
        imageReadings: [
          { sha256: 'b'.repeat(64), engine: 't', text: 'PILIH NOMOR 2', error: null },
          { sha256: 'c'.repeat(64), engine: null, text: '', error: { code: 'OCR_TIMEOUT', message: 'x' } },
          { sha256: 'a'.repeat(64), engine: 't', text: 'Ayo coblos\u00a0', error: null },
          { sha256: 'd'.repeat(64), engine: 't', text: ' \u3000\n', error: null },
        ],
      },
    ]);
    await sql`INSERT INTO classifications (post_id, model_version, score, flagged, evidence, language, with_image_text)
      VALUES (${post!.id}, 'm1', 0.1, false, '[]', 'id', false), (${post!.id}, 'm1', 0.9, true, '[]', 'id', true)`.execute(
      db.db,
    );
    await migration.up(db.db as never);
    const rows = await sql<{ with_image_text: boolean; image_text_key: string }>`
      SELECT with_image_text, image_text_key FROM classifications WHERE post_id = ${post!.id}
      ORDER BY with_image_text`.execute(db.db);
    // What imageTextsOf reads: the texts without error that are not blank, JavaScript's trim() deciding blank.
    const digest = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
    const expected = digest([digest('PILIH NOMOR 2'), digest('Ayo coblos\u00a0')].sort().join(''));
    expect(rows.rows).toEqual([
      { with_image_text: false, image_text_key: '' },
      { with_image_text: true, image_text_key: expected },
    ]);
    // The key, not the flag, is unique now: another set of image texts is another row; the same set is refused.
    await sql`INSERT INTO classifications (post_id, model_version, score, flagged, evidence, language, with_image_text,
      image_text_key) VALUES (${post!.id}, 'm1', 0.95, true, '[]', 'id', true, ${'e'.repeat(64)})`.execute(db.db);
    await expect(
      sql`INSERT INTO classifications (post_id, model_version, score, flagged, evidence, language, with_image_text,
        image_text_key) VALUES (${post!.id}, 'm1', 0.95, true, '[]', 'id', true, ${expected})`.execute(db.db),
    ).rejects.toThrow(/unique/);
    // The flag must agree with the key.
    await expect(
      sql`INSERT INTO classifications (post_id, model_version, score, flagged, evidence, language, with_image_text,
        image_text_key) VALUES (${post!.id}, 'm2', 0.95, true, '[]', 'id', false, ${expected})`.execute(db.db),
    ).rejects.toThrow(/image_text_key_agrees/);
  });
});
