import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '../testing/index.ts';
import { collectTelegram, parseTelegramPage } from './telegram.ts';

/**
 * The t.me/s preview's other message kinds, in the markup open tools read (RSSHub's and snscrape's Telegram
 * parsers): albums, videos and round videos, polls, documents, service messages, forwards from hidden users,
 * replies to media, unsupported media, author signatures; an empty channel; markup that moved. Our own
 * messages, written for these tests.
 */
const account = {
  id: '33333333-3333-4333-8333-333333333334',
  platform: 'telegram' as const,
  handle: 'kabardesa',
  profileUrl: 'https://t.me/kabardesa',
};

const footer = (id: number, views: string | null, edited = false) =>
  `<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">${views ? `<span class="tgme_widget_message_views">${views}</span>` : ''}<span class="copyonclick"></span><span class="tgme_widget_message_meta">${edited ? 'edited ' : ''}<a class="tgme_widget_message_date" href="https://t.me/kabardesa/${id}"><time datetime="2026-10-${String(id - 20).padStart(2, '0')}T03:00:00+00:00" class="time">03:00</time></a></span></div></div>`;
const msg = (id: number, inner: string, opts: { cls?: string; views?: string | null; edited?: boolean } = {}) =>
  `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message${opts.cls ? ` ${opts.cls}` : ''}" data-post="kabardesa/${id}" data-view="v"><div class="tgme_widget_message_bubble">${inner}${footer(id, opts.views ?? null, opts.edited)}</div></div></div>`;
