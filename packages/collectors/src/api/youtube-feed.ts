import { XMLParser } from 'fast-xml-parser';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import { ApiCrawlContext, isArray, isRecord, isString, jsonBody, need } from './api-context.ts';
import type { ApiCollectInput, ApiCollectResult, ApiCursors, StreamCursor } from './api-types.ts';
import { ShapeError } from './api-types.ts';
import type { HttpExchange } from './http-client.ts';
import { youtubeApiError } from './youtube-api-errors.ts';

export const YOUTUBE_ORIGIN = 'https://www.youtube.com';
export const YOUTUBE_DATA_API = 'https://www.googleapis.com/youtube/v3';
export const YOUTUBE_FEED_COLLECTOR = { name: 'youtube-feed', version: '1.1.0' };

type Json = Record<string, unknown>;

const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => name === 'entry' || name === 'link',
});

function textOf(node: unknown): string {
  if (isString(node)) return node;
  if (isRecord(node) && isString(node['#text'])) return node['#text'];
  return '';
}

export interface FeedVideo {
  videoId: string;
  title: string;
  description: string;
  published: string | null;
  updated: string | null;
  url: string;
  views: number | null;
  thumbnail: string | null;
  /** The feed links a Short as `/shorts/<id>` instead of `/watch?v=<id>`. */
  short?: boolean;
}

/** A watch or Shorts URL on youtube.com, as the feed's alternate link gives it. */
const VIDEO_URL = /^https?:\/\/(?:www\.|m\.)?youtube\.com\/(?:watch\?v=|shorts\/)[A-Za-z0-9_-]{6,}/;

function alternateHref(links: unknown): string | null {
  for (const link of isArray(links) ? links : []) {
    if (!isRecord(link) || !isString(link['@_href'])) continue;
    if ((link['@_rel'] ?? 'alternate') === 'alternate') return link['@_href'];
  }
  return null;
}

/** Entries of a channel's Atom feed (`/feeds/videos.xml`); a document that is not such a feed is a ShapeError. */
export function parseChannelFeed(body: string): {
  channelId: string | null;
  title: string;
  videos: (FeedVideo | { problem: string })[];
} {
  let doc: Json;
  try {
    doc = xml.parse(body) as Json;
  } catch (error) {
    throw new ShapeError('(xml)', `feed: XML rusak / malformed XML: ${(error as Error).message}`);
  }
  const feed = doc.feed;
  if (!isRecord(feed)) throw new ShapeError('feed', 'feed: elemen <feed> Atom tidak ada / no Atom <feed> element');
  const entries = isArray(feed.entry) ? feed.entry : [];
  // An empty channel's feed still names itself; a feed with neither entries nor a channel id is not a feed.
  if (entries.length === 0 && !isString(feed['yt:channelId']) && !isString(feed.id)) {
    throw new ShapeError('feed.id', 'feed: tanpa <id> maupun <entry> / neither <id> nor <entry>');
  }
  const videos = entries.map((entry, i) => {
    if (!isRecord(entry)) return { problem: `entry[${i}]` };
    const videoId = textOf(entry['yt:videoId']) || textOf(entry.id).replace(/^yt:video:/, '');
    if (!videoId) return { problem: `entry[${i}].yt:videoId` };
    const group = isRecord(entry['media:group']) ? entry['media:group'] : {};
    const community = isRecord(group['media:community']) ? group['media:community'] : {};
    const stats = isRecord(community['media:statistics']) ? community['media:statistics'] : {};
    const thumb = isRecord(group['media:thumbnail']) ? group['media:thumbnail'] : {};
    const href = alternateHref(entry.link);
    const linked = href && VIDEO_URL.test(href) && href.includes(videoId) ? href : null;
    const views = isString(stats['@_views']) ? Number(stats['@_views']) : Number.NaN;
    return {
      videoId,
      title: textOf(entry.title) || textOf(group['media:title']),
      description: textOf(group['media:description']),
      published: textOf(entry.published) || null,
      updated: textOf(entry.updated) || null,
      url: linked ?? `${YOUTUBE_ORIGIN}/watch?v=${encodeURIComponent(videoId)}`,
      views: Number.isFinite(views) ? views : null,
      thumbnail: isString(thumb['@_url']) ? thumb['@_url'] : null,
      ...(linked?.includes('/shorts/') ? { short: true } : {}),
    };
  });
  return {
    channelId: textOf(feed['yt:channelId']) || null,
    title: textOf(feed.title),
    videos,
  };
}

