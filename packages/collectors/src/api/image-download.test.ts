import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtefactStore } from '../evidence/artefact-store.ts';
import {
  type ApiPlatformServer,
  bskyFeedItem,
  bskyPostView,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '../testing/index.ts';
import { collectBluesky } from './bluesky.ts';
import { fetchImage, imageUrlProblem, isBlockedAddress } from './image-download.ts';
import { collectMastodon } from './mastodon.ts';
import { collectTelegram } from './telegram.ts';

const ME = { did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', handle: 'budi.bsky.social' };
const account = (platform: 'bluesky' | 'mastodon' | 'telegram', handle: string) => ({
  id: '11111111-1111-4111-8111-111111111111',
  platform,
  handle,
  profileUrl: 'https://example.invalid/',
});

let server: ApiPlatformServer;
let dir: string;
let png: Buffer;
let jpeg: Buffer;

beforeAll(async () => {
  // A 1×1 PNG and bytes that start like a JPEG: the download checks types and sizes, the OCR worker decodes.
  png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
  const world = emptyWorld();
  server = await startApiPlatformServer(world);
  const media = (name: string) => `${server.url}/media/${name}`;
  world.media = {
    'poster.png': { type: 'image/png', body: png },
    'photo.jpg': { type: 'image/jpeg', body: jpeg },
    'page.html': { type: 'text/html', body: Buffer.from('<html></html>') },
    'liar.png': { type: 'image/png', body: jpeg },
    'hop.png': { redirect: media('poster.png') },
    'away.png': { redirect: 'http://127.0.0.1:9/poster.png' },
  };
  world.bluesky.push({
    ...ME,
    feed: [
      bskyFeedItem(
        bskyPostView({
          ...ME,
          rkey: 'p1',
          text: 'Poster kegiatan',
          createdAt: '2026-11-02T00:00:00.000Z',
          embed: {
            $type: 'app.bsky.embed.images#view',
            images: [
              { thumb: media('poster.png'), fullsize: media('poster.png'), alt: 'poster' },
              { thumb: media('page.html'), fullsize: media('page.html'), alt: '' },
            ],
          },
        }),
      ),
    ],
    likes: [],
    follows: [],
  });
  const acct = mastodonAccount('109', 'budi', 'mastodon.example.id');
  world.mastodon.push({
    id: '109',
    username: 'budi',
    instance: 'mastodon.example.id',
    statuses: [
      {
        ...mastodonStatus({
          id: '1001',
          account: acct,
          instance: 'mastodon.example.id',
          content: '<p>Foto</p>',
          createdAt: '2026-11-02T00:00:00.000Z',
        }),
        media_attachments: [
          { id: 'm1', type: 'image', url: media('photo.jpg'), preview_url: media('photo.jpg'), description: null },
          { id: 'm2', type: 'video', url: media('clip.mp4'), preview_url: null, description: null },
        ],
      },
    ],
    history: {},
    following: [],
  });
  world.telegram.push({
    name: 'kanaldesa',
    title: 'Kanal Desa',
    messages: [{ id: 10, text: 'Pengumuman', date: '2026-11-02T00:00:00+00:00', photo: media('hop.png') }],
  });
  dir = mkdtempSync(join(tmpdir(), 'netra-api-images-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('address guard', () => {
  it('refuses loopback, private, link-local and mapped addresses; allows public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
    ])
      expect(isBlockedAddress(a), a).toBe(true);
    expect(isBlockedAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isBlockedAddress('8.8.8.8')).toBe(false);
    expect(isBlockedAddress('2606:4700::1111')).toBe(false);
  });

  it('takes https on the default port only, and only the PLATFORM_ORIGINS origin when one is set', () => {
    expect(imageUrlProblem('http://cdn.bsky.app/x.jpg', undefined)).toMatch(/https/);
    expect(imageUrlProblem('https://cdn.bsky.app:8443/x.jpg', undefined)).toMatch(/port/);
    expect(imageUrlProblem('https://169.254.169.254/latest/meta-data', undefined)).toMatch(/private/);
    expect(imageUrlProblem('https://cdn.bsky.app/x.jpg', undefined)).toBeNull();
    expect(imageUrlProblem('https://cdn.bsky.app/x.jpg', server.origins.bluesky)).toMatch(/PLATFORM_ORIGINS/);
    expect(imageUrlProblem(`${server.url}/media/poster.png`, server.origins.bluesky)).toBeNull();
  });

  it('checks the address connected to: a name resolving to loopback is refused', async () => {
    await expect(
      fetchImage('https://localhost/x.png', {
        localOrigin: undefined,
        maxBytes: 1000,
        timeoutMs: 5000,
        userAgent: 't',
      }),
    ).rejects.toThrow(/private or blocked/);
  });
});

describe('fetchImage', () => {
  const o = () => ({ localOrigin: server.origins.bluesky, maxBytes: 5_000_000, timeoutMs: 5000, userAgent: 't' });
  it('reads an allowed image, following a redirect inside the allowed origin', async () => {
    const image = await fetchImage(`${server.url}/media/hop.png`, o());
    expect(image.mediaType).toBe('image/png');
    expect(image.bytes.equals(png)).toBe(true);
    expect(image.finalUrl).toBe(`${server.url}/media/poster.png`);
  });

  it('refuses other types, bytes that contradict the type, oversize files and redirects elsewhere', async () => {
    await expect(fetchImage(`${server.url}/media/page.html`, o())).rejects.toThrow(/text\/html/);
    await expect(fetchImage(`${server.url}/media/liar.png`, o())).rejects.toThrow(/bytes are not image\/png/);
    await expect(fetchImage(`${server.url}/media/poster.png`, { ...o(), maxBytes: 10 })).rejects.toThrow(/> 10/);
    await expect(fetchImage(`${server.url}/media/away.png`, o())).rejects.toThrow(/PLATFORM_ORIGINS/);
  });
});

describe('API collectors keep post images for OCR', () => {
  it('Bluesky fullsize images: image artefacts plus a manifest; a refused one is reported, the post kept', async () => {
    const store = new ArtefactStore(dir);
    const result = await collectBluesky({
      account: account('bluesky', ME.handle),
      store,
      platformOrigins: { bluesky: server.origins.bluesky },
      images: { maxBytes: 5_000_000 },
    });
    expect(result.status).toBe('ok');
    const post = result.posts[0]!;
    const images = post.evidence.filter((e) => e.kind === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ mediaType: 'image/png', bytes: png.length });
    const manifestRef = post.evidence.at(-1)!;
    const manifest = JSON.parse((await store.read(manifestRef))!.toString('utf8'));
    expect(manifest.artefacts).toEqual([
      expect.objectContaining({
        kind: 'image',
        sha256: images[0]!.sha256,
        sourceUrl: `${server.url}/media/poster.png`,
      }),
    ]);
    expect(result.errors.map((e) => e.code)).toEqual(['COLLECTOR_IMAGE_SKIPPED']);
    expect(result.errors[0]!.message).toMatch(/page\.html.*text\/html/);
  });

  it('without `images` nothing is downloaded', async () => {
    const before = server.requests.filter((r) => r.path.startsWith('/media/')).length;
    const result = await collectBluesky({
      account: account('bluesky', ME.handle),
      store: new ArtefactStore(dir),
      platformOrigins: { bluesky: server.origins.bluesky },
    });
    expect(result.posts[0]!.evidence.some((e) => e.kind === 'image')).toBe(false);
    expect(server.requests.filter((r) => r.path.startsWith('/media/')).length).toBe(before);
  });

  it('Mastodon image attachments (not videos) and Telegram photos', async () => {
    const mastodon = await collectMastodon({
      account: account('mastodon', 'budi@mastodon.example.id'),
      store: new ArtefactStore(dir),
      platformOrigins: { mastodon: server.origins.mastodon },
      images: {},
    });
    expect(mastodon.posts[0]!.evidence.filter((e) => e.kind === 'image').map((e) => e.mediaType)).toEqual([
      'image/jpeg',
    ]);
    expect(mastodon.errors).toEqual([]);
    const telegram = await collectTelegram({
      account: account('telegram', 'kanaldesa'),
      store: new ArtefactStore(dir),
      platformOrigins: { telegram: server.origins.telegram },
      images: {},
    });
    expect(telegram.posts[0]!.evidence.filter((e) => e.kind === 'image').map((e) => e.sha256)).toHaveLength(1);
  });
});
