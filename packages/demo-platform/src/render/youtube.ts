import { createHash } from 'node:crypto';
import { type DemoAccount, type DemoItem, demoAccounts } from '../content/index.ts';
import { doc, esc, relativeId, slice } from './common.ts';

export const YOUTUBE_PAGE_SIZE = 3;

const STYLE = `<style>
body{font-family:Roboto,Arial,sans-serif;background:#fff;margin:0;color:#0f0f0f}
ytd-app{display:block;max-width:1000px;margin:0 auto;padding:16px}
ytd-rich-item-renderer,ytd-backstage-post-thread-renderer{display:block;border:1px solid #e5e5e5;border-radius:12px;padding:12px;margin:12px 0}
ytd-rich-item-renderer img,ytd-backstage-post-thread-renderer img{max-width:320px;display:block;border-radius:8px}
#metadata-line,#published-time-text{color:#606060;font-size:12px}
#shared-video{display:block;background:#f2f2f2;padding:8px;border-radius:8px}
</style>`;

export function channelId(handle: string): string {
  return `UC${createHash('sha256').update(`yt:${handle}`).digest('base64url').slice(0, 22)}`;
}

function views(id: string): string {
  const n = createHash('sha256').update(id).digest()[0]! * 37 + 120;
  return n >= 1000 ? `${(n / 1000).toFixed(1).replace('.', ',')} rb x ditonton` : `${n} x ditonton`;
}

function video(it: DemoItem, now: number): string {
  const thumbs = (it.alt ?? [])
    .map((alt) => `<yt-image><img src="/static/photo.svg" alt="${esc(alt)}"></yt-image>`)
    .join('');
  return `<ytd-rich-item-renderer class="style-scope ytd-rich-grid-renderer"><div id="content"><ytd-rich-grid-media>
  <a id="thumbnail" class="yt-simple-endpoint" href="/youtube/watch?v=${it.id}">${thumbs}</a>
  <h3><a id="video-title-link" class="yt-simple-endpoint" href="/youtube/watch?v=${it.id}" title="${esc(it.title ?? '')}"><yt-formatted-string id="video-title">${esc(it.title ?? '')}</yt-formatted-string></a></h3>
  <div id="metadata-line"><span class="inline-metadata-item">${views(it.id)}</span> <span class="inline-metadata-item">${relativeId(it.postedAt, now)}</span></div>
  <yt-formatted-string id="description-text">${esc(it.text)}</yt-formatted-string>
  <meta itemprop="uploadDate" content="${it.postedAt}">
</ytd-rich-grid-media></div></ytd-rich-item-renderer>`;
}

function communityPost(account: DemoAccount, it: DemoItem, now: number): string {
  const imgs = (it.alt ?? []).map((alt) => `<img src="/static/photo.svg" alt="${esc(alt)}">`).join('');
  const parent = it.parent;
  const shared = parent
    ? `<ytd-video-renderer id="shared-video"><a id="video-title" href="/youtube/watch?v=${esc(channelId(parent.handle).slice(2, 13))}">${esc(parent.text.split('.')[0] ?? '')}</a><ytd-channel-name><a href="/youtube/@${esc(parent.handle)}">${esc(parent.name)}</a>${parent.candidate ? '<ytd-badge-supported-renderer aria-label="Terverifikasi">✔</ytd-badge-supported-renderer>' : ''}</ytd-channel-name><yt-formatted-string id="description-text">${esc(parent.text)}</yt-formatted-string></ytd-video-renderer>`
    : '';
  return `<ytd-backstage-post-thread-renderer class="style-scope"><ytd-backstage-post-renderer id="post">
  <div id="author-text"><a href="/youtube/@${account.handle}">${esc(account.displayName)}</a></div>
  <yt-formatted-string id="published-time-text"><a href="/youtube/post/${it.id}">${relativeId(it.postedAt, now)}</a></yt-formatted-string>
  <meta itemprop="datePublished" content="${it.postedAt}">
  <yt-formatted-string id="content-text">${esc(it.text)}</yt-formatted-string>
  ${imgs}${shared}
</ytd-backstage-post-renderer></ytd-backstage-post-thread-renderer>`;
}

export function renderYouTubeProfile(account: DemoAccount, continuation: string | null, now: number): string {
  const page = slice(account, continuation, YOUTUBE_PAGE_SIZE);
  const items = page.items.map((it) => (it.kind === 'caption' ? video(it, now) : communityPost(account, it, now)));
  const next =
    page.next === null
      ? ''
      : `<ytd-continuation-item-renderer><a id="continuation" href="/youtube/@${account.handle}?continuation=${page.next}">Tampilkan lainnya</a></ytd-continuation-item-renderer>`;
  return doc({
    title: `${account.displayName} - YouTube`,
    head: STYLE,
    body: `<ytd-app><ytd-c4-tabbed-header-renderer><yt-dynamic-text-view-model><h1>${esc(account.displayName)}</h1></yt-dynamic-text-view-model><span id="channel-handle">@${esc(account.handle)}</span><meta itemprop="identifier" content="${channelId(account.handle)}"><div id="description">${esc(account.bio)}</div></ytd-c4-tabbed-header-renderer>
<ytd-rich-grid-renderer><div id="contents">
${items.join('\n')}
</div>${next}</ytd-rich-grid-renderer></ytd-app>`,
  });
}