/** The channel id on a channel page: canonical link, `itemprop=identifier` or the embedded `"channelId"`. */
export function channelIdFromPage(html: string): string | null {
  const patterns = [
    /<link\s+rel="canonical"\s+href="https?:\/\/www\.youtube\.com\/channel\/(UC[A-Za-z0-9_-]{22})"/,
    /<meta\s+itemprop="(?:identifier|channelId)"\s+content="(UC[A-Za-z0-9_-]{22})"/,
    /"externalId"\s*:\s*"(UC[A-Za-z0-9_-]{22})"/,
    /"channelId"\s*:\s*"(UC[A-Za-z0-9_-]{22})"/,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(html);
    if (m) return m[1]!;
  }
  return null;
}

/** consent.youtube.com / consent.google.com, by the final URL or by the consent form on the page. */
function isConsentPage(exchange: HttpExchange): boolean {
  let host = '';
  try {
    host = new URL(exchange.finalUrl).hostname;
  } catch {
    // a relative or broken final URL says nothing
  }
  return (
    host.startsWith('consent.') || /<form[^>]+action="https:\/\/consent\.(youtube|google)\.com/i.test(exchange.body)
  );
}

class YouTubeCrawl {
  readonly ctx: ApiCrawlContext;
  readonly origin: string;
  readonly apiBase: string;
  readonly apiKey: string | undefined;
  readonly seen = new Set<string>();
  newest: StreamCursor | undefined;

  constructor(ctx: ApiCrawlContext) {
    this.ctx = ctx;
    this.origin = ctx.origin(YOUTUBE_ORIGIN);
    // The demo platform serves its Data API imitation under the YouTube origin, at /api/v3.
    this.apiBase = ctx.overridden ? `${this.origin}/api/v3` : YOUTUBE_DATA_API;
    this.apiKey = ctx.input.youtubeApiKey;
  }

  api(resource: string, params: Record<string, string>): string {
    return `${this.apiBase}/${resource}?${new URLSearchParams({ ...params, key: this.apiKey ?? '' })}`;
  }

  /** Whether the channel was seen to exist (page or Data API), so a missing feed is not a missing channel. */
  confirmed = false;

  /** A Data API answer other than 200: a typed error when the body is a documented error, else a shape error. */
  apiFailure(exchange: HttpExchange, what: string): Error {
    return youtubeApiError(exchange, what) ?? new ShapeError('(status)', `${what}: HTTP ${exchange.status}`);
  }

  /** The channel id for a handle: given directly, via the Data API (with a key), or read off the channel page. */
  async channelId(handle: string): Promise<string | null> {
    const bare = handle.replace(/^@/, '');
    if (CHANNEL_ID.test(bare)) return bare;
    this.confirmed = true;
    if (this.apiKey) {
      const exchange = await this.ctx.get(this.api('channels', { part: 'id', forHandle: `@${bare}` }));
      if (exchange.status === 404) return null;
      if (exchange.status !== 200) throw this.apiFailure(exchange, 'channels');
      const body = need(jsonBody(exchange, 'channels'), '(body)', isRecord, 'object');
      const items = isArray(body.items) ? body.items : [];
      const first = items[0];
      return isRecord(first) && isString(first.id) ? first.id : null;
    }
    const exchange = await this.ctx.get(`${this.origin}/@${encodeURIComponent(bare)}`, 'text/html');
    if (exchange.status === 404 || exchange.status === 410) return null;
    if (exchange.status !== 200) throw new ShapeError('(status)', `channel page: HTTP ${exchange.status}`);
    const id = channelIdFromPage(exchange.body);
    // Visitors from some regions get the cookie-consent interstitial instead of the page: no channel id there,
    // and not a changed page either. The operator passes a UC… id (or a key) for such a channel.
    if (!id && isConsentPage(exchange)) {
      throw collectorError(
        COLLECTOR_ERROR.loginWall,
        `${this.ctx.who}: YouTube menampilkan persetujuan cookie / shows a consent interstitial (${exchange.finalUrl})`,
        { account: this.ctx.who, url: exchange.finalUrl },
      );
    }
    if (!id) throw new ShapeError('channelId', 'halaman kanal tanpa id kanal / channel page names no channel id');
    return id;
  }

