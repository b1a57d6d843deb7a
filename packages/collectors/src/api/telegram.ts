import type { PostKind } from '@netra/core';
import { type HTMLElement, parse } from 'node-html-parser';
import { ApiCrawlContext } from './api-context.ts';
import type { ApiCollectInput, ApiCollectResult, ApiCursors, StreamCursor } from './api-types.ts';
import { ShapeError } from './api-types.ts';
import { htmlToText, withDeepHtmlFlattened } from './html-text.ts';
import type { HttpExchange } from './http-client.ts';

/**
 * The largest `t.me/s` page read. Telegram shows about 20 messages a page: 0.1–0.2 MB, and by estimate ~0.5 MB for 20 messages
 * of 4,096 formatted characters each with replies and link previews. A larger answer is refused while streaming
 * (`COLLECTOR_RESPONSE_TOO_LARGE`) instead of the 16 MiB JSON limit: node-html-parser alone takes ~0.4 s per MB here,
 * on the scraper's event loop.
 */
export const MAX_TELEGRAM_PAGE_BYTES = 2 * 1024 * 1024;

/**
 * Messages read from one page (5× the ~20 Telegram shows). Reading a message costs ~0.5 ms (a few dozen selector
 * walks), so 100,000 tiny messages in 16 MB blocked the event loop for over a minute; the newest are kept, the
 * rest counted in `dropped`, reported, and asked for again with `?before=`.
 */
export const MAX_TELEGRAM_PAGE_MESSAGES = 100;

export const TELEGRAM_ORIGIN = 'https://t.me';
export const TELEGRAM_COLLECTOR = { name: 'telegram-preview', version: '1.2.0' };

export interface TelegramMessage {
  id: number;
  channel: string;
  text: string;
  postedAt: string | null;
  edited: boolean;
  views: number | null;
  photos: string[];
  forwardedFrom: { name: string; url: string | null; author?: string } | null;
  replyTo: { id: number | null; author: string | null; text: string | null; url: string | null } | null;
  linkPreview: { title: string; description: string; url: string | null } | null;
  /** A service message (channel photo changed, message pinned…): not a post, but its id is not a deletion. */
  service: boolean;
  /** What the message carries besides text: `photo`, `video`, `round_video`, `voice`, `document`, `poll`, … */
  media: string[];
  /** Poster frames of videos and round videos (background-image of their thumbs). */
  videoThumbs: string[];
  /** Documents and music: title and the size/performer line. */
  documents: { title: string; extra: string }[];
  poll: { question: string; options: string[] } | null;
  /** The author signature some channels show (`.tgme_widget_message_from_author`). */
  signature: string | null;
  /**
   * Ids of the other messages of an album: each item is its own message (linked as `/<channel>/<id>?single`)
   * shown in one bubble — none of them is a deletion.
   */
  groupIds: number[];
}

/** Media markers of the preview (the classes open tools such as RSSHub's and snscrape's parsers read). */
const MEDIA_MARKERS: [string, string][] = [
  ['.tgme_widget_message_photo_wrap', 'photo'],
  ['.tgme_widget_message_video_player', 'video'],
  ['.tgme_widget_message_roundvideo_player', 'round_video'],
  ['.tgme_widget_message_voice', 'voice'],
  ['.tgme_widget_message_voice_player', 'voice'],
  ['.tgme_widget_message_document_wrap', 'document'],
  ['.tgme_widget_message_poll', 'poll'],
  ['.tgme_widget_message_sticker', 'sticker'],
  ['.tgme_widget_message_tgsticker', 'sticker'],
  ['.tgme_widget_message_videosticker', 'sticker'],
  ['.tgme_widget_message_location_wrap', 'location'],
  ['.tgme_widget_message_contact', 'contact'],
  ['.message_media_not_supported', 'unsupported'],
];

export interface TelegramPage {
  /** The page is a channel preview (`.tgme_channel_info` or messages). */
  isChannel: boolean;
  messages: (TelegramMessage | { problem: string; position: number })[];
  /** `?before=` of the older page, when the page links one. */
  before: number | null;
  /** The page says the channel has no messages (`.tme_no_messages_found`). */
  empty: boolean;
  /** The page has the message list (`.tgme_channel_history`). */
  hasHistory: boolean;
  /** `data-post` attributes in the page, however they are wrapped: more than messages parsed = markup moved. */
  dataPosts: number;
  /** Older messages of the page not read (over `MAX_TELEGRAM_PAGE_MESSAGES`): to be reported by the caller. */
  dropped: number;
}

