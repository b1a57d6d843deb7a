import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test support (not product code): a loopback server answering like Bluesky's AppView/PDS, a Mastodon
 * instance, YouTube's channel feed and Data API, and Telegram's channel preview — in their documented
 * response shapes (atproto lexicons, docs.joinmastodon.org, the YouTube Atom feed, t.me/s markup). Tests
 * fill `world` with accounts and items, and can inject rate limits and changed shapes per path.
 */

type Json = Record<string, unknown>;

export interface BlueskyActorFixture {
  did: string;
  handle: string;
  displayName?: string;
  /** `app.bsky.feed.defs#feedViewPost` items, newest first. */
  feed: Json[];
  /** `com.atproto.repo.listRecords` records of `app.bsky.feed.like`, newest first. */
  likes: Json[];
  /** `app.bsky.actor.defs#profileView` of followed accounts, newest follow first. */
  follows: Json[];
}

export interface MastodonAccountFixture {
  id: string;
  /** Local username (the part before `@instance`). */
  username: string;
  instance: string;
  /** Status entities, newest first. */
  statuses: Json[];
  /** Status edit history by status id (oldest first, as the API returns it). */
  history: Record<string, Json[]>;
  /** Account entities this account follows. */
  following: Json[];
}

export interface YouTubeChannelFixture {
  channelId: string;
  handle: string;
  title: string;
  /** Videos, newest first. */
  videos: { videoId: string; title: string; description: string; published: string; views?: number }[];
}

export interface TelegramMessageFixture {
  id: number;
  text: string;
  date: string;
  edited?: boolean;
  views?: string;
  photo?: string;
  forwardedFrom?: { name: string; url: string };
  replyTo?: { id: number; author: string; text: string };
}

export interface TelegramChannelFixture {
  name: string;
  title: string;
  /** Messages, any order; pages show them by id. */
  messages: TelegramMessageFixture[];
}

export interface ApiWorld {
  bluesky: BlueskyActorFixture[];
  /** Posts any `getPosts` may hydrate (targets of likes), by at:// URI. */
  blueskyPosts: Record<string, Json>;
  /**
   * `replies` of a post's `getPostThread` answer, by the post's at:// URI: `#threadViewPost` nodes (with their
   * own `replies`), `#notFoundPost` or `#blockedPost` (builders `bskyThreadNode`, `bskyNotFoundNode`, …).
   */
  blueskyThreads?: Record<string, Json[]>;
  mastodon: MastodonAccountFixture[];
  /** Statuses fetchable by id (reply parents). */
  mastodonStatuses: Record<string, Json>;
  /** `descendants` of `GET /api/v1/statuses/:id/context`, by status id (ancestors are always empty here). */
  mastodonContexts?: Record<string, Json[]>;
  youtube: YouTubeChannelFixture[];
  /**
   * Files under `/media/<name>` (post images for the collectors' image download): bytes with their content
   * type, or a redirect to another URL.
   */
  media?: Record<string, { type: string; body: Buffer } | { redirect: string }>;
  /** `commentThread` resources per video id (builder `youtubeCommentThread`), or `disabled` (403 commentsDisabled). */
  youtubeComments?: Record<string, Json[] | 'disabled'>;
  telegram: TelegramChannelFixture[];
}

export interface ApiPlatformServerOptions {
  /** Items per page (default 2, so a handful of items already needs paging). */
  pageSize?: number;
  /** Bluesky: keep returning a cursor on the last page (the next page is then an empty feed). */
  trailingCursor?: boolean;
  /** Telegram preview messages per page (default 3). */
  telegramPageSize?: number;
  /** Delay before every answer, like a real platform's round trip (benchmarks; default 0). */
  latencyMs?: number;
  /** Keep `requests` (default true); a long benchmark turns it off so memory stays flat. */
  recordRequests?: boolean;
  /**
   * Accounts made on demand instead of listed in `world` (benchmarks with 100,000 accounts): asked first,
   * by the id or handle in the request; `world` is searched when it answers undefined.
   */
  lazy?: LazyWorld;
}

export interface LazyWorld {
  bluesky?(didOrHandle: string): BlueskyActorFixture | undefined;
  /** By local username (lookup) or by account id (statuses, following). */
  mastodon?(usernameOrId: string): MastodonAccountFixture | undefined;
  telegram?(name: string): TelegramChannelFixture | undefined;
}

export interface RecordedRequest {
  path: string;
  url: string;
  at: number;
  userAgent: string | undefined;
}

