import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '../testing/index.ts';
import { collectTelegram, gapsOf, parseCount } from './telegram.ts';

const account = {
  id: '33333333-3333-4333-8333-333333333333',
  platform: 'telegram' as const,
  handle: 'infodinaskab',
  profileUrl: 'https://t.me/infodinaskab',
};

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.telegram.push({
    name: 'infodinaskab',
    title: 'Info Dinas Kabupaten',
    messages: [
      { id: 10, text: 'Pengumuman jam kerja', date: '2026-11-01T01:00:00+00:00', views: '987' },
      {
        id: 11,
        text: 'Rapat koordinasi',
        date: '2026-11-02T01:00:00+00:00',
        views: '1.2K',
        photo: 'https://cdn4.telesco.pe/file/a.jpg',
      },
      // 12 was deleted
      {
        id: 13,
        text: 'Ayo dukung nomor 2!',
        date: '2026-11-03T01:00:00+00:00',
        forwardedFrom: { name: 'Paslon 2 Resmi', url: 'https://t.me/paslon2resmi/77' },
      },
      {
        id: 14,
        text: 'Betul, programnya bagus',
        date: '2026-11-04T01:00:00+00:00',
        replyTo: { id: 13, author: 'Info Dinas Kabupaten', text: 'Ayo dukung nomor 2!' },
        edited: true,
      },
      { id: 15, text: 'Selamat pagi\nsalam sehat', date: '2026-11-05T01:00:00+00:00', views: '3,4M' },
    ],
  });
  server = await startApiPlatformServer(world, { telegramPageSize: 2 });
});
afterAll(() => server.close());

const input = () => ({
  account,
  platformOrigins: { telegram: server.origins.telegram },
  candidateAccounts: { 'telegram:paslon2resmi': 'pilkada-lampung#2' },
  http: { backoffBaseMs: 10 },
});

describe('Telegram preview collector', () => {
  it('parses counts and finds id gaps', () => {
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('3,4M')).toBe(3_400_000);
    expect(parseCount('987')).toBe(987);
    expect(parseCount('12 345')).toBe(12_345);
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount('12.5M')).toBe(12_500_000);
    expect(parseCount('dilihat')).toBeNull();
    expect(gapsOf([15, 14, 13, 11, 10], null)).toEqual([{ after: '11', before: '13' }]);
    expect(gapsOf([20], 17)).toEqual([{ after: '17', before: '20' }]);
  });

  it('pages with ?before= and reads forwards, replies, photos, views and the edited marker', async () => {
    server.requests.length = 0;
    const result = await collectTelegram(input());
    expect(result.status).toBe('ok');
    expect(result.errors).toEqual([]);
    expect(result.posts.map((p) => p.externalId)).toEqual([
      'infodinaskab/15',
      'infodinaskab/14',
      'infodinaskab/13',
      'infodinaskab/11',
      'infodinaskab/10',
    ]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/telegram/s/infodinaskab',
      '/telegram/s/infodinaskab?before=14',
      '/telegram/s/infodinaskab?before=11',
    ]);
    const byId = Object.fromEntries(result.posts.map((p) => [p.externalId.split('/')[1], p]));
    expect(byId['15']).toMatchObject({
      text: 'Selamat pagi\nsalam sehat',
      url: 'https://t.me/infodinaskab/15',
      raw: { views: 3_400_000 },
    });
    expect(byId['14']).toMatchObject({
      kind: 'comment',
      raw: { edited: true },
      context: { parentText: 'Ayo dukung nomor 2!' },
    });
    expect(byId['14']!.text).toBe('Betul, programnya bagus');
    expect(byId['13']).toMatchObject({
      kind: 'share',
      context: {
        parentAuthor: 'paslon2resmi',
        parentText: 'Ayo dukung nomor 2!',
        parentCandidate: 'pilkada-lampung#2',
      },
    });
    expect(byId['11']!.raw).toMatchObject({
      views: 1200,
      photos: ['https://cdn4.telesco.pe/file/a.jpg'],
      edited: false,
    });
    expect(result.interactions).toMatchObject([{ interaction: 'repost', target: { candidate: 'pilkada-lampung#2' } }]);
    expect(result.gaps).toEqual([{ after: '11', before: '13' }]);
    expect(result.cursors.posts).toEqual({ newestId: '15', newestAt: '2026-11-05T01:00:00+00:00' });
  });

  it('fetches only newer messages on an incremental crawl', async () => {
    const first = await collectTelegram(input());
    server.world.telegram[0]!.messages.push({ id: 16, text: 'Baru', date: '2026-11-06T01:00:00+00:00' });
    server.requests.length = 0;
    const second = await collectTelegram({ ...input(), cursors: first.cursors });
    expect(second.posts.map((p) => p.externalId)).toEqual(['infodinaskab/16']);
    expect(server.requests).toHaveLength(1);
    server.world.telegram[0]!.messages.pop();
  });

  it('reports an unknown channel (redirected to its contact page) as not_found', async () => {
    const result = await collectTelegram({ ...input(), account: { ...account, handle: 'tidakada' } });
    expect(result.status).toBe('not_found');
  });

  it('reports a preview without the known markup as markup_changed', async () => {
    server.override('/s/infodinaskab', {
      status: 200,
      body: '<!DOCTYPE html><html><body><div class="new_message_list"><article data-id="1">x</article></div></body></html>',
      type: 'text/html',
    });
    try {
      const result = await collectTelegram(input());
      expect(result.status).toBe('markup_changed');
      expect(result.errors[0]!.code).toBe('COLLECTOR_MARKUP_CHANGED');
    } finally {
      server.override('/s/infodinaskab', null);
    }
  });

  it('keeps the good messages and reports one without data-post', async () => {
    server.override('/s/infodinaskab', {
      status: 200,
      body: '<html><body><div class="tgme_channel_info"></div><div class="tgme_widget_message"><div class="tgme_widget_message_text">tanpa id</div></div><div class="tgme_widget_message" data-post="infodinaskab/5"><div class="tgme_widget_message_text js-message_text">ada</div><a class="tgme_widget_message_date"><time datetime="2026-11-01T00:00:00+00:00"></time></a></div></body></html>',
      type: 'text/html',
    });
    try {
      const result = await collectTelegram(input());
      expect(result.status).toBe('ok');
      expect(result.posts.map((p) => p.text)).toEqual(['ada']);
      expect(result.errors[0]).toMatchObject({ code: 'COLLECTOR_PAGE_MALFORMED', details: { field: 'data-post' } });
    } finally {
      server.override('/s/infodinaskab', null);
    }
  });
});
