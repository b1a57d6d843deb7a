import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArtefactStore } from '@netra/collectors';
import { appendAudit, createDatabase, type DatabaseHandle, upsertPost } from '@netra/db';
import { createTestDatabase, insertWatchedAccount, type TestDatabase } from '@netra/db/testing';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DOTENV_CONFIG_QUIET: 'true', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function verifyEvidence(databaseUrl: string, evidenceDir: string) {
  const r = run(process.execPath, ['--no-warnings', 'services/cli/src/main.ts', 'evidence', 'verify'], {
    DATABASE_URL: databaseUrl,
    EVIDENCE_DIR: evidenceDir,
  });
  // Problems go to stdout one post per line; the summary is the last line on stderr.
  const summary = JSON.parse(r.stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
  return { code: r.code, summary, stderr: r.stderr };
}

/**
 * The documented backup and restore (docs/operations.md, "Backups"): `pg_dump -Fc` of the database and an
 * archive of the evidence store; the originals are lost; both are restored into a new database and folder;
 * `netra evidence verify` re-hashes every artefact the restored database references.
 */
describe('backup and restore', () => {
  let source: TestDatabase;
  let restored: DatabaseHandle | null = null;
  let work: string;
  let restoredName = '';
  const admin = () => process.env.NETRA_TEST_DATABASE_URL!;
  const before = { posts: 0, artefacts: [] as string[] };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netra-backup-'));
    source = await createTestDatabase();
    const db = source.db;
    const evidence = new ArtefactStore(join(work, 'evidence'));
    const { accountId } = await insertWatchedAccount(db, { name: 'Pegawai Uji', handle: 'pegawai.uji' });
    for (let i = 0; i < 12; i++) {
      const refs = [
        await evidence.put('html', `<article>Unggahan uji ${i}</article>`, 'text/html; charset=utf-8'),
        await evidence.put('screenshot', Buffer.from([0x89, 0x50, 0x4e, 0x47, i, i * 7]), 'image/png'),
      ];
      await upsertPost(db, {
        platform: 'facebook',
        externalId: `uji-${i}`,
        url: `https://www.facebook.com/pegawai.uji/posts/${i}`,
        kind: 'post',
        accountId,
        authorHandle: 'pegawai.uji',
        text: `Unggahan uji ${i}`,
        postedAt: null,
        fetchedAt: new Date().toISOString(),
        mediaDescriptions: [],
        evidence: refs,
        raw: {},
        crawlRunId: null,
      });
    }
    await appendAudit(db, {
      actorId: null,
      actorUsername: 'cli:test',
      action: 'test.backup',
      entityType: 'test',
      entityId: '1',
    });
    before.posts = Number(
      (
        await db
          .selectFrom('posts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    before.artefacts = (await db.selectFrom('evidence_artefacts').select('sha256').orderBy('sha256').execute()).map(
      (r) => r.sha256,
    );
  });

  afterAll(async () => {
    await restored?.close();
    if (restoredName) {
      const c = new pg.Client({ connectionString: admin() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
      await c.end();
    }
    await source?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  // pg_dump, pg_restore and a hash of every artefact: 27 s and 78 s of the former 120 s in two whole-suite runs
  // at load 12–23 on two cores, so twice that.
  it('restores the dump into a new database and every evidence hash verifies', { timeout: 240_000 }, async () => {
    expect(verifyEvidence(source.url, join(work, 'evidence')).code).toBe(0);
    // Back up: the database (custom format) and the evidence folder.
    const dump = join(work, 'netra.dump');
    const dumped = run('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, `--dbname=${source.url}`]);
    expect(dumped.code, dumped.stderr).toBe(0);
    const archive = join(work, 'evidence.tar.gz');
    expect(run('tar', ['-C', join(work, 'evidence'), '-czf', archive, '.']).code).toBe(0);
    // Lose the originals.
    rmSync(join(work, 'evidence'), { recursive: true, force: true });
    await source.db.destroy().catch(() => {});
    // Restore into a new database and a new folder.
    restoredName = `${new URL(source.url).pathname.slice(1)}_restored`;
    const c = new pg.Client({ connectionString: admin() });
    await c.connect();
    await c.query(`CREATE DATABASE ${restoredName}`);
    await c.end();
    const url = new URL(source.url);
    url.pathname = `/${restoredName}`;
    const restoredUrl = url.toString();
    const restoredRun = run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);
    expect(restoredRun.code, restoredRun.stderr).toBe(0);
    const restoredDir = join(work, 'evidence-restored');
    mkdirSync(restoredDir);
    expect(run('tar', ['-C', restoredDir, '-xzf', archive]).code).toBe(0);

    restored = await createDatabase({ url: restoredUrl, maxConnections: 2 });
    const posts = await restored.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(posts.n)).toBe(before.posts);
    const artefacts = await restored.db.selectFrom('evidence_artefacts').select('sha256').orderBy('sha256').execute();
    expect(artefacts.map((a) => a.sha256)).toEqual(before.artefacts);
    // The append-only guard came back with the schema.
    await expect(sql`update audit_log set action = 'rewritten'`.execute(restored.db)).rejects.toThrow();

    const ok = verifyEvidence(restoredUrl, restoredDir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.summary).toMatchObject({
      distinctArtefacts: new Set(before.artefacts).size,
      missing: 0,
      altered: 0,
      ok: true,
    });

    // The check is real: an altered file and a lost one are both reported, and the command fails.
    const files = readdirSync(join(restoredDir, 'sha256'), { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    writeFileSync(join(files[0]!.parentPath, files[0]!.name), 'diubah / altered');
    unlinkSync(join(files[1]!.parentPath, files[1]!.name));
    const bad = verifyEvidence(restoredUrl, restoredDir);
    expect(bad.code).toBe(1);
    expect(bad.summary).toMatchObject({ altered: 1, missing: 1, ok: false });
  });
});
