import type { EvidenceArtefactRef, NetraError, Platform, PostKind } from '@netra/core';
import type { ArtefactStore } from '../evidence/artefact-store.ts';
import type { PlatformOrigins } from '../origin-mapping.ts';
import { ApiCrawlContext, isArray, isRecord, isString, jsonBody } from './api-context.ts';
import { ShapeError } from './api-types.ts';
import { BLUESKY_APPVIEW } from './bluesky.ts';
import type { HttpClientOptions, HttpExchange } from './http-client.ts';
import { mastodonStatusText, splitAcct } from './mastodon.ts';
import { MAX_TELEGRAM_PAGE_BYTES } from './telegram.ts';
import { parseTelegramPageBounded } from './telegram-page-bounded.ts';

const RECHECK_COLLECTOR = { name: 'netra-recheck', version: '1.1.0' };

/** A stored post to look at again. */
export interface RecheckTarget {
  platform: Platform;
  externalId: string;
  kind: PostKind;
  url: string;
  /** The watched account's handle (Mastodon: `user@instance`, which names the instance to ask). */
  accountHandle: string;
}

export type RecheckOutcome =
  /** Still there; `text` is what the platform shows now (compare with the stored versions). */
  | { state: 'present'; text: string; evidence: EvidenceArtefactRef[]; checkedAt: string }
  /** Gone from the platform (deleted, or hidden from the public); `evidence` is the answer that says so. */
  | { state: 'gone'; httpStatus: number; evidence: EvidenceArtefactRef[]; checkedAt: string }
  /** This platform or kind cannot be re-read without a browser or login (tips, page collectors, likes). */
  | { state: 'unsupported'; reason: string }
  /** The check itself failed (rate limit, network, changed shape): nothing is concluded about the post. */
  | { state: 'failed'; error: NetraError | Error };

export interface RecheckOptions {
  store?: ArtefactStore;
  platformOrigins?: PlatformOrigins;
  http?: HttpClientOptions;
}

/**
 * Re-reads one post from its platform's public API to see whether it was edited or deleted: Bluesky
 * `app.bsky.feed.getPosts` (a deleted post is simply absent), Mastodon `GET /api/v1/statuses/:id` (404/410),
 * Telegram `t.me/s/<channel>?before=<id+1>` (the message missing from a page that holds its neighbours).
 * Every answer is kept as evidence with its manifest, the "gone" answers too.
 */