export function renderYouTubeNotFound(): string {
  return doc({
    title: '404 Tidak Ditemukan - YouTube',
    head: STYLE,
    body: `<ytd-app><div id="error-page"><yt-formatted-string id="reason">Halaman ini tidak tersedia. Mohon maaf. Coba telusuri yang lain.</yt-formatted-string></div></ytd-app>`,
  });
}

/** A small imitation of the YouTube Data API v3 (`channels` by handle, `playlistItems` of the uploads list). */
export function youtubeApi(
  resource: 'channels' | 'playlistItems',
  params: URLSearchParams,
): { status: number; body: unknown } {
  if (!params.get('key')) {
    return {
      status: 403,
      body: { error: { code: 403, message: 'The request is missing a valid API key.', status: 'PERMISSION_DENIED' } },
    };
  }
  const channels = demoAccounts.filter((a) => a.platform === 'youtube' && a.state === 'public');
  if (resource === 'channels') {
    const handle = (params.get('forHandle') ?? '').replace(/^@/, '').toLowerCase();
    const found = channels.find((a) => a.handle.toLowerCase() === handle);
    return {
      status: 200,
      body: {
        kind: 'youtube#channelListResponse',
        pageInfo: { totalResults: found ? 1 : 0, resultsPerPage: 5 },
        items: found
          ? [
              {
                kind: 'youtube#channel',
                id: channelId(found.handle),
                snippet: {
                  title: found.displayName,
                  description: found.bio,
                  customUrl: `@${found.handle.toLowerCase()}`,
                },
                contentDetails: { relatedPlaylists: { uploads: `UU${channelId(found.handle).slice(2)}` } },
              },
            ]
          : [],
      },
    };
  }
  const playlistId = params.get('playlistId') ?? '';
  const owner = channels.find((a) => `UU${channelId(a.handle).slice(2)}` === playlistId);
  if (!owner) {
    return {
      status: 404,
      body: {
        error: {
          code: 404,
          message: "The playlist identified with the request's playlistId parameter cannot be found.",
        },
      },
    };
  }
  const videos = owner.items.filter((it) => it.kind === 'caption');
  const size = Math.min(50, Math.max(1, Number.parseInt(params.get('maxResults') ?? '5', 10) || 5));
  const offset = Number.parseInt(params.get('pageToken')?.replace(/^CA/, '') ?? '0', 10) || 0;
  const page = videos.slice(offset, offset + size);
  const next = offset + size < videos.length ? `CA${offset + size}` : undefined;
  return {
    status: 200,
    body: {
      kind: 'youtube#playlistItemListResponse',
      ...(next ? { nextPageToken: next } : {}),
      pageInfo: { totalResults: videos.length, resultsPerPage: size },
      items: page.map((it) => ({
        kind: 'youtube#playlistItem',
        id: `PLI${it.id}`,
        snippet: {
          publishedAt: new Date(it.epoch * 1000).toISOString(),
          channelId: channelId(owner.handle),
          title: it.title ?? '',
          description: it.text,
          channelTitle: owner.displayName,
          videoOwnerChannelTitle: owner.displayName,
          playlistId,
          resourceId: { kind: 'youtube#video', videoId: it.id },
          thumbnails: { default: { url: '/static/photo.svg', width: 120, height: 90 } },
        },
        contentDetails: { videoId: it.id, videoPublishedAt: new Date(it.epoch * 1000).toISOString() },
      })),
    },
  };
}

/** The channel's Atom feed (`/feeds/videos.xml?channel_id=`) as YouTube serves it: the latest 15 uploads. */
export function youtubeFeed(channel: string | null): { status: number; body: string; type: string } {
  const owner = demoAccounts.find(
    (a) => a.platform === 'youtube' && a.state === 'public' && channelId(a.handle) === channel,
  );
  if (!owner) return { status: 404, body: '<!DOCTYPE html><title>Error 404 (Not Found)</title>', type: 'text/html' };
  const id = channelId(owner.handle);
  const entries = owner.items
    .filter((it) => it.kind === 'caption')
    .slice(0, 15)
    .map((it) => {
      const at = new Date(it.epoch * 1000).toISOString().replace('.000Z', '+00:00');
      return ` <entry>
  <id>yt:video:${it.id}</id>
  <yt:videoId>${it.id}</yt:videoId>
  <yt:channelId>${id}</yt:channelId>
  <title>${esc(it.title ?? '')}</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=${it.id}"/>
  <author><name>${esc(owner.displayName)}</name><uri>https://www.youtube.com/channel/${id}</uri></author>
  <published>${at}</published>
  <updated>${at}</updated>
  <media:group>
   <media:title>${esc(it.title ?? '')}</media:title>
   <media:thumbnail url="/static/photo.svg" width="480" height="360"/>
   <media:description>${esc(it.text)}</media:description>
   <media:community><media:statistics views="${views(it.id).replace(/\D/g, '') || '0'}"/></media:community>
  </media:group>
 </entry>`;
    });
  return {
    status: 200,
    type: 'text/xml; charset=UTF-8',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <id>yt:channel:${id}</id>
 <yt:channelId>${id}</yt:channelId>
 <title>${esc(owner.displayName)}</title>
 <link rel="alternate" href="https://www.youtube.com/channel/${id}"/>
${entries.join('\n')}
</feed>`,
  };
}
