import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  type ApiPlatformServer,
  bskyFeedItem,
  bskyLikeRecord,
  bskyPostView,
  bskyProfileView,
  bskyThreadNode,
  emptyWorld,
  startApiPlatformServer,
} from '@netra/collectors/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { collectCommand } from './collect.ts';

const ME = { did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', handle: 'budi.bsky.social' };
const CAND = { did: 'did:plc:cccccccccccccccccccccccc', handle: 'paslon2.bsky.social' };
const target = bskyPostView({ ...CAND, rkey: 'c1', text: 'Visi misi', createdAt: '2026-11-01T00:00:00.000Z' });
const REPLIER = { did: 'did:plc:rrrrrrrrrrrrrrrrrrrrrrrr', handle: 'sari.bsky.social' };
const reply = bskyPostView({
  ...REPLIER,
  rkey: 'r1',
  text: 'Setuju sekali',
  createdAt: '2026-11-03T00:00:00.000Z',
  reply: { parent: target.uri as string },
});

let server: ApiPlatformServer;
let dir: string;

beforeAll(async () => {
  const world = emptyWorld();
  world.bluesky.push({
    ...ME,
    feed: [3, 2, 1].map((n) =>
      bskyFeedItem(
        bskyPostView({ ...ME, rkey: `p${n}`, text: `Posting ${n}`, createdAt: `2026-11-0${n}T00:00:00.000Z` }),
      ),
    ),
    likes: [bskyLikeRecord(ME.did, 'l1', target.uri as string, '2026-11-02T00:00:00.000Z')],
    follows: [bskyProfileView(CAND.did, CAND.handle)],
  });
  world.blueskyPosts[target.uri as string] = target;
  world.bluesky.push(
    { ...CAND, feed: [bskyFeedItem(target)], likes: [], follows: [] },
    { ...REPLIER, feed: [bskyFeedItem(reply, { parent: target })], likes: [], follows: [] },
  );
  world.blueskyThreads = { [target.uri as string]: [bskyThreadNode(reply)] };
  server = await startApiPlatformServer(world);
  dir = mkdtempSync(join(tmpdir(), 'netra-collect-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const io: CliIO = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env: { PLATFORM_ORIGINS: JSON.stringify({ bluesky: server.origins.bluesky }), EVIDENCE_DIR: dir },
  };
  const code = await collectCommand.run(argv, io);
  return {
    code,
    lines: out
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: err.join(''),
  };
}

describe('netra collect', () => {
  it('prints one collected post per line and a summary on stderr', async () => {
    const { code, lines, stderr } = await run(['bluesky', ME.handle]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.text)).toEqual(['Posting 3', 'Posting 2', 'Posting 1']);
    for (const k of ['platform', 'externalId', 'url', 'kind', 'text', 'postedAt', 'mediaDescriptions']) {
      expect(lines[0]).toHaveProperty(k);
    }
    expect(JSON.parse(stderr)).toMatchObject({ status: 'ok', posts: 3, errors: [] });
  });

  it('honours --since, --max and --interactions', async () => {
    const since = await run(['bluesky', ME.handle, '--since', '2026-11-02T00:00:00Z']);
    expect(since.lines.map((l) => l.text)).toEqual(['Posting 3', 'Posting 2']);
    const max = await run(['bluesky', ME.handle, '--max', '1']);
    expect(max.lines).toHaveLength(1);
    const all = await run(['bluesky', ME.handle, '--interactions']);
    const interactions = all.lines.filter((l) => 'interaction' in l);
    expect(interactions.map((l) => l.interaction)).toEqual(['like', 'follow']);
    expect(interactions[0]!.target).toMatchObject({ authorHandle: CAND.handle, text: 'Visi misi' });
  });

  it('prints a watched account’s replies as reply interactions (--interactions) and a candidate’s repliers (--replies)', async () => {
    const forward = await run(['bluesky', REPLIER.handle, '--interactions']);
    const replies = forward.lines.filter((l) => l.interaction === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ externalId: reply.uri, target: { externalId: target.uri, text: 'Visi misi' } });
    const reverse = await run(['bluesky', CAND.handle, '--replies', '--candidate', 'pilkada-x#2']);
    expect(reverse.code).toBe(0);
    expect(reverse.lines).toEqual([
      expect.objectContaining({
        interaction: 'reply',
        actorHandle: REPLIER.handle,
        externalId: reply.uri,
        text: 'Setuju sekali',
        target: expect.objectContaining({ externalId: target.uri, text: 'Visi misi', candidate: 'pilkada-x#2' }),
      }),
    ]);
    expect(JSON.parse(reverse.stderr)).toMatchObject({ status: 'ok', postsRead: 1, replies: 1 });
    expect((await run(['telegram', 'kanal', '--replies'])).code).toBe(2);
  });

  it('exits 1 with not_found for an unknown account and 2 for bad arguments', async () => {
    const missing = await run(['bluesky', 'tidakada.bsky.social']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ status: 'not_found' });
    expect((await run(['friendster', 'x'])).code).toBe(2);
    expect((await run(['mastodon', 'budi'])).stderr).toContain('nama@server');
    expect((await run(['bluesky', ME.handle, '--since', 'kemarin'])).code).toBe(2);
  });
});
