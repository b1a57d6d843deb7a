import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPlatform, demoAccounts, demoCandidateAccounts, demoWatchlist, startDemoPlatform } from './index.ts';

const elections = JSON.parse(readFileSync(new URL('../../../data/corpus/elections.json', import.meta.url), 'utf8')) as {
  contests: { id: string; region: { code: string }; candidates: { number: number }[] }[];
};

let demo: DemoPlatform;
beforeAll(async () => {
  demo = await startDemoPlatform({ failFirst: { '/x/dewikartika_id': 1 } });
});
afterAll(async () => {
  await demo.close();
});

async function get(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${demo.url}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('demo platform server', () => {
  it('listens on 127.0.0.1 on a free port and exposes per-platform origins', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.origins.tiktok).toBe(`${demo.url}/tiktok`);
  });

  it('serves each platform profile with its own markup', async () => {
    expect((await get('/facebook/suryadi.guru.mesuji')).body).toContain('data-post-id=');
    expect((await get('/instagram/rina.marlina.nurse/')).body).toContain('data-shortcode=');
    expect((await get('/tiktok/@yoga_satpolpp')).body).toContain('__UNIVERSAL_DATA_FOR_REHYDRATION__');
    expect((await get('/youtube/@FajarTaniLamtim')).body).toContain('itemprop="uploadDate"');
    const x = await get('/x/hendrowibowo_');
    expect(x.body).toContain('data-testid="tweet"');
    expect(x.body).toMatch(/<time datetime="2024-/);
  });

  it('answers unknown handles with 404 and the private and login-wall accounts with their notices', async () => {
    expect((await get('/x/tidak_ada_orangnya')).status).toBe(404);
    expect((await get('/instagram/bidan_nurhayati/')).body).toContain('Akun ini bersifat privat');
    expect((await get('/facebook/akun.terkunci')).body).toContain('id="login_form"');
  });

  it('renders the third post of the malformed page without its data-post-id', async () => {
    const { body } = await get('/facebook/halaman.rusak');
    const articles = body.split('role="article"').slice(1);
    expect(articles[2]).not.toMatch(/data-post-id="/);
    expect(articles[1]).toMatch(/data-post-id="/);
  });

  it('fails the first request of a configured path with 503, then serves it', async () => {
    expect((await get('/x/dewikartika_id')).status).toBe(503);
    expect((await get('/x/dewikartika_id')).status).toBe(200);
  });

  it('imitates the YouTube Data API and refuses requests without a key', async () => {
    expect((await get('/youtube/api/v3/channels?forHandle=@PakLukmanMengajar')).status).toBe(403);
    const channel = JSON.parse((await get('/youtube/api/v3/channels?forHandle=@PakLukmanMengajar&key=k')).body);
    const uploads = channel.items[0].contentDetails.relatedPlaylists.uploads as string;
    const list = JSON.parse((await get(`/youtube/api/v3/playlistItems?playlistId=${uploads}&maxResults=2&key=k`)).body);
    expect(list.items).toHaveLength(2);
    expect(list.nextPageToken).toBeTruthy();
    expect(list.items[0].snippet.publishedAt).toMatch(/^2024-11-/);
  });
});

describe('demo content and watchlist', () => {
  const items = demoAccounts.flatMap((a) => a.items.map((it) => ({ ...it, platform: a.platform })));

  it('has about 150 posts with unique, stable ids inside the 2024 campaign period', () => {
    expect(items.length).toBeGreaterThanOrEqual(145);
    expect(new Set(items.map((it) => `${it.platform}:${it.id}`)).size).toBe(items.length);
    for (const it of items) {
      expect(it.postedAt >= '2024-09-25' && it.postedAt <= '2024-11-24').toBe(true);
    }
    const suryadi = demoAccounts.find((a) => a.handle === 'suryadi.guru.mesuji')!;
    expect(suryadi.items.at(-1)!.id).toBe('1060380039765987');
  });

  it('covers every kind of item on every platform mix', () => {
    const kinds = new Set(items.map((it) => it.kind));
    expect([...kinds].sort()).toEqual(['caption', 'comment', 'post', 'share']);
    expect(new Set(demoAccounts.map((a) => a.platform)).size).toBe(5);
  });

  it('gives every watched person a structurally valid NIP, a contest region and real profile URLs', () => {
    const regions = new Set(elections.contests.map((c) => c.region.code));
    const realUrl =
      /^(https:\/\/www\.facebook\.com\/[^/]+|https:\/\/www\.instagram\.com\/[^/]+\/|https:\/\/www\.tiktok\.com\/@[^/]+|https:\/\/x\.com\/[^/]+|https:\/\/www\.youtube\.com\/@[^/]+)$/;
    expect(demoWatchlist.length).toBeGreaterThanOrEqual(12);
    for (const person of demoWatchlist) {
      expect(person.nip).toMatch(/^\d{18}$/);
      const birth = person.nip.slice(0, 8);
      expect(Number.isNaN(Date.parse(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`))).toBe(false);
      const appointed = Number(person.nip.slice(8, 12));
      expect(appointed - Number(birth.slice(0, 4))).toBeGreaterThanOrEqual(18);
      expect(Number(person.nip.slice(12, 14))).toBeLessThanOrEqual(12);
      expect(['1', '2']).toContain(person.nip[14]);
      expect(regions.has(person.region)).toBe(true);
      for (const account of person.accounts) expect(account.profileUrl).toMatch(realUrl);
    }
  });

  it('maps candidate official accounts to ballot references from elections.json', () => {
    const refs = new Set(elections.contests.flatMap((c) => c.candidates.map((k) => `${c.id}#${k.number}`)));
    for (const ref of Object.values(demoCandidateAccounts)) expect(refs.has(ref)).toBe(true);
  });
});
