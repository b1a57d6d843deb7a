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

  describe('--since on a machine in UTC (a container)', () => {
    const zone = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'UTC';
    });
    afterAll(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const texts = async (since: string) =>
      (await run(['bluesky', ME.handle, '--since', since])).lines.map((l) => l.text);

    // The posts are at 00:00Z = 07:00 WIB on 1, 2 and 3 November.
    it('reads a time without a zone as WIB, not in the machine zone', async () => {
      expect(new Date('2026-11-02T06:00').toISOString()).toBe('2026-11-02T06:00:00.000Z');
      // 06:00 WIB on 2 November is 23:00Z on 1 November: Posting 2 (07:00 WIB) is after it.
      expect(await texts('2026-11-02T06:00')).toEqual(['Posting 3', 'Posting 2']);
      expect(await texts('2026-11-02T08:00')).toEqual(['Posting 3']);
    });

    it('honours WIB/WITA/WIT and offsets, and reads a date alone as its first minute in WIB', async () => {
      expect(await texts('2026-11-02T07:00 WIB')).toEqual(['Posting 3', 'Posting 2']);
      expect(await texts('2026-11-02T08:30WITA')).toEqual(['Posting 3']);
      expect(await texts('2026-11-02T09:00+09:00')).toEqual(['Posting 3', 'Posting 2']);
      expect(await texts('2026-11-03')).toEqual(['Posting 3']);
    });

    it('refuses a date the calendar lacks or a year before 2000, naming the option in Indonesian', async () => {
      for (const bad of ['2026-02-30', '2026-02-30T10:00', '1999-12-31T00:00Z', '2026-11-02T25:00']) {
        const result = await run(['bluesky', ME.handle, '--since', bad]);
        expect(result.code, bad).toBe(2);
        expect(result.stderr, bad).toMatch(/^galat \/ error: --since: .*(tanggal|zona)/);
      }
    });
  });
});
