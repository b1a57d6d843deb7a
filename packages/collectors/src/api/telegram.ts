import type { PostKind } from '@netra/core';
import { ApiCrawlContext } from './api-context.ts';
import type { ApiCollectInput, ApiCollectResult, ApiCursors, StreamCursor } from './api-types.ts';
import { ShapeError } from './api-types.ts';
import type { HttpExchange } from './http-client.ts';
import type { TelegramMessage } from './telegram-page.ts';
import { parseTelegramPageBounded } from './telegram-page-bounded.ts';

export type { TelegramMessage, TelegramPage } from './telegram-page.ts';
export { MAX_TELEGRAM_PAGE_MESSAGES, parseCount, parseTelegramPage } from './telegram-page.ts';

/**
 * The largest `t.me/s` page read. Telegram shows about 20 messages a page: 0.1–0.2 MB, and by estimate ~0.5 MB for 20 messages
 * of 4,096 formatted characters each with replies and link previews. A larger answer is refused while streaming
 * (`COLLECTOR_RESPONSE_TOO_LARGE`) instead of the 16 MiB JSON limit: node-html-parser alone takes ~0.4 s per MB of
 * ordinary markup (read in a bounded worker thread, `parseTelegramPageBounded`).
 */
export const MAX_TELEGRAM_PAGE_BYTES = 2 * 1024 * 1024;

export const TELEGRAM_ORIGIN = 'https://t.me';
export const TELEGRAM_COLLECTOR = { name: 'telegram-preview', version: '1.2.0' };

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
      const parsed = await parseTelegramPageBounded(exchange.body, exchange.requestUrl);
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
