import type { PostKind } from '@netra/core';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import { ApiCrawlContext, isArray, isoTime, isRecord, isString, jsonBody, need } from './api-context.ts';
import type { ApiCollectInput, ApiCollectResult, ApiCursors, InteractionTarget, StreamCursor } from './api-types.ts';
import { ShapeError } from './api-types.ts';
import type { HttpExchange } from './http-client.ts';

/** Bluesky's public AppView: profiles, feeds, follows and post hydration without an account. */
export const BLUESKY_APPVIEW = 'https://public.api.bsky.app';
export const PLC_DIRECTORY = 'https://plc.directory';
export const BLUESKY_COLLECTOR = { name: 'bluesky-api', version: '1.1.0' };

/** A facet with its UTF-8 byte range and the text that range covers (facets index bytes, not characters). */
export interface BlueskyFacet {
  byteStart: number;
  byteEnd: number;
  text: string | null;
  features: { type: string; did?: string; uri?: string; tag?: string }[];
}

export function facetsOf(text: string, facets: unknown): BlueskyFacet[] {
  if (!isArray(facets)) return [];
  const bytes = Buffer.from(text, 'utf8');
  const out: BlueskyFacet[] = [];
  for (const facet of facets) {
    if (!isRecord(facet) || !isRecord(facet.index)) continue;
    const start = Number(facet.index.byteStart);
    const end = Number(facet.index.byteEnd);
    const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= bytes.length && start < end;
    const features = (isArray(facet.features) ? facet.features : []).filter(isRecord).map((f) => {
      const type = String(f.$type ?? '').replace(/^app\.bsky\.richtext\.facet#/, '');
      return {
        type,
        ...(isString(f.did) ? { did: f.did } : {}),
        ...(isString(f.uri) ? { uri: f.uri } : {}),
        ...(isString(f.tag) ? { tag: f.tag } : {}),
      };
    });
    out.push({
      byteStart: start,
      byteEnd: end,
      text: valid ? bytes.subarray(start, end).toString('utf8') : null,
      features,
    });
  }
  return out;
}

/** An XRPC GET URL; an array parameter is repeated (`uris=…&uris=…`), undefined ones are left out. */
export function xrpcUrl(base: string, method: string, params: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
  }
  return `${base}/xrpc/${method}?${query}`;
}

function rkeyOf(uri: string): string {
  return uri.split('/').pop() ?? uri;
}

