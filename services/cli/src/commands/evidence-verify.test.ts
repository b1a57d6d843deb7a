import { chmodSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ArtefactStore, collectViaApi, MANIFEST_MEDIA_TYPE } from '@netra/collectors';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '@netra/collectors/testing';
import { upsertPosts } from '@netra/db';
import { createTestDatabase, insertWatchedAccount, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { dispatch } from '../dispatch.ts';
import { commands } from './index.ts';

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** `netra evidence verify` over a real artefact store filled by the Telegram collector, and real PostgreSQL. */
describe('netra evidence verify', () => {
  let database: TestDatabase;
  let server: ApiPlatformServer;
  let dir: string;
  let store: ArtefactStore;
  const postIds: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-verify-'));
    store = new ArtefactStore(dir);
    const world = emptyWorld();
    world.telegram.push({
      name: 'beritadesa',
      title: 'Berita Desa',
      messages: [1, 2, 3, 4].map((id) => ({ id, text: `Kabar ${id}`, date: `2026-11-0${id}T01:00:00+00:00` })),
    });
    server = await startApiPlatformServer(world, { telegramPageSize: 2 });
    const { accountId } = await insertWatchedAccount(database.db, { platform: 'telegram', handle: 'beritadesa' });
    const result = await collectViaApi({
      account: { id: accountId, platform: 'telegram', handle: 'beritadesa', profileUrl: 'https://t.me/beritadesa' },
      store,
      platformOrigins: server.origins,
    });
    expect(result.posts).toHaveLength(4);
    for (const row of await upsertPosts(database.db, result.posts)) postIds.push(row.id);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function run(argv: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const io: CliIO = { stdin: Readable.from(['']), stdout, stderr, env: { DATABASE_URL: database.url } };
    const code = await dispatch(commands, ['evidence', 'verify', '--evidence', dir, ...argv], io);
    return { code, stdout: out(), stderr: err() };
  }

  const artefactsOf = (postId: string) =>
    database.db.selectFrom('evidence_artefacts').selectAll().where('post_id', '=', postId).execute();

  it('passes when every artefact and manifest re-hashes to its recorded value', async () => {
    const result = await run(['--all']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatchObject({ ok: true, artefacts: 2, manifests: 1, problems: [] });
    expect(JSON.parse(result.stderr)).toMatchObject({ posts: 4, artefacts: 8, problems: 0, ok: true });
  });

  it('reports a tampered response body for every post it backs, and exits non-zero', async () => {
    // Posts 1-2 and 3-4 share a page each; tamper the body of the page that holds the first post.
    const body = (await artefactsOf(postIds[0]!)).find((a) => a.media_type !== MANIFEST_MEDIA_TYPE)!;
    const path = store.absolutePathFor(body.sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, 'disunting / tampered');
    const result = await run([]);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const affected = lines.map((l) => l.postId).sort();
    const expected = [];
    for (const id of postIds) if ((await artefactsOf(id)).some((a) => a.sha256 === body.sha256)) expected.push(id);
    expect(affected).toEqual(expected.sort());
    for (const line of lines) {
      expect(line.ok).toBe(false);
      expect(line.problems).toContainEqual({ sha256: body.sha256, kind: 'html', reason: 'hash_mismatch' });
    }
    expect(JSON.parse(result.stderr)).toMatchObject({ posts: 4, postsWithProblems: expected.length, ok: false });
  });

  it('reports a missing manifest for one post with --post, and only that post', async () => {
    const last = postIds[postIds.length - 1]!;
    const manifest = (await artefactsOf(last)).find((a) => a.media_type === MANIFEST_MEDIA_TYPE)!;
    unlinkSync(store.absolutePathFor(manifest.sha256));
    const result = await run(['--post', last]);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ postId: last, ok: false });
    expect(lines[0].problems).toContainEqual({ sha256: manifest.sha256, kind: 'json', reason: 'missing' });
  });

  it('rejects a malformed --post with exit 2 and names the flag', async () => {
    const result = await run(['--post', 'bukan-uuid']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--post');
  });
});
