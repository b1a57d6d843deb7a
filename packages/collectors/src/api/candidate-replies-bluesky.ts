import { isArray, isRecord, isString, jsonBody, need } from './api-context.ts';
import { ShapeError } from './api-types.ts';
import { BLUESKY_APPVIEW, BLUESKY_COLLECTOR, postUrl, xrpcUrl as xrpc } from './bluesky.ts';
import {
  type CandidateRepliesInput,
  type CandidateRepliesResult,
  ReplySink,
  reverseContext,
} from './candidate-replies.ts';
import type { HttpExchange } from './http-client.ts';

type Json = Record<string, unknown>;

/** Reply levels read below each candidate post (the lexicon's default is 6). */
const THREAD_DEPTH = 6;

/** Image alt texts and `fullsize` URLs of a post view (the forward crawl keeps the same). */
function imagesOf(post: Json): { alts: string[]; urls: string[] } {
  const out = { alts: [] as string[], urls: [] as string[] };
  const visit = (embed: unknown) => {
    if (!isRecord(embed)) return;
    if (isArray(embed.images))
      for (const image of embed.images) {
        if (isRecord(image) && isString(image.alt) && image.alt.trim()) out.alts.push(image.alt);
        if (isRecord(image) && isString(image.fullsize)) out.urls.push(image.fullsize);
      }
    if (isRecord(embed.media)) visit(embed.media);
  };
  visit(post.embed);
  return out;
}

/**
 * Reverse crawl on Bluesky: the candidate's newest own posts (`getAuthorFeed`, `posts_no_replies`), then each
 * post's thread (`getPostThread`, `depth` levels). Every reply whose direct parent is a post by the candidate
 * is reported, whoever wrote it (the caller keeps the watched authors). `#notFoundPost` and `#blockedPost`
 * nodes are skipped and counted; a thread that is itself not found is a notice, not a failure.
 */
export async function candidateRepliesBluesky(input: CandidateRepliesInput): Promise<CandidateRepliesResult> {
  const ctx = reverseContext(input, BLUESKY_COLLECTOR);
  const sink = new ReplySink(ctx);
  const appview = ctx.origin(BLUESKY_APPVIEW);
  try {
    const profileExchange = await ctx.get(
      xrpc(appview, 'app.bsky.actor.getProfile', { actor: input.account.handle.replace(/^@/, '') }),
    );
    if (profileExchange.status === 400 || profileExchange.status === 404) {
      return sink.result('not_found', ctx.notFound('akun calon tidak ditemukan / candidate account not found'));
    }
    if (profileExchange.status !== 200) throw new ShapeError('(status)', `getProfile: HTTP ${profileExchange.status}`);
    const profile = need(jsonBody(profileExchange, 'getProfile'), '(body)', isRecord, 'object');
    const did = need(profile.did, 'did', isString, 'string');
    const feedExchange = await ctx.get(
      xrpc(appview, 'app.bsky.feed.getAuthorFeed', {
        actor: did,
        limit: String(Math.min(100, ctx.maxPosts)),
        filter: 'posts_no_replies',
      }),
    );
    if (feedExchange.status !== 200) throw new ShapeError('(status)', `getAuthorFeed: HTTP ${feedExchange.status}`);
    const feed = need(
      need(jsonBody(feedExchange, 'getAuthorFeed'), '(body)', isRecord, 'object').feed,
      'feed',
      isArray,
      'array',
    );
    const uris: string[] = [];
    for (const item of feed) {
      if (uris.length >= ctx.maxPosts) break;
      if (!isRecord(item) || item.reason || !isRecord(item.post) || !isString(item.post.uri)) continue;
      const record = isRecord(item.post.record) ? item.post.record : {};
      const at = isString(record.createdAt)
        ? record.createdAt
        : isString(item.post.indexedAt)
          ? item.post.indexedAt
          : null;
      if (input.since && at && Date.parse(at) < input.since.getTime()) break;
      uris.push(item.post.uri);
    }
    let skipped = 0;
    for (const uri of uris) {
      const exchange = await ctx.get(
        xrpc(appview, 'app.bsky.feed.getPostThread', { uri, depth: String(THREAD_DEPTH), parentHeight: '0' }),
      );
      if (exchange.status === 400 || exchange.status === 404) {
        sink.notices.push({
          code: 'THREAD_NOT_FOUND',
          message: `${uri}: utas tidak ditemukan / thread not found`,
          postId: uri,
        });
        continue;
      }
      if (exchange.status !== 200) throw new ShapeError('(status)', `getPostThread: HTTP ${exchange.status}`);
      const body = need(jsonBody(exchange, 'getPostThread'), '(body)', isRecord, 'object');
      const thread = need(body.thread, 'thread', isRecord, 'object');
      const type = String(thread.$type ?? '');
      if (type.endsWith('#notFoundPost') || type.endsWith('#blockedPost')) {
        sink.notices.push({ code: 'THREAD_UNAVAILABLE', message: `${uri}: ${type}`, postId: uri });
        continue;
      }
      need(thread.post, 'thread.post', isRecord, 'object');
      sink.postsRead++;
      skipped += await walk(thread, did, sink, exchange, input.account.candidate);
    }
    if (skipped > 0) {
      sink.notices.push({
        code: 'REPLIES_UNAVAILABLE',
        message: `${skipped} balasan dihapus/diblokir dilewati / deleted or blocked replies skipped`,
      });
    }
  } catch (error) {
    return sink.result('blocked', ctx.failed(error));
  }
  return sink.result('ok');
}