export interface ApiPlatformServer {
  url: string;
  origins: { bluesky: string; mastodon: string; youtube: string; telegram: string };
  world: ApiWorld;
  requests: RecordedRequest[];
  /** Answer the next `times` requests whose path ends with `pathSuffix` with 429 and these headers. */
  rateLimit(pathSuffix: string, times: number, headers: Record<string, string>): void;
  /** Add headers (e.g. an exhausted X-RateLimit budget) to the next `times` answers for the path. */
  addHeaders(pathSuffix: string, times: number, headers: Record<string, string>): void;
  /** Replace the answer for a path (changed shapes): status, body, content type. */
  override(pathSuffix: string, reply: { status: number; body: string; type?: string } | null): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify(body),
  type: 'application/json; charset=utf-8',
  headers,
});

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pageOf<T>(items: T[], cursor: string | null, size: number): { page: T[]; next: string | null } {
  const start = cursor ? Number(cursor) : 0;
  const page = items.slice(start, start + size);
  return { page, next: start + size < items.length ? String(start + size) : null };
}

function bluesky(world: ApiWorld, path: string, q: URLSearchParams, o: Required<ApiPlatformServerOptions>): Reply {
  const method = path.replace(/^\/xrpc\//, '');
  const actorOf = (id: string | null) =>
    (id ? o.lazy.bluesky?.(id) : undefined) ??
    world.bluesky.find((a) => a.did === id || a.handle.toLowerCase() === (id ?? '').toLowerCase());
  const notFound = json(400, { error: 'InvalidRequest', message: 'Profile not found' });
  switch (method) {
    case 'app.bsky.actor.getProfile': {
      const a = actorOf(q.get('actor'));
      if (!a) return notFound;
      return json(200, {
        did: a.did,
        handle: a.handle,
        displayName: a.displayName ?? a.handle,
        followersCount: 10,
        followsCount: a.follows.length,
        postsCount: a.feed.length,
        indexedAt: '2024-01-01T00:00:00.000Z',
      });
    }
    case 'app.bsky.feed.getAuthorFeed': {
      const a = actorOf(q.get('actor'));
      if (!a) return notFound;
      const size = Math.min(Number(q.get('limit') ?? 50), o.pageSize);
      const cursor = q.get('cursor');
      if (cursor === 'end') return json(200, { feed: [], cursor: 'end' });
      // posts_no_replies: the author's own posts and reposts, without its replies (the lexicon's filter values).
      const items =
        q.get('filter') === 'posts_no_replies'
          ? a.feed.filter(
              (item) => item.reason || !((item.post as Json | undefined)?.record as Json | undefined)?.reply,
            )
          : a.feed;
      const { page, next } = pageOf(items, cursor, size);
      return json(200, { feed: page, ...(next ? { cursor: next } : o.trailingCursor ? { cursor: 'end' } : {}) });
    }
    case 'com.atproto.repo.listRecords': {
      const a = actorOf(q.get('repo'));
      if (!a) return json(400, { error: 'InvalidRequest', message: `Could not find repo: ${q.get('repo')}` });
      if (q.get('collection') !== 'app.bsky.feed.like') return json(200, { records: [] });
      const { page, next } = pageOf(a.likes, q.get('cursor'), o.pageSize);
      return json(200, { records: page, ...(next ? { cursor: next } : {}) });
    }
    case 'app.bsky.feed.getPosts': {
      // Any post the world knows: hydration targets, and the posts in actors' feeds (a deleted post is absent).
      const inFeeds = (uri: string) =>
        world.bluesky.flatMap((a) => a.feed).find((item) => (item.post as Json | undefined)?.uri === uri)?.post as
          | Json
          | undefined;
      const posts = q.getAll('uris').flatMap((uri) => {
        const found = world.blueskyPosts[uri] ?? inFeeds(uri);
        return found ? [found] : [];
      });
      return json(200, { posts });
    }
    case 'app.bsky.feed.getPostThread': {
      // app.bsky.feed.getPostThread: {thread: #threadViewPost | #notFoundPost | #blockedPost}, replies `depth` deep.
      const uri = q.get('uri') ?? '';
      const post =
        world.blueskyPosts[uri] ??
        (world.bluesky.flatMap((a) => a.feed).find((item) => (item.post as Json | undefined)?.uri === uri)?.post as
          | Json
          | undefined);
      if (!post) return json(400, { error: 'NotFound', message: `Post not found: ${uri}` });
      const depth = Math.min(Number(q.get('depth') ?? 6), 1000);
      const cut = (nodes: Json[], level: number): Json[] | undefined =>
        level >= depth
          ? undefined
          : nodes.map((n) =>
              isThreadView(n) ? { ...n, replies: cut((n.replies as Json[] | undefined) ?? [], level + 1) ?? [] } : n,
            );
      return json(200, {
        thread: {
          $type: 'app.bsky.feed.defs#threadViewPost',
          post,
          replies: cut(world.blueskyThreads?.[uri] ?? [], 0) ?? [],
        },
      });
    }
    case 'app.bsky.graph.getFollows': {
      const a = actorOf(q.get('actor'));
      if (!a) return notFound;
      const { page, next } = pageOf(a.follows, q.get('cursor'), o.pageSize);
      return json(200, {
        subject: { did: a.did, handle: a.handle },
        follows: page,
        ...(next ? { cursor: next } : {}),
      });
    }
    default:
      return json(501, { error: 'MethodNotImplemented', message: `${method} not implemented` });
  }
}

function isThreadView(node: Json): boolean {
  return String(node.$type ?? '').endsWith('#threadViewPost');
}

function mastodon(world: ApiWorld, path: string, q: URLSearchParams, o: Required<ApiPlatformServerOptions>): Reply {
  const notFound = json(404, { error: 'Record not found' });
  if (path === '/api/v1/accounts/lookup') {
    const acct = q.get('acct') ?? '';
    const a = o.lazy.mastodon?.(acct) ?? world.mastodon.find((m) => m.username.toLowerCase() === acct.toLowerCase());
    if (!a) return notFound;
    return json(200, {
      id: a.id,
      username: a.username,
      acct: a.username,
      display_name: a.username,
      locked: false,
      url: `https://${a.instance}/@${a.username}`,
      note: '',
      statuses_count: a.statuses.length,
    });
  }
  let m = /^\/api\/v1\/accounts\/([^/]+)\/(statuses|following)$/.exec(path);
  if (m) {
    const a = o.lazy.mastodon?.(m[1]!) ?? world.mastodon.find((x) => x.id === m![1]);
    if (!a) return notFound;
    let items = m[2] === 'statuses' ? a.statuses : a.following;
    if (m[2] === 'statuses' && q.get('exclude_replies') === 'true') items = items.filter((s) => !s.in_reply_to_id);
    if (m[2] === 'statuses' && q.get('exclude_reblogs') === 'true') items = items.filter((s) => !s.reblog);
    const maxId = q.get('max_id');
    const start = maxId ? items.findIndex((s) => String(s.id) === maxId) + 1 : 0;
    const size = Math.min(Number(q.get('limit') ?? 20), o.pageSize);
    const page = items.slice(start, start + size);
    const headers: Record<string, string> = {};
    const base = `https://${a.instance}/api/v1/accounts/${a.id}/${m[2]}`;
    // Only the Link header says where the next page is (docs.joinmastodon.org: "Paginating with the Link header").
    const links: string[] = [];
    if (start + size < items.length && page.length > 0) {
      links.push(`<${base}?limit=${size}&max_id=${String(page.at(-1)!.id)}>; rel="next"`);
    }
    if (page.length > 0) links.push(`<${base}?limit=${size}&min_id=${String(page[0]!.id)}>; rel="prev"`);
    if (links.length > 0) headers.link = links.join(', ');
    return json(200, page, headers);
  }
  m = /^\/api\/v1\/statuses\/([^/]+)\/context$/.exec(path);
  if (m) {
    const id = m[1]!;
    const known = world.mastodonStatuses[id] ?? world.mastodon.flatMap((a) => a.statuses).find((s) => s.id === id);
    if (!known) return notFound;
    // docs.joinmastodon.org Context entity: ancestors and descendants, both lists of Status.
    return json(200, { ancestors: [], descendants: world.mastodonContexts?.[id] ?? [] });
  }
  m = /^\/api\/v1\/statuses\/([^/]+)(\/history)?$/.exec(path);
  if (m) {
    if (m[2]) {
      for (const a of world.mastodon) if (a.history[m[1]!]) return json(200, a.history[m[1]!]);
      return notFound;
    }
    const status =
      world.mastodonStatuses[m[1]!] ?? world.mastodon.flatMap((a) => a.statuses).find((s) => s.id === m![1]);
    return status ? json(200, status) : notFound;
  }
  return notFound;
}

function youtube(world: ApiWorld, path: string, q: URLSearchParams, o: Required<ApiPlatformServerOptions>): Reply {
  const m = /^\/@([^/]+)\/?$/.exec(path);
  if (m) {
    const c = world.youtube.find((x) => x.handle.toLowerCase() === decodeURIComponent(m![1]!).toLowerCase());
    if (!c) return { status: 404, body: '<!DOCTYPE html><title>404 Not Found</title>', type: 'text/html' };
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><html><head><title>${escapeXml(c.title)} - YouTube</title><link rel="canonical" href="https://www.youtube.com/channel/${c.channelId}"><meta itemprop="identifier" content="${c.channelId}"></head><body></body></html>`,
    };
  }
  if (path === '/feeds/videos.xml') {
    const c = world.youtube.find((x) => x.channelId === q.get('channel_id'));
    if (!c) return { status: 404, body: '<!DOCTYPE html><title>Error 404 (Not Found)</title>', type: 'text/html' };
    const entries = c.videos
      .slice(0, 15)
      .map(
        (v) => `
 <entry>
  <id>yt:video:${v.videoId}</id>
  <yt:videoId>${v.videoId}</yt:videoId>
  <yt:channelId>${c.channelId}</yt:channelId>
  <title>${escapeXml(v.title)}</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=${v.videoId}"/>
  <author>
   <name>${escapeXml(c.title)}</name>
   <uri>https://www.youtube.com/channel/${c.channelId}</uri>
  </author>
  <published>${v.published}</published>
  <updated>${v.published}</updated>
  <media:group>
   <media:title>${escapeXml(v.title)}</media:title>
   <media:content url="https://www.youtube.com/v/${v.videoId}?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
   <media:thumbnail url="https://i1.ytimg.com/vi/${v.videoId}/hqdefault.jpg" width="480" height="360"/>
   <media:description>${escapeXml(v.description)}</media:description>
   <media:community>
    <media:starRating count="12" average="5.00" min="1" max="5"/>
    <media:statistics views="${v.views ?? 0}"/>
   </media:community>
  </media:group>
 </entry>`,
      )
      .join('');
    return {
      status: 200,
      type: 'text/xml; charset=UTF-8',
      body: `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=${c.channelId}"/>
 <id>yt:channel:${c.channelId}</id>
 <yt:channelId>${c.channelId}</yt:channelId>
 <title>${escapeXml(c.title)}</title>
 <link rel="alternate" href="https://www.youtube.com/channel/${c.channelId}"/>
 <author>
  <name>${escapeXml(c.title)}</name>
  <uri>https://www.youtube.com/channel/${c.channelId}</uri>
 </author>
 <published>2020-01-01T00:00:00+00:00</published>${entries}
</feed>`,
    };
  }
  if (path === '/api/v3/channels') {
    if (!q.get('key')) return json(403, { error: { code: 403, message: 'API key missing' } });
    const handle = (q.get('forHandle') ?? '').replace(/^@/, '').toLowerCase();
    const c = world.youtube.find((x) => x.handle.toLowerCase() === handle);
    return json(200, {
      kind: 'youtube#channelListResponse',
      pageInfo: { totalResults: c ? 1 : 0, resultsPerPage: 5 },
      ...(c ? { items: [{ kind: 'youtube#channel', id: c.channelId }] } : {}),
    });
  }
  if (path === '/api/v3/playlistItems') {
    if (!q.get('key')) return json(403, { error: { code: 403, message: 'API key missing' } });
    const c = world.youtube.find((x) => `UU${x.channelId.slice(2)}` === q.get('playlistId'));
    if (!c) return json(404, { error: { code: 404, message: 'playlistNotFound' } });
    const size = Math.min(Number(q.get('maxResults') ?? 5), o.pageSize * 2);
    const { page, next } = pageOf(c.videos, q.get('pageToken'), size);
    return json(200, {
      kind: 'youtube#playlistItemListResponse',
      ...(next ? { nextPageToken: next } : {}),
      pageInfo: { totalResults: c.videos.length, resultsPerPage: size },
      items: page.map((v) => ({
        kind: 'youtube#playlistItem',
        id: `PLI${v.videoId}`,
        snippet: {
          publishedAt: v.published,
          channelId: c.channelId,
          title: v.title,
          description: v.description,
          resourceId: { kind: 'youtube#video', videoId: v.videoId },
        },
        contentDetails: { videoId: v.videoId, videoPublishedAt: v.published },
      })),
    });
  }
  if (path === '/api/v3/commentThreads') {
    if (!q.get('key')) return json(403, { error: { code: 403, message: 'API key missing' } });
    const videoId = q.get('videoId') ?? '';
    const known = world.youtube.some((c) => c.videos.some((v) => v.videoId === videoId));
    const threads = world.youtubeComments?.[videoId];
    if (!known)
      return youtubeError(
        404,
        'youtube.commentThread',
        'videoNotFound',
        'The video identified by the videoId parameter could not be found.',
      );
    if (threads === 'disabled') {
      return youtubeError(
        403,
        'youtube.commentThread',
        'commentsDisabled',
        'The video identified by the videoId parameter has disabled comments.',
      );
    }
    const size = Math.min(Number(q.get('maxResults') ?? 20), 100, o.pageSize * 2);
    const { page, next } = pageOf(threads ?? [], q.get('pageToken'), size);
    return json(200, {
      kind: 'youtube#commentThreadListResponse',
      ...(next ? { nextPageToken: next } : {}),
      pageInfo: { totalResults: page.length, resultsPerPage: size },
      items: page,
    });
  }
  return { status: 404, body: '<!DOCTYPE html><title>404</title>', type: 'text/html' };
}

/** A Data API error body: `{error: {code, message, errors: [{message, domain, reason}]}}`. */
function youtubeError(status: number, domain: string, reason: string, message: string): Reply {
  return json(status, { error: { code: status, message, errors: [{ message, domain, reason }] } });
}

function telegramMessage(channel: string, m: TelegramMessageFixture): string {
  const forwarded = m.forwardedFrom
    ? `<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="${m.forwardedFrom.url}"><span>${escapeXml(m.forwardedFrom.name)}</span></a></div>`
    : '';
  const reply = m.replyTo
    ? `<a class="tgme_widget_message_reply" href="https://t.me/${channel}/${m.replyTo.id}"><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name">${escapeXml(m.replyTo.author)}</span></div><div class="tgme_widget_message_text js-message_reply_text" dir="auto">${escapeXml(m.replyTo.text)}</div></a>`
    : '';
  const photo = m.photo
    ? `<a class="tgme_widget_message_photo_wrap" href="https://t.me/${channel}/${m.id}" style="width:800px;background-image:url('${m.photo}')"><div class="tgme_widget_message_photo" style="padding-top:75%"></div></a>`
    : '';
  const text = m.text
    ? `<div class="tgme_widget_message_text js-message_text" dir="auto">${escapeXml(m.text).replace(/\n/g, '<br/>')}</div>`
    : '';
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${channel}/${m.id}" data-view="x"><div class="tgme_widget_message_user"><a href="https://t.me/${channel}"></a></div><div class="tgme_widget_message_bubble">${forwarded}${reply}${photo}${text}<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">${m.views ? `<span class="tgme_widget_message_views">${m.views}</span>` : ''}<span class="copyonclick"></span><span class="tgme_widget_message_meta">${m.edited ? '<span class="tgme_widget_message_edited">edited</span> ' : ''}<a class="tgme_widget_message_date" href="https://t.me/${channel}/${m.id}"><time datetime="${m.date}" class="time">12:00</time></a></span></div></div></div></div></div>`;
}

function telegram(
  world: ApiWorld,
  path: string,
  q: URLSearchParams,
  o: Required<ApiPlatformServerOptions>,
  prefix: string,
): Reply {
  let m = /^\/s\/([^/]+)\/?$/.exec(path);
  if (m) {
    const c = o.lazy.telegram?.(m[1]!) ?? world.telegram.find((x) => x.name.toLowerCase() === m![1]!.toLowerCase());
    // t.me sends a preview request for an unknown or non-public channel to the plain /<name> page.
    if (!c) return { status: 302, body: '', headers: { location: `${prefix}/${m[1]}` } };
    const before = q.get('before') ? Number(q.get('before')) : Number.POSITIVE_INFINITY;
    const older = c.messages.filter((x) => x.id < before).sort((a, b) => a.id - b.id);
    const page = older.slice(-o.telegramPageSize);
    const more =
      older.length > page.length && page.length > 0
        ? `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${c.name}?before=${page[0]!.id}" class="tme_messages_more js-messages_more" data-before="${page[0]!.id}"></a></div>`
        : '';
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeXml(c.title)} – Telegram</title></head><body class="widget_frame_base tgme_webpreview_body"><header class="tgme_header"><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">${escapeXml(c.title)}</span></div><div class="tgme_channel_info_header_username"><a href="https://t.me/${c.name}">@${c.name}</a></div></div></header><main class="tgme_main"><section class="tgme_channel_history js-message_history">${more}${page.map((x) => telegramMessage(c.name, x)).join('')}</section></main></body></html>`,
    };
  }
  m = /^\/([^/]+)\/?$/.exec(path);
  if (m) {
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><html><head><title>Telegram: Contact @${m[1]}</title></head><body><div class="tgme_page"><div class="tgme_page_title"><span dir="auto">Telegram</span></div><div class="tgme_page_description">If you have <strong>Telegram</strong>, you can contact <a class="tgme_username_link" href="tg://resolve?domain=${m[1]}">@${m[1]}</a> right away.</div></div></body></html>`,
    };
  }
  return { status: 404, body: '', type: 'text/html' };
}

export function emptyWorld(): ApiWorld {
  return { bluesky: [], blueskyPosts: {}, mastodon: [], mastodonStatuses: {}, youtube: [], telegram: [] };
}

/** Starts the server on 127.0.0.1 (a free port). */
export async function startApiPlatformServer(
  world: ApiWorld = emptyWorld(),
  options: ApiPlatformServerOptions = {},
): Promise<ApiPlatformServer> {
  const o: Required<ApiPlatformServerOptions> = {
    pageSize: options.pageSize ?? 2,
    trailingCursor: options.trailingCursor ?? false,
    telegramPageSize: options.telegramPageSize ?? 3,
    latencyMs: options.latencyMs ?? 0,
    recordRequests: options.recordRequests ?? true,
    lazy: options.lazy ?? {},
  };
  const requests: RecordedRequest[] = [];
  const limits: { suffix: string; times: number; headers: Record<string, string> }[] = [];
  const extraHeaders: { suffix: string; times: number; headers: Record<string, string> }[] = [];
  const overrides = new Map<string, { status: number; body: string; type?: string }>();
  let base = '';

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (o.recordRequests)
      requests.push({ path, url: req.url ?? '/', at: Date.now(), userAgent: req.headers['user-agent'] });
    const write = (reply: Reply) => {
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'text/plain', ...(reply.headers ?? {}) });
      res.end(reply.body);
    };
    const send = (reply: Reply) => {
      if (o.latencyMs > 0) setTimeout(() => write(reply), o.latencyMs);
      else write(reply);
    };
    const limit = limits.find((l) => l.times > 0 && path.endsWith(l.suffix));
    if (limit) {
      limit.times--;
      send({ ...json(429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }), headers: limit.headers });
      return;
    }
    for (const [suffix, reply] of overrides) {
      if (path.endsWith(suffix)) {
        send(reply);
        return;
      }
    }
    const [, platform, ...rest] = path.split('/');
    const sub = `/${rest.join('/')}`;
    let reply: Reply;
    if (platform === 'media') {
      const file = world.media?.[decodeURIComponent(rest.join('/'))];
      if (!file) return send({ status: 404, body: 'not found' });
      if ('redirect' in file) return send({ status: 302, body: '', headers: { location: file.redirect } });
      res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.length) });
      res.end(file.body);
      return;
    }
    try {
      switch (platform) {
        case 'bluesky':
          reply = bluesky(world, sub, url.searchParams, o);
          break;
        case 'mastodon':
          reply = mastodon(world, sub, url.searchParams, o);
          break;
        case 'youtube':
          reply = youtube(world, sub, url.searchParams, o);
          break;
        case 'telegram':
          reply = telegram(world, sub, url.searchParams, o, `${base}/telegram`);
          break;
        default:
          reply = { status: 404, body: 'not found' };
      }
    } catch (error) {
      reply = { status: 500, body: String(error) };
    }
    const extra = extraHeaders.find((h) => h.times > 0 && path.endsWith(h.suffix));
    if (extra) {
      extra.times--;
      reply = { ...reply, headers: { ...(reply.headers ?? {}), ...extra.headers } };
    }
    send(reply);
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    origins: {
      bluesky: `${base}/bluesky`,
      mastodon: `${base}/mastodon`,
      youtube: `${base}/youtube`,
      telegram: `${base}/telegram`,
    },
    world,
    requests,
    rateLimit: (suffix, times, headers) => limits.push({ suffix, times, headers }),
    addHeaders: (suffix, times, headers) => extraHeaders.push({ suffix, times, headers }),
    override: (suffix, reply) => {
      if (reply) overrides.set(suffix, reply);
      else overrides.delete(suffix);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
