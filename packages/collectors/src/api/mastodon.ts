import type { PostKind } from '@netra/core';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import { ApiCrawlContext, isArray, isRecord, isString, jsonBody, need } from './api-context.ts';
import type { ApiCollectInput, ApiCollectResult, ApiCursors, StreamCursor } from './api-types.ts';
import { ShapeError } from './api-types.ts';
import { statusHtmlText } from './fragment-text.ts';
import type { HttpExchange } from './http-client.ts';

export const MASTODON_COLLECTOR = { name: 'mastodon-api', version: '1.3.0' };

type Json = Record<string, unknown>;

/** Parent statuses fetched per crawl at most (for reply context); beyond it replies keep only the parent id. */
const MAX_PARENT_LOOKUPS = 50;

/** `user@instance` → its parts; a leading `@` is allowed. */
export function splitAcct(handle: string): { user: string; instance: string } | null {
  const m = /^@?([A-Za-z0-9_.]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$/.exec(handle.trim());
  return m ? { user: m[1]!, instance: m[2]!.toLowerCase() } : null;
}

/** The `rel="next"` URL of a Link header (RFC 8288), the only paging Mastodon promises. */
export function nextLink(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (m && /\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

/** `media_attachments[].type` values of the Status entity (docs.joinmastodon.org, MediaAttachment). */
const MEDIA_TYPES = new Set(['image', 'gifv', 'video', 'audio', 'unknown']);

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** A poll's options (`poll.options[].title`) and its end, or null without a poll. */
export function pollOf(status: Record<string, unknown>): { options: string[]; expiresAt: string | null } | null {
  const poll = status.poll;
  if (!isRecord(poll)) return null;
  const options = (isArray(poll.options) ? poll.options : [])
    .filter(isRecord)
    .map((o) => (isString(o.title) ? o.title.trim() : ''))
    .filter(Boolean);
  return { options, expiresAt: isString(poll.expires_at) ? poll.expires_at : null };
}

/**
 * The post a status quotes. Mastodon 4.4+ sends `quote: {state, quoted_status}` (a Quote, the status null
 * unless `state` is `accepted`) or `{state, quoted_status_id}` (a ShallowQuote, nested quotes); some forks
 * send the quoted Status itself as `quote`. Null without a quote.
 */
export function quoteOf(
  status: Record<string, unknown>,
): { id: string; state: string; url: string | null; status: Record<string, unknown> | null } | null {
  const quote = status.quote;
  if (!isRecord(quote)) return null;
  const quoted = isRecord(quote.quoted_status)
    ? quote.quoted_status
    : isString(quote.id) && isRecord(quote.account)
      ? quote
      : null;
  const id =
    quoted && isString(quoted.id) ? quoted.id : isString(quote.quoted_status_id) ? quote.quoted_status_id : null;
  if (!id) return null;
  return {
    id,
    state: isString(quote.state) ? quote.state : 'accepted',
    url: quoted && isString(quoted.url) ? quoted.url : quoted && isString(quoted.uri) ? quoted.uri : null,
    status: quoted,
  };
}

/**
 * The longest status HTML read (100,000 characters): Netra keeps 20,000 characters of text, and a status's markup
 * (links, mentions, paragraphs) is a few times its text. A 16 MB `content` took 13 s to parse on the event loop;
 * longer content is cut (the text says so, `HTML_CUT_MARKER`) and the crawl reports it.
 */
export const MAX_STATUS_HTML_CHARS = 100_000;

/** A status's text as Netra keeps it: the content warning first, then the content as plain text. */
export function mastodonStatusText(status: Record<string, unknown>): string {
  const content = isString(status.content) ? statusHtmlText(status.content, MAX_STATUS_HTML_CHARS) : '';
  const spoiler = isString(status.spoiler_text) ? status.spoiler_text.trim() : '';
  return spoiler ? `${spoiler}\n${content}` : content;
}

class MastodonCrawl {
  readonly ctx: ApiCrawlContext;
  readonly base: string;
  readonly instance: string;
  accountId = '';
  parentLookups = 0;

  constructor(ctx: ApiCrawlContext, instance: string) {
    this.ctx = ctx;
    this.instance = instance;
    this.base = ctx.origin(`https://${instance}`);
  }

  /** Local accounts' `acct` has no instance; everything Netra compares carries one. */
  fullAcct(account: unknown): string | null {
    if (!isRecord(account) || !isString(account.acct)) return null;
    return account.acct.includes('@') ? account.acct : `${account.acct}@${this.instance}`;
  }

  /** Link URLs name the real instance; with PLATFORM_ORIGINS set they are followed on the local origin. */
  follow(url: string): string {
    if (!this.ctx.overridden) return url;
    const parsed = new URL(url);
    return `${this.base}${parsed.pathname}${parsed.search}`;
  }

  textOf(status: Json): string {
    if (isString(status.content) && status.content.length > MAX_STATUS_HTML_CHARS) {
      this.ctx.itemProblem(
        'content',
        `${String(status.id)}: HTML status ${status.content.length} karakter, hanya ${MAX_STATUS_HTML_CHARS} dibaca / status HTML of ${status.content.length} characters, only ${MAX_STATUS_HTML_CHARS} read`,
        { externalId: String(status.id), chars: status.content.length, maxChars: MAX_STATUS_HTML_CHARS },
      );
    }
    return mastodonStatusText(status);
  }

  /** Media descriptions (null when the author wrote none), the link card and the poll's options. */
  descriptionsOf(status: Json): string[] {
    const out: string[] = [];
    for (const media of isArray(status.media_attachments) ? status.media_attachments : []) {
      if (isRecord(media) && isString(media.description) && media.description.trim()) out.push(media.description);
    }
    if (isRecord(status.card) && (isString(status.card.title) || isString(status.card.description))) {
      const line = [status.card.title, status.card.description].filter((v) => isString(v) && v.trim()).join(' — ');
      if (line) out.push(line);
    }
    const poll = pollOf(status);
    // A poll's options are words the author wrote (a poll can carry the whole message).
    if (poll && poll.options.length > 0) out.push(`Jajak pendapat / poll: ${poll.options.join(' / ')}`);
    return out;
  }

  /**
   * Image attachments' URLs (`type: image`), for OCR; videos and audio are not read. A remote image the
   * instance has not fetched has `url` null and only `remote_url`.
   */
  imagesOf(status: Json): string[] {
    const out: string[] = [];
    for (const media of isArray(status.media_attachments) ? status.media_attachments : []) {
      if (!isRecord(media) || media.type !== 'image') continue;
      const url = isString(media.url) ? media.url : isString(media.remote_url) ? media.remote_url : null;
      if (url) out.push(url);
    }
    return out;
  }

  /** Attachment types the Status entity documents; another one is reported and the status kept. */
  mediaOf(status: Json, externalId: string): { type: string; description: string | null; url: string | null }[] {
    const out: { type: string; description: string | null; url: string | null }[] = [];
    for (const media of isArray(status.media_attachments) ? status.media_attachments : []) {
      if (!isRecord(media)) continue;
      const type = isString(media.type) ? media.type : '';
      if (!MEDIA_TYPES.has(type)) this.ctx.unrecognisedPart(externalId, `media_attachments type "${type}"`);
      out.push({
        type,
        description: isString(media.description) ? media.description : null,
        url: isString(media.url) ? media.url : isString(media.remote_url) ? media.remote_url : null,
      });
    }
    return out;
  }

  async parent(id: string): Promise<Json | null> {
    if (this.parentLookups >= MAX_PARENT_LOOKUPS) return null;
    this.parentLookups++;
    const exchange = await this.ctx.get(`${this.base}/api/v1/statuses/${encodeURIComponent(id)}`);
    if (exchange.status !== 200) return null; // deleted or private parent: the reply keeps the parent's id
    // A parent in another shape costs the reply its context, not the crawl.
    const body = parseJson(exchange.body);
    return isRecord(body) && isString(body.id) ? body : null;
  }

  /** The edits of a status (oldest first); null when unavailable, an unknown shape reported on the status. */
  async history(id: string): Promise<{ createdAt: string | null; text: string }[] | null> {
    const exchange = await this.ctx.get(`${this.base}/api/v1/statuses/${encodeURIComponent(id)}/history`);
    if (exchange.status !== 200) return null;
    const body = parseJson(exchange.body);
    if (!isArray(body)) {
      this.ctx.unrecognisedPart(id, 'statuses/:id/history (array diharapkan / expected array)');
      return null;
    }
    return body.filter(isRecord).map((edit) => ({
      createdAt: isString(edit.created_at) ? edit.created_at : null,
      text: this.textOf(edit),
    }));
  }

  async statuses(cursor: StreamCursor | undefined): Promise<StreamCursor | undefined> {
    const { ctx } = this;
    let url: string | null = `${this.base}/api/v1/accounts/${encodeURIComponent(this.accountId)}/statuses?limit=40`;
    let newest: StreamCursor | undefined;
    for (let page = 0; url && page < ctx.maxPages && !ctx.full; page++) {
      const exchange: HttpExchange = await ctx.get(url);
      if (exchange.status === 401 || exchange.status === 403) {
        throw collectorError(
          COLLECTOR_ERROR.loginWall,
          `${ctx.who}: instans meminta login / instance requires login (HTTP ${exchange.status})`,
          { account: ctx.who, status: exchange.status },
        );
      }
      if (exchange.status === 404 || exchange.status === 410) {
        throw collectorError(
          COLLECTOR_ERROR.notFound,
          `${ctx.who}: akun hilang saat dibaca / account gone while read`,
          {
            account: ctx.who,
            status: exchange.status,
          },
        );
      }
      if (exchange.status !== 200) throw new ShapeError('(status)', `statuses: HTTP ${exchange.status}`);
      const body = need(jsonBody(exchange, 'statuses'), '(body)', isArray, 'array');
      if (body.length === 0) break;
      let reachedKnown = false;
      let recognised = 0;
      for (const [i, entry] of body.entries()) {
        if (ctx.full) break;
        const status = isRecord(entry) ? entry : {};
        if (!isString(status.id) || !isString(status.created_at) || !isRecord(status.account)) {
          ctx.itemProblem(`[${i}].id`, `status #${i}: id/created_at/account hilang / missing`, { position: i });
          continue;
        }
        recognised++;
        const createdAt = status.created_at;
        if (cursor?.newestAt && Date.parse(createdAt) <= Date.parse(cursor.newestAt)) {
          reachedKnown = true;
          break;
        }
        if (ctx.input.since && Date.parse(createdAt) < ctx.input.since.getTime()) {
          reachedKnown = true;
          break;
        }
        const reblog = isRecord(status.reblog) ? status.reblog : null;
        const shown = reblog ?? status;
        const url =
          (isString(status.url) ? status.url : null) ??
          (isString(shown.url) ? shown.url : null) ??
          (isString(status.uri) ? status.uri : '');
        let kind: PostKind = 'post';
        let context: { parentText?: string; parentAuthor?: string; parentCandidate?: string } | undefined;
        let text = this.textOf(status);
        const raw: Json = {
          source: 'accounts/:id/statuses',
          id: status.id,
          uri: status.uri ?? null,
          visibility: status.visibility ?? null,
          editedAt: status.edited_at ?? null,
          tags: isArray(status.tags) ? status.tags.filter(isRecord).map((t) => t.name) : [],
          sensitive: status.sensitive === true,
          spoilerText: isString(status.spoiler_text) && status.spoiler_text ? status.spoiler_text : null,
          media: this.mediaOf(reblog ?? status, status.id),
          poll: pollOf(reblog ?? status),
          card: isRecord((reblog ?? status).card)
            ? {
                url: ((reblog ?? status).card as Json).url ?? null,
                type: ((reblog ?? status).card as Json).type ?? null,
              }
            : null,
          counts: {
            replies: status.replies_count ?? null,
            reblogs: status.reblogs_count ?? null,
            favourites: status.favourites_count ?? null,
          },
        };
        if (reblog) {
          kind = 'share';
          text = '';
          const author = this.fullAcct(reblog.account);
          const reblogText = this.textOf(reblog);
          context = { parentText: reblogText, ...(author ? { parentAuthor: author } : {}) };
          raw.reblogOf = reblog.id ?? null;
          await ctx.addInteraction(
            {
              interaction: 'repost',
              externalId: status.id,
              at: createdAt,
              target: {
                type: 'post',
                externalId: String(reblog.id ?? ''),
                url: isString(reblog.url) ? reblog.url : null,
                authorHandle: author,
                text: reblogText,
                candidate: ctx.candidateOf(author),
              },
              fetchedAt: exchange.fetchedAt.toISOString(),
              raw: { source: 'accounts/:id/statuses' },
            },
            exchange,
          );
        } else if (isString(status.in_reply_to_id)) {
          kind = 'comment';
          raw.inReplyToId = status.in_reply_to_id;
          const parent = await this.parent(status.in_reply_to_id);
          const author = parent ? this.fullAcct(parent.account) : null;
          const parentText = parent ? this.textOf(parent) : null;
          context = { ...(parentText ? { parentText } : {}), ...(author ? { parentAuthor: author } : {}) };
          await ctx.addInteraction(
            {
              interaction: 'reply',
              externalId: status.id,
              at: createdAt,
              target: {
                type: 'post',
                externalId: status.in_reply_to_id,
                url: parent && isString(parent.url) ? parent.url : null,
                authorHandle: author,
                text: parentText,
                candidate: ctx.candidateOf(author),
              },
              fetchedAt: exchange.fetchedAt.toISOString(),
              raw: { source: 'accounts/:id/statuses', text },
            },
            exchange,
          );
        } else {
          const quote = quoteOf(status);
          if (quote) {
            // A quote post (Mastodon 4.4+): the author's own words about someone else's post, like a Bluesky quote.
            const author = quote.status ? this.fullAcct(quote.status.account) : null;
            const quoteText = quote.status ? this.textOf(quote.status) : null;
            context = { ...(quoteText ? { parentText: quoteText } : {}), ...(author ? { parentAuthor: author } : {}) };
            raw.quote = { id: quote.id, state: quote.state, url: quote.url };
            await ctx.addInteraction(
              {
                interaction: 'repost',
                externalId: status.id,
                at: createdAt,
                target: {
                  type: 'post',
                  externalId: quote.id,
                  url: quote.url,
                  authorHandle: author,
                  text: quoteText,
                  candidate: ctx.candidateOf(author),
                },
                fetchedAt: exchange.fetchedAt.toISOString(),
                raw: { source: 'accounts/:id/statuses', quote: true, state: quote.state, text },
              },
              exchange,
            );
          }
        }
        if (isString(status.edited_at)) raw.history = await this.history(status.id);
        const candidate = ctx.candidateOf(context?.parentAuthor);
        if (context && candidate) context.parentCandidate = candidate;
        await ctx.addPost(
          {
            externalId: status.id,
            url,
            kind,
            authorHandle: ctx.input.account.handle,
            text,
            postedAt: createdAt,
            ...(context && Object.keys(context).length > 0 ? { context } : {}),
            mediaDescriptions: this.descriptionsOf(shown),
            raw,
          },
          exchange,
          'json',
          this.imagesOf(shown),
        );
        if (!newest?.newestAt || Date.parse(createdAt) > Date.parse(newest.newestAt)) {
          newest = { newestId: status.id, newestAt: createdAt };
        }
      }
      // Not one status of a non-empty page in the documented shape: the API changed, not "no posts".
      if (recognised === 0 && !reachedKnown) {
        throw new ShapeError('[].id', 'statuses: tidak ada status yang dikenali / no status recognised');
      }
      if (reachedKnown) break;
      const next = nextLink(exchange.headers.link);
      url = next ? this.follow(next) : null;
    }
    return newest ?? cursor;
  }

  /** Accounts this account follows (public unless the owner hides them; then the list is empty). */
  async following(cursor: StreamCursor | undefined): Promise<StreamCursor | undefined> {
    const { ctx } = this;
    let url: string | null = `${this.base}/api/v1/accounts/${encodeURIComponent(this.accountId)}/following?limit=80`;
    let newest: StreamCursor | undefined;
    for (let page = 0; url && page < ctx.maxPages; page++) {
      const exchange: HttpExchange = await ctx.get(url);
      if ([401, 403, 404, 410].includes(exchange.status)) {
        // An instance may hide the list or want a login for it: the statuses already read stay, the follows
        // cursor stays where it was.
        ctx.errors.push(
          collectorError(
            COLLECTOR_ERROR.apiFailed,
            `${ctx.who}: follows tidak tersedia / unavailable (HTTP ${exchange.status})`,
            { account: ctx.who, stream: 'follows', status: exchange.status, url: exchange.requestUrl },
          ),
        );
        return cursor;
      }
      if (exchange.status !== 200) throw new ShapeError('(status)', `following: HTTP ${exchange.status}`);
      const body = need(jsonBody(exchange, 'following'), '(body)', isArray, 'array');
      if (body.length === 0) break;
      let reachedKnown = false;
      for (const [i, entry] of body.entries()) {
        const account = isRecord(entry) ? entry : {};
        const acct = this.fullAcct(account);
        if (!isString(account.id) || !acct) {
          ctx.itemProblem(`[${i}].acct`, `following #${i}: id/acct hilang / missing`);
          continue;
        }
        if (cursor?.newestId && acct === cursor.newestId) {
          reachedKnown = true;
          break;
        }
        newest ??= { newestId: acct, newestAt: exchange.fetchedAt.toISOString() };
        await ctx.addInteraction(
          {
            interaction: 'follow',
            externalId: `follow:${ctx.input.account.handle}:${acct}`,
            at: null,
            target: {
              type: 'account',
              externalId: account.id,
              url: isString(account.url) ? account.url : null,
              authorHandle: acct,
              text: isString(account.note) ? statusHtmlText(account.note, MAX_STATUS_HTML_CHARS) : null,
              candidate: ctx.candidateOf(acct),
            },
            fetchedAt: exchange.fetchedAt.toISOString(),
            raw: { source: 'accounts/:id/following' },
          },
          exchange,
        );
      }
      if (reachedKnown) break;
      const next = nextLink(exchange.headers.link);
      url = next ? this.follow(next) : null;
    }
    return newest ?? cursor;
  }
}

/**
 * Collects a Mastodon account `user@instance` from its instance's public API: statuses (posts, replies with
 * their parent, boosts, media descriptions, edits with their history) and, with `interactions`, follows.
 * Favourites are private on Mastodon and cannot be collected.
 */
export async function collectMastodon(input: ApiCollectInput): Promise<ApiCollectResult> {
  const ctx = new ApiCrawlContext(input, MASTODON_COLLECTOR);
  const acct = splitAcct(input.account.handle);
  if (!acct) return ctx.notFound('akun Mastodon harus pengguna@instans / must be user@instance');
  const crawl = new MastodonCrawl(ctx, acct.instance);
  const cursors: ApiCursors = {};
  try {
    const exchange = await ctx.get(`${crawl.base}/api/v1/accounts/lookup?acct=${encodeURIComponent(acct.user)}`);
    if (exchange.status === 404 || exchange.status === 410) return ctx.notFound();
    // Instances in "limited federation" / authorized-fetch mode answer the public API with 401 or 403.
    if (exchange.status === 401 || exchange.status === 403) {
      throw collectorError(
        COLLECTOR_ERROR.loginWall,
        `${ctx.who}: instans meminta login / instance requires login (HTTP ${exchange.status})`,
        { account: ctx.who, status: exchange.status },
      );
    }
    if (exchange.status !== 200) throw new ShapeError('(status)', `accounts/lookup: HTTP ${exchange.status}`);
    const account = need(jsonBody(exchange, 'accounts/lookup'), '(body)', isRecord, 'object');
    crawl.accountId = need(account.id, 'id', isString, 'string');
    const posts = await crawl.statuses(input.cursors?.posts);
    if (posts) cursors.posts = posts;
    if (input.interactions) {
      const follows = await crawl.following(input.cursors?.follows);
      if (follows) cursors.follows = follows;
    }
  } catch (error) {
    return ctx.failed(error);
  }
  return ctx.result('ok', { cursors });
}
