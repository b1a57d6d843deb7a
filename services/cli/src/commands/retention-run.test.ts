import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { upsertPost } from '@netra/db';
import { createTestDatabase, insertWatchedAccount, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch.ts';
import { commands } from './index.ts';

describe('netra retention run', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'netra-retention-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(argv: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (c: Buffer) => out.push(c));
    stderr.on('data', (c: Buffer) => err.push(c));
    const code = await dispatch(commands, argv, {
      stdin: Readable.from(['']),
      stdout,
      stderr,
      env: { DATABASE_URL: database.url, NETRA_ACTOR: 'cron', EVIDENCE_DIR: dir },
    });
    return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  }

  it('deletes old never-flagged posts, keeps recent ones, and audits the run', async () => {
    const account = await insertWatchedAccount(database.db, { handle: 'retensi' });
    const post = (externalId: string, fetchedAt: string) =>
      upsertPost(database.db, {
        platform: 'facebook',
        externalId,
        url: `https://www.facebook.com/retensi/posts/${externalId}`,
        kind: 'post',
        accountId: account.accountId,
        authorHandle: 'retensi',
        text: 'Selamat pagi',
        postedAt: null,
        fetchedAt,
        mediaDescriptions: [],
        evidence: [],
        raw: {},
        crawlRunId: null,
      });
    const old = await post('old', '2020-01-01T00:00:00Z');
    const recent = await post('recent', new Date().toISOString());
    expect((await run(['retention', 'run', '--days', 'x'])).code).toBe(2);
    const result = await run(['retention', 'run', '--days', '30']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dihapus / deleted: 1');
    const ids = (await database.db.selectFrom('posts').select('id').execute()).map((p) => p.id);
    expect(ids).toEqual([recent.id]);
    expect(ids).not.toContain(old.id);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'retention.purge')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBe('cli:cron');
  });
});