/**
 * "1.2K" → 1200, "3,4M" → 3400000, "987" → 987. Without a suffix the separators are thousands ("12 345",
 * "1,234"); with one, a comma is a decimal point.
 */
export function parseCount(label: string): number | null {
  const m = /^([\d.,\s\u00a0\u202f]+?)\s*([KMB])?$/i.exec(label.trim());
  if (!m) return null;
  const digits = m[1]!.replace(/[\s\u00a0\u202f]/g, '');
  const n = m[2] ? Number(digits.replace(',', '.')) : Number(digits.replace(/[.,]/g, ''));
  if (Number.isNaN(n)) return null;
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(m[2] ?? '').toUpperCase() as 'K' | 'M' | 'B'] ?? 1;
  return Math.round(n * scale);
}

function urlOfStyle(style: string | undefined): string | null {
  const m = /background-image\s*:\s*url\(['"]?([^'")]+)['"]?\)/.exec(style ?? '');
  return m ? m[1]! : null;
}

/** The message's own text node: not the quoted text of the message it replies to, not a link preview. */
function ownText(message: HTMLElement): HTMLElement | null {
  for (const node of message.querySelectorAll('.tgme_widget_message_text')) {
    const cls = node.getAttribute('class') ?? '';
    if (cls.includes('js-message_reply_text')) continue;
    let inside = false;
    for (let p = node.parentNode; p && p !== message; p = p.parentNode) {
      const pc = p.getAttribute?.('class') ?? '';
      if (pc.includes('tgme_widget_message_reply') || pc.includes('link_preview')) inside = true;
    }
    if (!inside) return node;
  }
  return null;
}

/** Parses one `t.me/s/<channel>` page as Telegram renders it (the markup snscrape and minet read). */
export function parseTelegramPage(html: string): TelegramPage {
  return withDeepHtmlFlattened(html, readTelegramPage);
}