/** The post's page on bsky.app (the reverse crawl of candidates' replies builds the same URLs). */
export function postUrl(handle: string, uri: string): string {
  // An account whose handle no longer verifies is shown as `handle.invalid`; its DID still addresses it.
  const who = handle === 'handle.invalid' ? (/^at:\/\/([^/]+)\//.exec(uri)?.[1] ?? handle) : handle;
  return `https://bsky.app/profile/${encodeURIComponent(who).replace(/%3A/gi, ':')}/post/${encodeURIComponent(rkeyOf(uri))}`;
}

interface EmbedParts {
  alts: string[];
  /** `fullsize` URLs of the post's images (app.bsky.embed.images#view), for OCR. */
  images: string[];
  /** Video poster frames (app.bsky.embed.video#view `thumbnail`), kept in `raw`. */
  videoThumbnails: string[];
  linkCard: { uri: string; title: string; description: string } | null;
  /**
   * The quoted post. `state` says what the AppView could show: `ok` (text and author), or `notFound`,
   * `blocked`, `detached` (the quote was removed by its author) — then only the URI is known.
   */
  quote: {
    uri: string;
    authorHandle: string | null;
    text: string | null;
    state: 'ok' | 'notFound' | 'blocked' | 'detached';
  } | null;
  /** A record that is not a post (feed generator, list, starter pack, labeler) embedded like a quote. */
  embeddedRecord: { type: string; uri: string | null; name: string | null; description: string | null } | null;
  /** `$type`s of embed parts the collector does not know: the post is kept, the part reported. */
  unknown: string[];
}

const EMBED = 'app.bsky.embed.';
/** Records the AppView may put in `app.bsky.embed.record#view` that are not posts (lexicon unions). */
const NON_POST_RECORDS: Record<string, { name: string; description: string }> = {
  'app.bsky.feed.defs#generatorView': { name: 'displayName', description: 'description' },
  'app.bsky.graph.defs#listView': { name: 'name', description: 'description' },
  'app.bsky.graph.defs#listViewBasic': { name: 'name', description: 'description' },
  'app.bsky.graph.defs#starterPackViewBasic': { name: 'record.name', description: 'record.description' },
  'app.bsky.graph.defs#starterPackView': { name: 'record.name', description: 'record.description' },
  'app.bsky.labeler.defs#labelerView': { name: 'creator.displayName', description: 'creator.description' },
};

function pathOf(value: Record<string, unknown>, path: string): string | null {
  let at: unknown = value;
  for (const key of path.split('.')) at = isRecord(at) ? at[key] : undefined;
  return isString(at) && at.trim() ? at : null;
}

/** The embedded record of an `app.bsky.embed.record#view` (or a recordWithMedia's inner view). */
function visitRecord(quoted: unknown, parts: EmbedParts): void {
  if (!isRecord(quoted)) return;
  const type = String(quoted.$type ?? '');
  const uri = isString(quoted.uri) ? quoted.uri : null;
  const nonPost = NON_POST_RECORDS[type];
  if (nonPost) {
    parts.embeddedRecord ??= {
      type,
      uri,
      name: pathOf(quoted, nonPost.name),
      description: pathOf(quoted, nonPost.description),
    };
    return;
  }
  // The lexicon's post views; an older AppView left `$type` out, so the flags and fields decide as well.
  const state =
    type.endsWith('#viewNotFound') || quoted.notFound === true
      ? 'notFound'
      : type.endsWith('#viewBlocked') || quoted.blocked === true
        ? 'blocked'
        : type.endsWith('#viewDetached') || quoted.detached === true
          ? 'detached'
          : type.endsWith('#viewRecord') || (!type && isRecord(quoted.value))
            ? 'ok'
            : null;
  if (!state || !uri) {
    parts.unknown.push(type || 'app.bsky.embed.record#view.record');
    return;
  }
  if (parts.quote) return;
  const author = isRecord(quoted.author) && isString(quoted.author.handle) ? quoted.author.handle : null;
  const value = isRecord(quoted.value) ? quoted.value : null;
  parts.quote = {
    uri,
    authorHandle: state === 'ok' ? author : null,
    text: state === 'ok' && value && isString(value.text) ? value.text : null,
    state,
  };
}

/**
 * Image alt texts, video alt text, the link card and the quoted post of a post view's embed (and its record's,
 * as fallback when the AppView sent no view). Each `app.bsky.embed.*#view` of the lexicon is read by its
 * type; an unknown type is listed in `unknown` and the rest of the post is kept.
 */
function embedParts(view: unknown, record: unknown): EmbedParts {
  const parts: EmbedParts = {
    alts: [],
    images: [],
    videoThumbnails: [],
    linkCard: null,
    quote: null,
    embeddedRecord: null,
    unknown: [],
  };
  const visit = (embed: unknown) => {
    if (!isRecord(embed)) return;
    const type = String(embed.$type ?? '');
    const kind = type.startsWith(EMBED) ? type.slice(EMBED.length).replace(/#view$/, '') : type ? null : '';
    if (kind === 'images' || (kind === '' && isArray(embed.images))) {
      for (const image of isArray(embed.images) ? embed.images : []) {
        if (isRecord(image) && isString(image.alt) && image.alt.trim()) parts.alts.push(image.alt);
        if (isRecord(image) && isString(image.fullsize)) parts.images.push(image.fullsize);
      }
    } else if (kind === 'video') {
      if (isString(embed.alt) && embed.alt.trim()) parts.alts.push(embed.alt);
      if (isString(embed.thumbnail)) parts.videoThumbnails.push(embed.thumbnail);
    } else if (kind === 'external' || (kind === '' && isRecord(embed.external))) {
      const external = isRecord(embed.external) ? embed.external : {};
      if (isString(external.uri)) {
        parts.linkCard = {
          uri: external.uri,
          title: isString(external.title) ? external.title : '',
          description: isString(external.description) ? external.description : '',
        };
      }
    } else if (kind === 'recordWithMedia') {
      visit(embed.media);
      // `record` is an app.bsky.embed.record#view whose own `record` is the quoted view.
      if (isRecord(embed.record)) visitRecord(embed.record.record, parts);
    } else if (kind === 'record' || (kind === '' && isRecord(embed.record))) {
      visitRecord(embed.record, parts);
    } else {
      parts.unknown.push(type || '(embed tanpa $type / without $type)');
    }
  };
  visit(view);
  if (parts.alts.length === 0 && isRecord(record)) {
    const embed = record.embed;
    if (isRecord(embed)) {
      const images = isArray(embed.images)
        ? embed.images
        : isRecord(embed.media) && isArray(embed.media.images)
          ? embed.media.images
          : [];
      for (const image of images)
        if (isRecord(image) && isString(image.alt) && image.alt.trim()) parts.alts.push(image.alt);
      const video = isRecord(embed.video)
        ? embed
        : isRecord(embed.media) && isRecord(embed.media.video)
          ? embed.media
          : null;
      if (video && isString(video.alt) && video.alt.trim()) parts.alts.push(video.alt);
    }
  }
  return parts;
}

/** Label values (`val`, negated ones marked `-val`) of a view's `labels` (com.atproto.label.defs#label). */
function labelsOf(labels: unknown): string[] {
  if (!isArray(labels)) return [];
  return labels
    .filter(isRecord)
    .filter((l) => isString(l.val))
    .map((l) => `${l.neg === true ? '-' : ''}${String(l.val)}`);
}

/** A hydrated post view's author handle and text, or nulls for notFound/blocked views. */
function viewSummary(view: unknown): { uri: string | null; handle: string | null; text: string | null } {
  if (!isRecord(view)) return { uri: null, handle: null, text: null };
  const uri = isString(view.uri) ? view.uri : null;
  const handle = isRecord(view.author) && isString(view.author.handle) ? view.author.handle : null;
  const text = isRecord(view.record) && isString(view.record.text) ? view.record.text : null;
  return { uri, handle, text };
}

class BlueskyCrawl {
  readonly ctx: ApiCrawlContext;
  readonly appview: string;
  did = '';
  handle = '';

  constructor(ctx: ApiCrawlContext) {
    this.ctx = ctx;
    this.appview = ctx.origin(BLUESKY_APPVIEW);
  }

  xrpc(base: string, method: string, params: Record<string, string | string[] | undefined>): string {
    return xrpcUrl(base, method, params);
  }

  /**
   * What an XRPC error answer says about the actor: `gone` for an unknown, invalid, taken-down or deactivated
   * account (the AppView answers 400 `{error, message}`: InvalidRequest "Profile not found", AccountTakedown,
   * AccountDeactivated…), `login` when the method wants authentication, null for anything else.
   */
  actorState(exchange: HttpExchange): { state: 'gone' | 'login'; error: string; message: string } | null {
    let error = '';
    let message = '';
    try {
      const body = JSON.parse(exchange.body) as unknown;
      if (isRecord(body)) {
        error = isString(body.error) ? body.error : '';
        message = isString(body.message) ? body.message : '';
      }
    } catch {
      // not an XRPC error body; only the status speaks
    }
    if (exchange.status === 401 || /^Auth(Missing|Required)$/.test(error)) return { state: 'login', error, message };
    if (exchange.status === 404 || exchange.status === 410) return { state: 'gone', error, message };
    if (exchange.status !== 400) return null;
    if (/^Account(Takedown|Deactivated|Suspended)$|^(RepoNotFound|ProfileNotFound|NotFound)$/.test(error)) {
      return { state: 'gone', error, message };
    }
    const text = `${error} ${message}`;
    if (
      /not ?found|unable to resolve|could not (find|resolve)|must be a valid (did|handle)|invalid (handle|did)|deactivated|takedown|suspended/i.test(
        text,
      )
    ) {
      return { state: 'gone', error, message };
    }
    return null;
  }

  target(view: unknown, fallbackUri: string): InteractionTarget {
    const summary = viewSummary(view);
    const uri = summary.uri ?? fallbackUri;
    return {
      type: 'post',
      externalId: uri,
      url: summary.handle ? postUrl(summary.handle, uri) : null,
      authorHandle: summary.handle,
      text: summary.text,
      candidate: this.ctx.candidateOf(summary.handle),
    };
  }

  async posts(cursor: StreamCursor | undefined): Promise<StreamCursor | undefined> {
    const { ctx } = this;
    let next: string | undefined;
    let newest: StreamCursor | undefined;
    for (let page = 0; page < ctx.maxPages && !ctx.full; page++) {
      const exchange = await ctx.get(
        this.xrpc(this.appview, 'app.bsky.feed.getAuthorFeed', {
          actor: this.did,
          limit: '100',
          filter: 'posts_with_replies',
          cursor: next,
        }),
      );
      if (exchange.status !== 200) {
        if (this.actorState(exchange)?.state === 'gone') {
          throw collectorError(
            COLLECTOR_ERROR.notFound,
            `${ctx.who}: akun hilang saat dibaca / account gone while read`,
            {
              account: ctx.who,
              status: exchange.status,
            },
          );
        }
        throw new ShapeError('(status)', `getAuthorFeed: HTTP ${exchange.status}`);
      }
      const body = need(jsonBody(exchange, 'getAuthorFeed'), '(body)', isRecord, 'object');
      const feed = need(body.feed, 'feed', isArray, 'array');
      if (feed.length === 0) break;
      let reachedKnown = false;
      let recognised = 0;
      for (const [i, entry] of feed.entries()) {
        if (ctx.full) break;
        const item = isRecord(entry) ? entry : {};
        const post = isRecord(item.post) ? item.post : null;
        const record = post && isRecord(post.record) ? post.record : null;
        const author = post && isRecord(post.author) ? post.author : null;
        if (!post || !isString(post.uri) || !record || !author || !isString(author.handle)) {
          ctx.itemProblem(`feed[${i}].post`, `feed[${i}]: post.uri/author/record hilang / missing`, { position: i });
          continue;
        }
        recognised++;
        const reason = isRecord(item.reason) ? item.reason : null;
        const reasonType = String(reason?.$type ?? '');
        const isRepost = reason !== null && reasonType.endsWith('#reasonRepost');
        if (reason && !isRepost) {
          // A pinned post (#reasonPin) is also listed in its place; another reason is new to the collector.
          if (!reasonType.endsWith('#reasonPin')) ctx.unrecognisedPart(post.uri, `feed[${i}].reason ${reasonType}`);
          continue;
        }
        const indexedAt =
          (isRepost && isString(reason?.indexedAt) ? reason.indexedAt : null) ??
          (isString(post.indexedAt) ? post.indexedAt : null) ??
          (isString(record.createdAt) ? record.createdAt : null);
        if (cursor?.newestAt && indexedAt && Date.parse(indexedAt) <= Date.parse(cursor.newestAt)) {
          reachedKnown = true;
          break;
        }
        if (ctx.input.since && indexedAt && Date.parse(indexedAt) < ctx.input.since.getTime()) {
          reachedKnown = true;
          break;
        }
        const text = isString(record.text) ? record.text : '';
        const embeds = embedParts(post.embed, record);
        for (const part of embeds.unknown) ctx.unrecognisedPart(post.uri, `embed ${part}`);
        const facets = facetsOf(text, record.facets);
        const replyRef = isRecord(record.reply) && isRecord(record.reply.parent) ? record.reply.parent : null;
        const parentView = isRecord(item.reply) ? item.reply.parent : null;
        const mediaDescriptions = [
          ...embeds.alts,
          ...(embeds.linkCard
            ? [[embeds.linkCard.title, embeds.linkCard.description].filter(Boolean).join(' — ')]
            : []),
          ...(embeds.embeddedRecord
            ? [[embeds.embeddedRecord.name, embeds.embeddedRecord.description].filter(Boolean).join(' — ')]
            : []),
        ].filter((d) => d.trim().length > 0);
        const common = {
          mediaDescriptions,
          raw: {
            source: 'app.bsky.feed.getAuthorFeed',
            uri: post.uri,
            cid: post.cid ?? null,
            indexedAt,
            facets,
            links: facets.flatMap((f) => f.features.filter((x) => x.uri).map((x) => x.uri)),
            linkCard: embeds.linkCard,
            quote: embeds.quote,
            embeddedRecord: embeds.embeddedRecord,
            videoThumbnails: embeds.videoThumbnails,
            replyTo: replyRef && isString(replyRef.uri) ? replyRef.uri : null,
            // Moderation labels (e.g. `!hide`, `porn`) and a reply gate say how the platform treats the post.
            labels: labelsOf(post.labels),
            threadgate: isRecord(post.threadgate) ? (post.threadgate.uri ?? true) : null,
            counts: {
              likes: post.likeCount ?? null,
              reposts: post.repostCount ?? null,
              replies: post.replyCount ?? null,
            },
          },
        };
        let kind: PostKind = 'post';
        let externalId = post.uri;
        let context: { parentText?: string; parentAuthor?: string; parentCandidate?: string } | undefined;
        let authorHandle = author.handle;
        if (isRepost) {
          kind = 'share';
          externalId = isString(reason?.uri) ? reason.uri : `repost:${this.did}:${post.uri}`;
          authorHandle = this.handle;
          context = { parentText: text, parentAuthor: author.handle };
          await ctx.addInteraction(
            {
              interaction: 'repost',
              externalId,
              at: indexedAt,
              target: this.target(post, post.uri),
              fetchedAt: exchange.fetchedAt.toISOString(),
              raw: { source: 'app.bsky.feed.getAuthorFeed' },
            },
            exchange,
          );
        } else if (replyRef) {
          kind = 'comment';
          const parent = viewSummary(parentView);
          context = {
            ...(parent.text ? { parentText: parent.text } : {}),
            ...(parent.handle ? { parentAuthor: parent.handle } : {}),
          };
          await ctx.addInteraction(
            {
              interaction: 'reply',
              externalId: post.uri,
              at: indexedAt,
              target: this.target(parentView, isString(replyRef.uri) ? replyRef.uri : ''),
              fetchedAt: exchange.fetchedAt.toISOString(),
              raw: { source: 'app.bsky.feed.getAuthorFeed', text },
            },
            exchange,
          );
        } else if (embeds.quote) {
          context = {
            ...(embeds.quote.text ? { parentText: embeds.quote.text } : {}),
            ...(embeds.quote.authorHandle ? { parentAuthor: embeds.quote.authorHandle } : {}),
          };
          await ctx.addInteraction(
            {
              interaction: 'repost',
              externalId: post.uri,
              at: indexedAt,
              target: {
                type: 'post',
                externalId: embeds.quote.uri,
                url: embeds.quote.authorHandle ? postUrl(embeds.quote.authorHandle, embeds.quote.uri) : null,
                authorHandle: embeds.quote.authorHandle,
                text: embeds.quote.text,
                candidate: ctx.candidateOf(embeds.quote.authorHandle),
              },
              fetchedAt: exchange.fetchedAt.toISOString(),
              raw: { source: 'app.bsky.feed.getAuthorFeed', quote: true, text },
            },
            exchange,
          );
        }
        const candidate = ctx.candidateOf(context?.parentAuthor);
        if (context && candidate) context.parentCandidate = candidate;
        await ctx.addPost(
          {
            externalId,
            url: postUrl(author.handle, post.uri),
            kind,
            authorHandle,
            text: isRepost ? '' : text,
            // A record's createdAt is what the client wrote (no zone, year 0001…); the AppView's time is the fallback.
            postedAt: isRepost
              ? indexedAt
              : (isoTime(isString(record.createdAt) ? record.createdAt : null) ?? indexedAt),
            ...(context && Object.keys(context).length > 0 ? { context } : {}),
            ...common,
          },
          exchange,
          'json',
          embeds.images,
        );
        if (indexedAt && (!newest?.newestAt || Date.parse(indexedAt) > Date.parse(newest.newestAt))) {
          newest = { newestId: externalId, newestAt: indexedAt };
        }
      }
      // Not one item of a non-empty page in the documented shape: the feed changed, not "no posts".
      if (recognised === 0 && !reachedKnown)
        throw new ShapeError('feed[].post', 'getAuthorFeed: tidak ada item yang dikenali / no item recognised');
      const nextCursor = isString(body.cursor) && body.cursor ? body.cursor : undefined;
      if (reachedKnown || !nextCursor || nextCursor === next) break;
      next = nextCursor;
    }
    return newest ?? cursor;
  }

  /** The account's PDS from its DID document; null when the directory no longer has it (404, 410 tombstone). */
  async pds(): Promise<string | null> {
    if (this.ctx.overridden) return this.appview;
    const url = this.did.startsWith('did:web:')
      ? `https://${decodeURIComponent(this.did.slice('did:web:'.length))}/.well-known/did.json`
      : `${PLC_DIRECTORY}/${this.did}`;
    const exchange = await this.ctx.get(url);
    if (exchange.status === 404 || exchange.status === 410) {
      this.streamUnavailable('likes', exchange);
      return null;
    }
    const doc = need(jsonBody(exchange, 'DID document'), '(did document)', isRecord, 'object');
    const services = need(doc.service, 'service', isArray, 'array');
    for (const service of services) {
      if (isRecord(service) && String(service.id ?? '').endsWith('#atproto_pds') && isString(service.serviceEndpoint)) {
        return service.serviceEndpoint.replace(/\/+$/, '');
      }
    }
    throw new ShapeError('service', 'DID document: layanan #atproto_pds tidak ada / no #atproto_pds service');
  }

  /**
   * Likes or follows the platform refuses with a documented error (repo deactivated or taken down, DID gone):
   * reported, the posts already read kept; the stream's cursor stays where it was.
   */
  streamUnavailable(stream: 'likes' | 'follows', exchange: HttpExchange): void {
    let reason = `HTTP ${exchange.status}`;
    try {
      const body = JSON.parse(exchange.body) as unknown;
      if (isRecord(body)) reason = [body.error, body.message].filter(isString).join(': ') || reason;
    } catch {
      // the status says enough
    }
    this.ctx.errors.push(
      collectorError(COLLECTOR_ERROR.apiFailed, `${this.ctx.who}: ${stream} tidak tersedia / unavailable (${reason})`, {
        account: this.ctx.who,
        stream,
        status: exchange.status,
        url: exchange.requestUrl,
      }),
    );
  }

  /** An XRPC error answer (`{error: "..."}` with a 4xx): the documented way to refuse, not a changed shape. */
  isXrpcError(exchange: HttpExchange): boolean {
    if (exchange.status < 400 || exchange.status >= 500) return false;
    try {
      const body = JSON.parse(exchange.body) as unknown;
      return isRecord(body) && isString(body.error);
    } catch {
      return false;
    }
  }

  /** Public like records from the account's repository, newest first, hydrated with their target posts. */
  async likes(cursor: StreamCursor | undefined): Promise<StreamCursor | undefined> {
    const { ctx } = this;
    const pds = await this.pds();
    if (!pds) return cursor;
    let next: string | undefined;
    let newest: StreamCursor | undefined;
    const found: { uri: string; subject: string; at: string | null; fetchedAt: string; exchange: HttpExchange }[] = [];
    for (let page = 0; page < ctx.maxPages; page++) {
      const exchange = await ctx.get(
        this.xrpc(pds, 'com.atproto.repo.listRecords', {
          repo: this.did,
          collection: 'app.bsky.feed.like',
          limit: '100',
          cursor: next,
        }),
      );
      if (exchange.status !== 200) {
        if (!this.isXrpcError(exchange)) throw new ShapeError('(status)', `listRecords: HTTP ${exchange.status}`);
        // Likes read before the refusal stay; the cursor is not moved past what was not read.
        this.streamUnavailable('likes', exchange);
        newest = undefined;
        break;
      }
      const body = need(jsonBody(exchange, 'listRecords'), '(body)', isRecord, 'object');
      const records = need(body.records, 'records', isArray, 'array');
      if (records.length === 0) break;
      let reachedKnown = false;
      for (const [i, entry] of records.entries()) {
        const rec = isRecord(entry) ? entry : {};
        const value = isRecord(rec.value) ? rec.value : null;
        const subject = value && isRecord(value.subject) ? value.subject : null;
        if (!isString(rec.uri) || !subject || !isString(subject.uri)) {
          ctx.itemProblem(`records[${i}].value.subject.uri`, `like #${i}: subject.uri hilang / missing`);
          continue;
        }
        // Record keys are TIDs: time-ordered strings, so the last seen key bounds the incremental read.
        if (cursor?.newestId && rkeyOf(rec.uri) <= rkeyOf(cursor.newestId)) {
          reachedKnown = true;
          break;
        }
        const at = value && isString(value.createdAt) ? value.createdAt : null;
        if (ctx.input.since && at && Date.parse(at) < ctx.input.since.getTime()) {
          reachedKnown = true;
          break;
        }
        found.push({ uri: rec.uri, subject: subject.uri, at, fetchedAt: exchange.fetchedAt.toISOString(), exchange });
        if (!newest || rkeyOf(rec.uri) > rkeyOf(newest.newestId ?? '')) newest = { newestId: rec.uri, newestAt: at };
      }
      const nextCursor = isString(body.cursor) && body.cursor ? body.cursor : undefined;
      if (reachedKnown || !nextCursor || nextCursor === next) break;
      next = nextCursor;
    }
    const views = new Map<string, unknown>();
    const subjects = [...new Set(found.map((f) => f.subject))];
    for (let i = 0; i < subjects.length; i += 25) {
      const exchange = await ctx.get(
        this.xrpc(this.appview, 'app.bsky.feed.getPosts', { uris: subjects.slice(i, i + 25) }),
      );
      if (exchange.status !== 200) continue; // the likes stay, without their targets' text
      const body = jsonBody(exchange, 'getPosts');
      if (isRecord(body) && isArray(body.posts)) {
        for (const view of body.posts) if (isRecord(view) && isString(view.uri)) views.set(view.uri, view);
      }
    }
    for (const like of found) {
      await ctx.addInteraction(
        {
          interaction: 'like',
          externalId: like.uri,
          at: like.at,
          target: this.target(views.get(like.subject), like.subject),
          fetchedAt: like.fetchedAt,
          raw: { source: 'com.atproto.repo.listRecords', subject: like.subject, hydrated: views.has(like.subject) },
        },
        like.exchange,
      );
    }
    return newest ?? cursor;
  }

  async follows(cursor: StreamCursor | undefined): Promise<StreamCursor | undefined> {
    const { ctx } = this;
    let next: string | undefined;
    let newest: StreamCursor | undefined;
    for (let page = 0; page < ctx.maxPages; page++) {
      const exchange = await ctx.get(
        this.xrpc(this.appview, 'app.bsky.graph.getFollows', { actor: this.did, limit: '100', cursor: next }),
      );
      if (exchange.status !== 200) {
        if (!this.isXrpcError(exchange)) throw new ShapeError('(status)', `getFollows: HTTP ${exchange.status}`);
        this.streamUnavailable('follows', exchange);
        return cursor;
      }
      const body = need(jsonBody(exchange, 'getFollows'), '(body)', isRecord, 'object');
      const follows = need(body.follows, 'follows', isArray, 'array');
      if (follows.length === 0) break;
      let reachedKnown = false;
      for (const [i, entry] of follows.entries()) {
        const profile = isRecord(entry) ? entry : {};
        if (!isString(profile.did) || !isString(profile.handle)) {
          ctx.itemProblem(`follows[${i}].did`, `follow #${i}: did/handle hilang / missing`);
          continue;
        }
        // getFollows lists the newest follow first and gives no time: the newest followed DID is the cursor.
        if (cursor?.newestId && profile.did === cursor.newestId) {
          reachedKnown = true;
          break;
        }
        newest ??= { newestId: profile.did, newestAt: exchange.fetchedAt.toISOString() };
        await ctx.addInteraction(
          {
            interaction: 'follow',
            externalId: `follow:${this.did}:${profile.did}`,
            at: null,
            target: {
              type: 'account',
              externalId: profile.did,
              url: `https://bsky.app/profile/${encodeURIComponent(profile.handle)}`,
              authorHandle: profile.handle,
              text: isString(profile.description) ? profile.description : null,
              candidate: ctx.candidateOf(profile.handle),
            },
            fetchedAt: exchange.fetchedAt.toISOString(),
            raw: { source: 'app.bsky.graph.getFollows', displayName: profile.displayName ?? null },
          },
          exchange,
        );
      }
      const nextCursor = isString(body.cursor) && body.cursor ? body.cursor : undefined;
      if (reachedKnown || !nextCursor || nextCursor === next) break;
      next = nextCursor;
    }
    return newest ?? cursor;
  }
}

/** Collects a Bluesky account: profile, author feed (posts, replies, reposts, quotes), likes and follows. */
export async function collectBluesky(input: ApiCollectInput): Promise<ApiCollectResult> {
  const ctx = new ApiCrawlContext(input, BLUESKY_COLLECTOR);
  const crawl = new BlueskyCrawl(ctx);
  let exchange: HttpExchange | undefined;
  const cursors: ApiCursors = {};
  try {
    exchange = await ctx.get(
      crawl.xrpc(crawl.appview, 'app.bsky.actor.getProfile', { actor: input.account.handle.replace(/^@/, '') }),
    );
    const actor = crawl.actorState(exchange);
    if (actor?.state === 'gone') {
      // The platform's reason (taken down, deactivated, unknown) stays in the message for the operator.
      return ctx.notFound(
        `akun tidak ditemukan / account not found${actor.error || actor.message ? ` (${[actor.error, actor.message].filter(Boolean).join(': ')})` : ''}`,
      );
    }
    if (actor?.state === 'login') {
      throw collectorError(COLLECTOR_ERROR.loginWall, `${ctx.who}: AppView meminta login / AppView requires login`, {
        account: ctx.who,
        status: exchange.status,
      });
    }
    if (exchange.status !== 200) throw new ShapeError('(status)', `getProfile: HTTP ${exchange.status}`);
    const profile = need(jsonBody(exchange, 'getProfile'), '(body)', isRecord, 'object');
    crawl.did = need(profile.did, 'did', isString, 'string');
    crawl.handle = need(profile.handle, 'handle', isString, 'string');
    const posts = await crawl.posts(input.cursors?.posts);
    if (posts) cursors.posts = posts;
    if (input.interactions) {
      const likes = await crawl.likes(input.cursors?.likes);
      if (likes) cursors.likes = likes;
      const follows = await crawl.follows(input.cursors?.follows);
      if (follows) cursors.follows = follows;
    }
  } catch (error) {
    return ctx.failed(error);
  }
  return ctx.result('ok', { cursors });
}