/** Walks a threadViewPost's replies; returns how many notFound/blocked nodes were skipped. */
async function walk(node: Json, candidateDid: string, sink: ReplySink, exchange: HttpExchange, candidate: string) {
  const parent = isRecord(node.post) ? node.post : null;
  if (!parent) return 0;
  const parentAuthor = isRecord(parent.author) ? parent.author : {};
  const parentByCandidate = parentAuthor.did === candidateDid;
  const parentRecord = isRecord(parent.record) ? parent.record : {};
  let skipped = 0;
  for (const child of isArray(node.replies) ? node.replies : []) {
    if (!isRecord(child)) continue;
    const type = String(child.$type ?? '');
    if (type.endsWith('#notFoundPost') || type.endsWith('#blockedPost') || !isRecord(child.post)) {
      skipped++;
      continue;
    }
    const post = child.post;
    const author = isRecord(post.author) ? post.author : {};
    const record = isRecord(post.record) ? post.record : {};
    if (parentByCandidate && isString(post.uri) && isString(author.handle) && author.did !== candidateDid) {
      const createdAt = isString(record.createdAt)
        ? record.createdAt
        : isString(post.indexedAt)
          ? post.indexedAt
          : null;
      const images = imagesOf(post);
      await sink.add(
        {
          platform: 'bluesky',
          externalId: post.uri,
          url: postUrl(author.handle, post.uri),
          authorHandle: author.handle,
          authorKeys: [author.handle.toLowerCase(), ...(isString(author.did) ? [author.did.toLowerCase()] : [])],
          text: isString(record.text) ? record.text : '',
          postedAt: createdAt,
          mediaDescriptions: images.alts,
          imageUrls: images.urls,
          target: {
            type: 'post',
            externalId: String(parent.uri),
            url: isString(parentAuthor.handle) ? postUrl(parentAuthor.handle, String(parent.uri)) : null,
            authorHandle: isString(parentAuthor.handle) ? parentAuthor.handle : null,
            text: isString(parentRecord.text) ? parentRecord.text : null,
            candidate,
          },
          raw: { source: 'app.bsky.feed.getPostThread', uri: post.uri, cid: post.cid ?? null, replyTo: parent.uri },
        },
        exchange,
      );
    }
    skipped += await walk(child, candidateDid, sink, exchange, candidate);
  }
  return skipped;
}