function readTelegramPage(html: string): TelegramPage {
  const root = parse(html);
  const all = root.querySelectorAll('.tgme_widget_message');
  const isChannel = Boolean(root.querySelector('.tgme_channel_info')) || all.length > 0;
  // Oldest first on the page: the newest are kept.
  const dropped = Math.max(0, all.length - MAX_TELEGRAM_PAGE_MESSAGES);
  const nodes = all.slice(dropped);
  const messages: TelegramPage['messages'] = [];
  nodes.forEach((node, index) => {
    const position = dropped + index;
    const post = node.getAttribute('data-post');
    const m = post ? /^([^/]+)\/(\d+)$/.exec(post) : null;
    if (!m) {
      messages.push({ problem: 'data-post', position });
      return;
    }
    const textNode = ownText(node);
    const time = node.querySelector('.tgme_widget_message_date time') ?? node.querySelector('time[datetime]');
    const meta = node.querySelector('.tgme_widget_message_meta');
    const edited =
      Boolean(node.querySelector('.tgme_widget_message_edited')) || /\bedited\b/i.test(meta?.textContent ?? '');
    const viewsLabel = node.querySelector('.tgme_widget_message_views')?.textContent ?? '';
    const photos = node
      .querySelectorAll('.tgme_widget_message_photo_wrap')
      .map((p) => urlOfStyle(p.getAttribute('style')) ?? p.getAttribute('href') ?? '')
      .filter(Boolean);
    const forwarded = node.querySelector('.tgme_widget_message_forwarded_from_name');
    const forwardedAuthor = node.querySelector('.tgme_widget_message_forwarded_from_author');
    const reply = node.querySelector('.tgme_widget_message_reply');
    const inReply = (el: HTMLElement) => {
      for (let p = el.parentNode; p && p !== node; p = p.parentNode) {
        if ((p.getAttribute?.('class') ?? '').includes('tgme_widget_message_reply')) return true;
      }
      return false;
    };
    const media = [
      ...new Set(
        MEDIA_MARKERS.filter(([selector]) => node.querySelectorAll(selector).some((el) => !inReply(el))).map(
          ([, type]) => type,
        ),
      ),
    ];
    const videoThumbs = node
      .querySelectorAll('.tgme_widget_message_video_thumb, .tgme_widget_message_roundvideo_thumb')
      .map((t) => urlOfStyle(t.getAttribute('style')))
      .filter((u): u is string => Boolean(u));
    const documents = node.querySelectorAll('.tgme_widget_message_document_wrap').map((d) => ({
      title: d.querySelector('.tgme_widget_message_document_title')?.textContent.trim() ?? '',
      extra: d.querySelector('.tgme_widget_message_document_extra')?.textContent.trim() ?? '',
    }));
    const pollNode = node.querySelector('.tgme_widget_message_poll');
    const poll = pollNode
      ? {
          question: pollNode.querySelector('.tgme_widget_message_poll_question')?.textContent.trim() ?? '',
          options: pollNode
            .querySelectorAll('.tgme_widget_message_poll_option_text')
            .map((o) => o.textContent.trim())
            .filter(Boolean),
        }
      : null;
    const signature = node.querySelector('.tgme_widget_message_from_author')?.textContent.trim() || null;
    const groupIds = [
      ...new Set(
        // Only the album's media tiles: a `?single` link typed into the text names another message.
        node
          .querySelectorAll('.grouped_media_wrap, .tgme_widget_message_photo_wrap, .tgme_widget_message_video_player')
          .filter((a) => !inReply(a))
          .map((a) => /\/([^/?#]+)\/(\d+)\?single\b/.exec(a.getAttribute('href') ?? ''))
          .map((link) => (link && link[1]!.toLowerCase() === m[1]!.toLowerCase() ? link[2] : undefined))
          .filter((id): id is string => Boolean(id))
          .map(Number)
          .filter((id) => id !== Number(m[2])),
      ),
    ];
    const replyHref = reply?.getAttribute('href') ?? null;
    const replyId = replyHref ? /\/(\d+)(?:\?|$)/.exec(replyHref)?.[1] : undefined;
    const preview = node.querySelector('.tgme_widget_message_link_preview');
    messages.push({
      id: Number(m[2]),
      channel: m[1]!,
      text: textNode ? htmlToText(textNode.innerHTML) : '',
      postedAt: time?.getAttribute('datetime') ?? null,
      edited,
      views: viewsLabel ? parseCount(viewsLabel) : null,
      photos,
      forwardedFrom: forwarded
        ? {
            name: forwarded.textContent.trim(),
            url: forwarded.getAttribute('href') ?? null,
            ...(forwardedAuthor ? { author: forwardedAuthor.textContent.trim() } : {}),
          }
        : null,
      replyTo: reply
        ? {
            id: replyId ? Number(replyId) : null,
            author: reply.querySelector('.tgme_widget_message_author_name')?.textContent.trim() ?? null,
            // A reply to a photo or file without caption shows only a meta line ("Photo").
            text:
              reply
                .querySelector('.js-message_reply_text, .tgme_widget_message_text, .tgme_widget_message_metatext')
                ?.textContent.trim() ?? null,
            url: replyHref,
          }
        : null,
      linkPreview: preview
        ? {
            title: preview.querySelector('.link_preview_title')?.textContent.trim() ?? '',
            description: preview.querySelector('.link_preview_description')?.textContent.trim() ?? '',
            url: preview.getAttribute('href') ?? null,
          }
        : null,
      service: (node.getAttribute('class') ?? '').split(/\s+/).includes('service_message'),
      media,
      videoThumbs,
      documents,
      poll,
      signature,
      groupIds,
    });
  });
  // Only the link to older messages: a page opened with ?before= also links newer ones (data-after).
  const more = root
    .querySelectorAll('.tme_messages_more, .js-messages_more')
    .find((a) => a.getAttribute('data-before') || /[?&]before=\d+/.test(a.getAttribute('href') ?? ''));
  const beforeAttr =
    more?.getAttribute('data-before') ?? /[?&]before=(\d+)/.exec(more?.getAttribute('href') ?? '')?.[1];
  return {
    isChannel,
    messages,
    before: beforeAttr ? Number(beforeAttr) : null,
    empty: Boolean(root.querySelector('.tme_no_messages_found')),
    hasHistory: Boolean(root.querySelector('.tgme_channel_history')),
    dataPosts: root.querySelectorAll('[data-post]').length,
    dropped,
  };
}

/** What the classifier should read besides the text: link preview, document titles, the poll's words. */
function descriptionsOf(message: TelegramMessage): string[] {
  const out: string[] = [];
  if (message.linkPreview) {
    out.push([message.linkPreview.title, message.linkPreview.description].filter(Boolean).join(' — '));
  }
  for (const doc of message.documents) out.push([doc.title, doc.extra].filter(Boolean).join(' — '));
  if (message.poll) {
    out.push([`Jajak pendapat / poll: ${message.poll.question}`, ...message.poll.options].filter(Boolean).join(' / '));
  }
  return out.filter((d) => d.trim().length > 0);
}

/** The channel name in a forward's link (`https://t.me/<channel>/<id>`), else the shown name. */
function forwardHandle(forwarded: { name: string; url: string | null }): string {
  const m = forwarded.url ? /t\.me\/(?:s\/)?([A-Za-z0-9_]{4,32})(?:\/|$)/.exec(forwarded.url) : null;
  return m ? m[1]! : forwarded.name;
}

/**
 * Collects a public Telegram channel from its web preview `t.me/s/<channel>`, older pages by `?before=`:
 * text, forwards (with their source), replies (with the quoted message), photos, views and the "edited"
 * marker. Missing message ids between neighbours are reported as deletion candidates.
 */
export async function collectTelegram(input: ApiCollectInput): Promise<ApiCollectResult> {
  const ctx = new ApiCrawlContext(input, TELEGRAM_COLLECTOR);
  const channel = input.account.handle.replace(/^@/, '');
  const base = ctx.origin(TELEGRAM_ORIGIN);
  const cursor: StreamCursor | undefined = input.cursors?.posts;
  const known = cursor?.newestId ? Number(cursor.newestId) : null;
  const ids: number[] = [];
  const seen = new Set<number>();
  let newest: StreamCursor | undefined;
  const cursors: ApiCursors = {};
  try {
    let before: number | null = null;
    for (let page = 0; page < ctx.maxPages && !ctx.full; page++) {
      const url = `${base}/s/${encodeURIComponent(channel)}${before ? `?before=${before}` : ''}`;
      const exchange: HttpExchange = await ctx.get(url, 'text/html', { maxBodyBytes: MAX_TELEGRAM_PAGE_BYTES });
      if (exchange.status === 404) return ctx.notFound('kanal tidak ditemukan / channel not found');
      if (exchange.status !== 200) throw new ShapeError('(status)', `preview: HTTP ${exchange.status}`);
      // An unknown or non-public channel redirects from /s/<name> to the plain /<name> page.
      const finalPath = new URL(exchange.finalUrl).pathname;
      const parsed = parseTelegramPage(exchange.body);
      if (!parsed.isChannel) {
        const stillPreview = /\/s\/[^/]+\/?$/.test(finalPath);
        if (!stillPreview || /tgme_page_title|tgme_page_description/.test(exchange.body)) {
          if (page === 0)
            return ctx.notFound('kanal tidak ditemukan atau tidak publik / channel not found or not public');
        }
        throw new ShapeError(
          '.tgme_widget_message',
          'pratinjau tanpa kanal maupun pesan / preview shows no channel and no message',
        );
      }
      if (parsed.messages.length === 0) {
        // An empty channel says so, or shows its message list with nothing in it. Anything else (posts marked
        // by data-post but not in the known wrapper, no message list at all) is a page Netra no longer reads.
        if (parsed.empty || (parsed.hasHistory && parsed.dataPosts === 0)) break;
        throw new ShapeError(
          '.tgme_widget_message',
          parsed.dataPosts > 0
            ? `pesan bertanda data-post tanpa pembungkus yang dikenal / ${parsed.dataPosts} data-post without the known wrapper`
            : 'halaman kanal tanpa daftar pesan / channel page without a message list',
        );
      }
      if (parsed.dropped > 0) {
        // Reported before anything of the page is used; the older messages are asked for with ?before= below.
        ctx.itemProblem(
          'messages',
          `${exchange.requestUrl}: halaman berisi ${parsed.dropped + parsed.messages.length} pesan, hanya ${parsed.messages.length} terbaru dibaca / page holds ${parsed.dropped + parsed.messages.length} messages, only the newest ${parsed.messages.length} read`,
          { url: exchange.requestUrl, dropped: parsed.dropped, kept: parsed.messages.length },
        );
      }
      if (parsed.messages.every((m) => 'problem' in m)) {
        throw new ShapeError('data-post', 'tidak ada pesan yang dikenali / no message recognised');
      }
      // A preview page lists messages oldest first; the newest are read first, so walk it backwards.
      let reachedKnown = false;
      for (const message of [...parsed.messages].reverse()) {
        if (ctx.full) break;
        if ('problem' in message) {
          ctx.itemProblem(message.problem, `pesan #${message.position}: ${message.problem} hilang / missing`, {
            position: message.position,
          });
          continue;
        }
        // Pages can overlap (a message posted while paging shifts them): each message is read once.
        if (seen.has(message.id)) continue;
        if (known !== null && message.id <= known) {
          reachedKnown = true;
          break;
        }
        if (input.since && message.postedAt && Date.parse(message.postedAt) < input.since.getTime()) {
          reachedKnown = true;
          break;
        }
        ids.push(message.id, ...message.groupIds);
        seen.add(message.id);
        for (const id of message.groupIds) seen.add(id);
        // "Channel photo updated", "pinned a message": not a post, but its id is no deletion either.
        if (message.service) continue;
        let kind: PostKind = 'post';
        let context: { parentText?: string; parentAuthor?: string; parentCandidate?: string } | undefined;
        if (message.forwardedFrom) {
          kind = 'share';
          const source = forwardHandle(message.forwardedFrom);
          context = { parentText: message.text, parentAuthor: source };
          await ctx.addInteraction(
            {
              interaction: 'repost',
              externalId: `${message.channel}/${message.id}`,
              at: message.postedAt,
              target: {
                type: 'post',
                externalId: message.forwardedFrom.url ?? source,
                url: message.forwardedFrom.url,
                authorHandle: source,
                text: message.text,
                candidate: ctx.candidateOf(source),
              },
              fetchedAt: exchange.fetchedAt.toISOString(),
              raw: { source: 'telegram-preview', forwardedFrom: message.forwardedFrom.name },
            },
            exchange,
            'html',
          );
        } else if (message.replyTo) {
          kind = 'comment';
          context = {
            ...(message.replyTo.text ? { parentText: message.replyTo.text } : {}),
            ...(message.replyTo.author ? { parentAuthor: message.replyTo.author } : {}),
          };
        }
        const candidate = ctx.candidateOf(context?.parentAuthor);
        if (context && candidate) context.parentCandidate = candidate;
        await ctx.addPost(
          {
            externalId: `${message.channel}/${message.id}`,
            url: `https://t.me/${message.channel}/${message.id}`,
            kind,
            authorHandle: channel,
            text: message.forwardedFrom ? '' : message.text,
            postedAt: message.postedAt,
            ...(context && Object.keys(context).length > 0 ? { context } : {}),
            mediaDescriptions: descriptionsOf(message),
            raw: {
              source: 'telegram-preview',
              messageId: message.id,
              edited: message.edited,
              views: message.views,
              photos: message.photos,
              forwardedFrom: message.forwardedFrom,
              replyTo: message.replyTo,
              linkPreview: message.linkPreview,
              media: message.media,
              videoThumbs: message.videoThumbs,
              documents: message.documents,
              poll: message.poll,
              signature: message.signature,
              ...(message.groupIds.length > 0 ? { albumIds: message.groupIds } : {}),
            },
          },
          exchange,
          'html',
          message.photos,
        );
        // An album's last item is the newest id seen, so the next crawl sees no gap after it.
        const top = Math.max(message.id, ...message.groupIds);
        if (!newest || top > Number(newest.newestId)) {
          newest = { newestId: String(top), newestAt: message.postedAt };
        }
      }
      const oldest = Math.min(...parsed.messages.filter((m): m is TelegramMessage => 'id' in m).map((m) => m.id));
      // A page cut to its newest messages continues below the oldest one read, so the rest are not skipped.
      const next = parsed.dropped > 0 && Number.isFinite(oldest) ? oldest : (parsed.before ?? null);
      if (reachedKnown || !next || !Number.isFinite(oldest) || (before !== null && next >= before)) break;
      before = next;
    }
  } catch (error) {
    return ctx.failed(error, true);
  }
  if (newest ?? cursor) cursors.posts = (newest ?? cursor)!;
  return ctx.result('ok', { cursors, gaps: gapsOf(ids, known) });
}

/** Runs of missing ids between collected neighbours (and up to the last crawl's newest): deletion candidates. */
export function gapsOf(ids: number[], knownNewest: number | null): { after: string; before: string }[] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (knownNewest !== null) sorted.unshift(knownNewest);
  const gaps: { after: string; before: string }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]! - sorted[i - 1]! > 1) gaps.push({ after: String(sorted[i - 1]), before: String(sorted[i]) });
  }
  return gaps;
}