  reached(cursor: StreamCursor | undefined, published: string | null): boolean {
    if (!published) return false;
    if (cursor?.newestAt && Date.parse(published) <= Date.parse(cursor.newestAt)) return true;
    return Boolean(this.ctx.input.since && Date.parse(published) < this.ctx.input.since.getTime());
  }

  async add(video: FeedVideo, exchange: HttpExchange, kind: 'json' | 'html', source: string): Promise<void> {
    if (this.seen.has(video.videoId)) return;
    this.seen.add(video.videoId);
    await this.ctx.addPost(
      {
        externalId: video.videoId,
        url: video.url,
        kind: 'caption',
        authorHandle: this.ctx.input.account.handle,
        text: [video.title, video.description].filter(Boolean).join('\n'),
        postedAt: video.published,
        mediaDescriptions: [],
        raw: {
          source,
          title: video.title,
          updated: video.updated,
          views: video.views,
          thumbnail: video.thumbnail,
          ...(video.short ? { short: true } : {}),
        },
      },
      exchange,
      kind,
    );
    if (video.published && (!this.newest?.newestAt || Date.parse(video.published) > Date.parse(this.newest.newestAt))) {
      this.newest = { newestId: video.videoId, newestAt: video.published };
    }
  }

  /** The latest 15 uploads. Returns whether the feed already reached what was seen before. */
  async feed(channelId: string, cursor: StreamCursor | undefined): Promise<boolean | null> {
    const exchange = await this.ctx.get(
      `${this.origin}/feeds/videos.xml?channel_id=${encodeURIComponent(channelId)}`,
      'application/atom+xml, application/xml;q=0.9',
    );
    if (exchange.status === 404 || exchange.status === 410) return null;
    if (exchange.status !== 200) throw new ShapeError('(status)', `feed: HTTP ${exchange.status}`);
    const feed = parseChannelFeed(exchange.body);
    if (feed.videos.length > 0 && feed.videos.every((v) => 'problem' in v)) {
      throw new ShapeError('entry.yt:videoId', 'feed: tidak ada entri yang dikenali / no entry recognised');
    }
    let reached = false;
    for (const [i, video] of feed.videos.entries()) {
      if (this.ctx.full) break;
      if ('problem' in video) {
        this.ctx.itemProblem(video.problem, `feed entry #${i}: ${video.problem} hilang / missing`, { position: i });
        continue;
      }
      if (this.reached(cursor, video.published)) {
        reached = true;
        continue;
      }
      await this.add(video, exchange, 'html', 'youtube-feed');
    }
    return reached || feed.videos.length < 15;
  }