export async function recheckPost(target: RecheckTarget, options: RecheckOptions = {}): Promise<RecheckOutcome> {
  if (target.kind === 'interaction') return { state: 'unsupported', reason: 'interaksi / interaction (no text)' };
  const ctx = new ApiCrawlContext(
    {
      account: {
        id: '00000000-0000-4000-8000-000000000000',
        platform: target.platform,
        handle: target.accountHandle,
        profileUrl: target.url,
      },
      ...(options.store ? { store: options.store } : {}),
      ...(options.platformOrigins ? { platformOrigins: options.platformOrigins } : {}),
      ...(options.http ? { http: options.http } : {}),
    },
    RECHECK_COLLECTOR,
  );
  const evidence = async (exchange: HttpExchange, kind: 'json' | 'html') => (await ctx.evidenceOf(exchange, kind)).refs;
  const at = (exchange: HttpExchange) => exchange.fetchedAt.toISOString();
  try {
    switch (target.platform) {
      case 'bluesky': {
        if (!target.externalId.includes('/app.bsky.feed.post/')) {
          return { state: 'unsupported', reason: 'bukan postingan / not a post record (repost)' };
        }
        const query = new URLSearchParams({ uris: target.externalId });
        const exchange = await ctx.get(`${ctx.origin(BLUESKY_APPVIEW)}/xrpc/app.bsky.feed.getPosts?${query}`);
        if (exchange.status !== 200) throw new ShapeError('(status)', `getPosts: HTTP ${exchange.status}`);
        const body = jsonBody(exchange, 'getPosts');
        if (!isRecord(body) || !isArray(body.posts)) throw new ShapeError('posts', 'getPosts: posts: array expected');
        // Posts without the documented `uri`: a changed answer, never a deletion.
        if (body.posts.length > 0 && !body.posts.some((p) => isRecord(p) && isString(p.uri))) {
          throw new ShapeError('posts[].uri', 'getPosts: posts[].uri missing');
        }
        const view = body.posts.find((p) => isRecord(p) && p.uri === target.externalId);
        if (!isRecord(view))
          return {
            state: 'gone',
            httpStatus: exchange.status,
            evidence: await evidence(exchange, 'json'),
            checkedAt: at(exchange),
          };
        const text = isRecord(view.record) && isString(view.record.text) ? view.record.text : null;
        if (text === null) throw new ShapeError('posts[].record.text', 'getPosts: record.text missing');
        return { state: 'present', text, evidence: await evidence(exchange, 'json'), checkedAt: at(exchange) };
      }
      case 'mastodon': {
        const acct = splitAcct(target.accountHandle);
        if (!acct) return { state: 'unsupported', reason: `akun bukan user@instance: ${target.accountHandle}` };
        const base = ctx.origin(`https://${acct.instance}`);
        const exchange = await ctx.get(`${base}/api/v1/statuses/${encodeURIComponent(target.externalId)}`);
        if (exchange.status === 404 || exchange.status === 410) {
          return {
            state: 'gone',
            httpStatus: exchange.status,
            evidence: await evidence(exchange, 'json'),
            checkedAt: at(exchange),
          };
        }
        if (exchange.status !== 200) throw new ShapeError('(status)', `statuses/:id: HTTP ${exchange.status}`);
        const body = jsonBody(exchange, 'status');
        if (!isRecord(body) || !isString(body.id)) throw new ShapeError('id', 'status: id missing');
        // A boost's own text is empty; what it shares is context, not the watched account's words.
        const text = body.reblog ? '' : mastodonStatusText(body);
        return { state: 'present', text, evidence: await evidence(exchange, 'json'), checkedAt: at(exchange) };
      }
      case 'telegram': {
        const m = /^([^/]+)\/(\d+)$/.exec(target.externalId);
        if (!m) return { state: 'unsupported', reason: `id Telegram tidak dikenal: ${target.externalId}` };
        const id = Number(m[2]);
        const exchange = await ctx.get(
          `${ctx.origin('https://t.me')}/s/${encodeURIComponent(m[1]!)}?before=${id + 1}`,
          'text/html',
          { maxBodyBytes: MAX_TELEGRAM_PAGE_BYTES },
        );
        if (exchange.status === 404) {
          return {
            state: 'gone',
            httpStatus: 404,
            evidence: await evidence(exchange, 'html'),
            checkedAt: at(exchange),
          };
        }
        if (exchange.status !== 200) throw new ShapeError('(status)', `t.me/s: HTTP ${exchange.status}`);
        const page = await parseTelegramPageBounded(exchange.body, exchange.requestUrl);
        if (!page.isChannel) throw new ShapeError('.tgme_channel_info', 't.me/s: not a channel preview');
        const messages = page.messages.filter((x) => 'id' in x);
        // "Gone" only from a page Netra can read: messages in moved markup must not turn into deletions.
        const readableEmpty = page.empty || (page.hasHistory && page.dataPosts === 0);
        if (messages.length === 0 && !readableEmpty) {
          throw new ShapeError('.tgme_widget_message', 't.me/s: no readable message on the page (markup changed)');
        }
        const found = messages.find((x) => x.id === id);
        if (!found) {
          // The page before id+1 starts right at the message; absent there, it was deleted (or the channel
          // hid it). An empty page with no older messages says the same.
          return {
            state: 'gone',
            httpStatus: exchange.status,
            evidence: await evidence(exchange, 'html'),
            checkedAt: at(exchange),
          };
        }
        return {
          state: 'present',
          text: found.forwardedFrom ? '' : found.text,
          evidence: await evidence(exchange, 'html'),
          checkedAt: at(exchange),
        };
      }
      default:
        return {
          state: 'unsupported',
          reason: `${target.platform}: hanya lewat halaman/login — gunakan tip / page or login only, use tips`,
        };
    }
  } catch (error) {
    if (error instanceof ShapeError) {
      const failed = ctx.failed(error);
      return { state: 'failed', error: failed.errors[failed.errors.length - 1]! };
    }
    return { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
  }
}