const text = (t: string) => `<div class="tgme_widget_message_text js-message_text" dir="auto">${t}</div>`;
const page = (body: string, more = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kabar Desa – Telegram</title></head><body class="widget_frame_base tgme_webpreview_body"><header class="tgme_header"><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">Kabar Desa</span></div></div></header><main class="tgme_main"><section class="tgme_channel_history js-message_history">${more}${body}</section></main></body></html>`;

const messages = [
  msg(
    40,
    `<div class="tgme_widget_message_grouped_wrap js-message_grouped_wrap"><div class="tgme_widget_message_grouped js-message_grouped"><a class="tgme_widget_message_photo_wrap grouped_media_wrap blured js-message_photo" style="left:0px;top:0px;width:200px;height:150px;background-image:url('https://cdn.example/album1.jpg')" href="https://t.me/kabardesa/40?single"></a><a class="tgme_widget_message_photo_wrap grouped_media_wrap blured js-message_photo" style="left:202px;top:0px;width:200px;height:150px;background-image:url(&quot;https://cdn.example/album2.jpg&quot;)" href="https://t.me/kabardesa/41?single"></a></div></div>${text('Foto kegiatan posyandu')}`,
    { views: '12.5K' },
  ),
  msg(
    42,
    `<a class="tgme_widget_message_video_player js-message_video_player" href="https://t.me/kabardesa/42"><i class="tgme_widget_message_video_thumb" style="background-image:url('https://cdn.example/vthumb.jpg')"></i><div class="tgme_widget_message_video_wrap"><video class="tgme_widget_message_video js-message_video" src="https://cdn.example/v.mp4"></video></div><div class="message_video_play"></div></a>${text('Video sambutan kepala desa')}`,
    { views: '980', edited: true },
  ),
  msg(43, text('Channel photo updated'), { cls: 'service_message' }),
  msg(
    44,
    `<div class="tgme_widget_message_poll js-poll"><div class="tgme_widget_message_poll_question">Siapa pilihan warga?</div><div class="tgme_widget_message_poll_type">Anonymous poll</div><div class="tgme_widget_message_poll_option"><div class="tgme_widget_message_poll_option_percent">60%</div><div class="tgme_widget_message_poll_option_text">Pasangan nomor 1</div></div><div class="tgme_widget_message_poll_option"><div class="tgme_widget_message_poll_option_percent">40%</div><div class="tgme_widget_message_poll_option_text">Pasangan nomor 2</div></div></div>`,
  ),
  msg(
    45,
    `<a class="tgme_widget_message_document_wrap" href="https://t.me/kabardesa/45"><div class="tgme_widget_message_document_icon accent_bg"></div><div class="tgme_widget_message_document"><div class="tgme_widget_message_document_title accent_color" dir="auto">Jadwal_kampanye.pdf</div><div class="tgme_widget_message_document_extra" dir="auto">1.2 MB</div></div></a>${text('Jadwal lengkap terlampir, lihat juga <a href="https://t.me/kabardesa/39?single">pesan ini</a>')}`,
  ),
  msg(
    46,
    `<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from&nbsp;<span class="tgme_widget_message_forwarded_from_name">Warga Peduli</span> (<span class="tgme_widget_message_forwarded_from_author">Pak RT</span>)</div>${text('Pesan berantai dari grup')}`,
  ),
  msg(
    47,
    `<a class="tgme_widget_message_reply" href="https://t.me/kabardesa/40"><i class="tgme_widget_message_reply_thumb" style="background-image:url('https://cdn.example/album1.jpg')"></i><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name">Kabar Desa</span></div><div class="tgme_widget_message_metatext">Photo</div></a>${text('Terima kasih para kader')}<span class="tgme_widget_message_from_author" dir="auto">Admin Sari</span>`,
  ),
  msg(
    48,
    `<a class="tgme_widget_message_roundvideo_player js-message_roundvideo_player" href="https://t.me/kabardesa/48"><i class="tgme_widget_message_roundvideo_thumb" style="background-image:url('https://cdn.example/round.jpg')"></i></a>`,
  ),
  msg(
    49,
    `<div class="message_media_not_supported_wrap"><div class="message_media_not_supported"><div class="message_media_not_supported_label">Please open Telegram to view this post</div><a href="https://t.me/kabardesa/49?single" class="message_media_view_in_telegram">VIEW IN TELEGRAM</a></div></div>${text('Pengumuman hasil rapat')}`,
  ),
].join('');

let server: ApiPlatformServer;

beforeAll(async () => {
  server = await startApiPlatformServer(emptyWorld());
});
afterAll(() => server.close());

const input = () => ({ account, platformOrigins: { telegram: server.origins.telegram }, http: { backoffBaseMs: 10 } });

async function withPage<T>(html: string, run: () => Promise<T>): Promise<T> {
  server.override('/s/kabardesa', { status: 200, body: html, type: 'text/html; charset=utf-8' });
  try {
    return await run();
  } finally {
    server.override('/s/kabardesa', null);
  }
}

describe('Telegram preview collector against the preview’s other message kinds', () => {
  it('reads albums, videos, polls, documents, hidden forwards, replies to media; skips service messages', async () => {
    // The link to newer messages comes first on a ?before= page; only the one to older ones is followed.
    const more =
      '<a href="/s/kabardesa?after=49" class="tme_messages_more js-messages_more" data-after="49"></a><a href="/s/kabardesa?before=40" class="tme_messages_more js-messages_more" data-before="40"></a>';
    const result = await withPage(page(messages, more), () => collectTelegram(input()));
    expect(result.status).toBe('ok');
    expect(result.errors).toEqual([]);
    const byId = Object.fromEntries(result.posts.map((p) => [Number(p.externalId.split('/')[1]), p]));
    // The same page served again for ?before=40 adds nothing: each message is read once.
    expect(Object.keys(byId).map(Number)).toEqual([40, 42, 44, 45, 46, 47, 48, 49]);
    expect(result.posts).toHaveLength(8);
    // 41 is the album's second photo and 43 a service message: neither is a deletion.
    expect(result.gaps).toEqual([]);

    expect(byId[40]!.raw).toMatchObject({
      photos: ['https://cdn.example/album1.jpg', 'https://cdn.example/album2.jpg'],
      views: 12_500,
      media: ['photo'],
    });
    expect(byId[42]!.raw).toMatchObject({
      edited: true,
      media: ['video'],
      videoThumbs: ['https://cdn.example/vthumb.jpg'],
    });
    expect(byId[44]!.text).toBe('');
    expect(byId[44]!.mediaDescriptions).toEqual([
      'Jajak pendapat / poll: Siapa pilihan warga? / Pasangan nomor 1 / Pasangan nomor 2',
    ]);
    expect(byId[45]!.text).toBe('Jadwal lengkap terlampir, lihat juga pesan ini');
    // A `?single` link typed into the text is no album item.
    expect(byId[45]!.raw.albumIds).toBeUndefined();
    expect(byId[45]!.mediaDescriptions).toEqual(['Jadwal_kampanye.pdf — 1.2 MB']);
    expect(byId[46]!.kind).toBe('share');
    expect(byId[46]!.context).toMatchObject({ parentText: 'Pesan berantai dari grup', parentAuthor: 'Warga Peduli' });
    expect(byId[46]!.raw.forwardedFrom).toMatchObject({ url: null, author: 'Pak RT' });
    expect(byId[47]!.kind).toBe('comment');
    expect(byId[47]!.text).toBe('Terima kasih para kader');
    expect(byId[47]!.context).toMatchObject({ parentText: 'Photo', parentAuthor: 'Kabar Desa' });
    expect(byId[47]!.raw).toMatchObject({ signature: 'Admin Sari', photos: [] });
    expect(byId[48]!.raw).toMatchObject({ media: ['round_video'], videoThumbs: ['https://cdn.example/round.jpg'] });
    expect(byId[49]!.text).toBe('Pengumuman hasil rapat');
    expect(byId[49]!.raw.media).toEqual(['unsupported']);
  });

  it('an empty channel is ok with no posts; messages outside the known wrapper are markup_changed', async () => {
    const empty = await withPage(
      page('<div class="tgme_widget_message_centered"><div class="tme_no_messages_found">No posts found</div></div>'),
      () => collectTelegram(input()),
    );
    expect(empty.status).toBe('ok');
    expect(empty.posts).toEqual([]);

    const moved = await withPage(page('<article class="tg_post" data-post="kabardesa/7"><p>Isi</p></article>'), () =>
      collectTelegram(input()),
    );
    expect(moved.status).toBe('markup_changed');
    expect(moved.errors[0]!.code).toBe('COLLECTOR_MARKUP_CHANGED');

    const noList = await withPage(
      page('').replace(/<section class="tgme_channel_history[^>]*><\/section>/, '<section class="feed"></section>'),
      () => collectTelegram(input()),
    );
    expect(noList.status).toBe('markup_changed');
  });

  it('a page whose every message lacks data-post is markup_changed, not ok with 0 posts', async () => {
    const html = page(messages.replace(/ data-post="[^"]*"/g, ''));
    expect(parseTelegramPage(html).messages.every((m) => 'problem' in m)).toBe(true);
    const result = await withPage(html, () => collectTelegram(input()));
    expect(result.status).toBe('markup_changed');
  });
});

describe('Telegram albums and incremental crawls', () => {
  it('the next crawl after an album starts past its last item: no false deletion', async () => {
    const first = await withPage(page(messages), () => collectTelegram(input()));
    expect(first.cursors.posts?.newestId).toBe('49');
    const albumOnly = await withPage(
      page(
        messages.split('<div class="tgme_widget_message_wrap').slice(0, 2).join('<div class="tgme_widget_message_wrap'),
      ),
      () => collectTelegram(input()),
    );
    expect(albumOnly.cursors.posts?.newestId).toBe('41');
    const next = await withPage(page(msg(42, text('Baru'))), () =>
      collectTelegram({ ...input(), cursors: { posts: albumOnly.cursors.posts! } }),
    );
    expect(next.posts.map((p) => p.externalId)).toEqual(['kabardesa/42']);
    expect(next.gaps).toEqual([]);
  });
});
