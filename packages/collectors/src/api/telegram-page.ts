import { type HTMLElement, parse } from 'node-html-parser';
import { htmlToText, withDeepHtmlFlattened } from './html-text.ts';

/**
 * Messages read from one page (5× the ~20 Telegram shows). Reading a message costs ~0.5 ms (a few dozen selector
 * walks), so 100,000 tiny messages in 16 MB blocked the event loop for over a minute; the newest are kept, the
 * rest counted in `dropped`, reported, and asked for again with `?before=`.
 */
export const MAX_TELEGRAM_PAGE_MESSAGES = 100;

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