  /** Older uploads through the Data API's uploads playlist (UC… → UU…), page by page. */
  async uploads(channelId: string, cursor: StreamCursor | undefined): Promise<void> {
    const playlistId = `UU${channelId.slice(2)}`;
    let pageToken: string | undefined;
    for (let page = 0; page < this.ctx.maxPages && !this.ctx.full; page++) {
      const exchange = await this.ctx.get(
        this.api('playlistItems', {
          part: 'snippet,contentDetails,status',
          playlistId,
          maxResults: '50',
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      if (exchange.status === 404) return;
      if (exchange.status !== 200) throw this.apiFailure(exchange, 'playlistItems');
      const body = need(jsonBody(exchange, 'playlistItems'), '(body)', isRecord, 'object');
      const items = need(body.items, 'items', isArray, 'array');
      if (items.length === 0) return;
      let reached = false;
      for (const [i, entry] of items.entries()) {
        if (this.ctx.full) break;
        const item = isRecord(entry) ? entry : {};
        const snippet = isRecord(item.snippet) ? item.snippet : {};
        const details = isRecord(item.contentDetails) ? item.contentDetails : {};
        const resource = isRecord(snippet.resourceId) ? snippet.resourceId : {};
        const videoId = isString(details.videoId)
          ? details.videoId
          : isString(resource.videoId)
            ? resource.videoId
            : null;
        if (!videoId) {
          this.ctx.itemProblem(`items[${i}].contentDetails.videoId`, `playlist item #${i}: videoId hilang / missing`);
          continue;
        }
        // A private or deleted upload stays listed ("Private video", no videoPublishedAt): nothing to read.
        const privacy = isRecord(item.status) && isString(item.status.privacyStatus) ? item.status.privacyStatus : null;
        if (privacy === 'private' || privacy === 'privacyStatusUnspecified') continue;
        if (!isString(details.videoPublishedAt) && /^(Private|Deleted) video$/.test(String(snippet.title ?? ''))) {
          continue;
        }
        const published = isString(details.videoPublishedAt)
          ? details.videoPublishedAt
          : isString(snippet.publishedAt)
            ? snippet.publishedAt
            : null;
        if (this.reached(cursor, published)) {
          reached = true;
          break;
        }
        await this.add(
          {
            videoId,
            title: isString(snippet.title) ? snippet.title : '',
            description: isString(snippet.description) ? snippet.description : '',
            published,
            updated: null,
            url: `${YOUTUBE_ORIGIN}/watch?v=${encodeURIComponent(videoId)}`,
            views: null,
            thumbnail: null,
          },
          exchange,
          'json',
          'youtube-data-api',
        );
      }
      pageToken = isString(body.nextPageToken) && body.nextPageToken ? body.nextPageToken : undefined;
      if (reached || !pageToken) return;
    }
  }
}

/**
 * Collects a YouTube channel's uploads: the channel's Atom feed (no key; the latest 15), then, with a Data
 * API key, older uploads from the uploads playlist. Community posts and comments are not in either.
 */
export async function collectYouTube(input: ApiCollectInput): Promise<ApiCollectResult> {
  const ctx = new ApiCrawlContext(input, YOUTUBE_FEED_COLLECTOR);
  const crawl = new YouTubeCrawl(ctx);
  const cursors: ApiCursors = {};
  try {
    const channelId = await crawl.channelId(input.account.handle);
    if (!channelId) return ctx.notFound('kanal tidak ditemukan / channel not found');
    const complete = await crawl.feed(channelId, input.cursors?.posts);
    if (complete === null) {
      // The feed of a channel that was just seen to exist can answer 404 for a while: a retry, not a deletion.
      if (crawl.confirmed) {
        throw collectorError(
          COLLECTOR_ERROR.apiFailed,
          `${ctx.who}: feed kanal ${channelId} tidak tersedia / channel feed unavailable (HTTP 404)`,
          { account: ctx.who, channelId },
          true,
        );
      }
      return ctx.notFound('kanal tidak ditemukan / channel not found');
    }
    if (!complete && crawl.apiKey && !ctx.full) await crawl.uploads(channelId, input.cursors?.posts);
    const newest = crawl.newest ?? input.cursors?.posts;
    if (newest) cursors.posts = newest;
  } catch (error) {
    return ctx.failed(error);
  }
  return ctx.result('ok', { cursors });
}
