import { isArray, isRecord, isString, jsonBody, need } from './api-context.ts';
import { ShapeError } from './api-types.ts';
import {
  type CandidateRepliesInput,
  type CandidateRepliesResult,
  ReplySink,
  reverseContext,
} from './candidate-replies.ts';
import type { HttpExchange } from './http-client.ts';
import { youtubeApiError, youtubeErrorReason } from './youtube-api-errors.ts';
import { YOUTUBE_DATA_API, YOUTUBE_ORIGIN } from './youtube-feed.ts';

export const YOUTUBE_COMMENTS_COLLECTOR = { name: 'youtube-comments', version: '1.0.0' };

type Json = Record<string, unknown>;

const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;

export { youtubeErrorReason } from './youtube-api-errors.ts';

/**
 * YouTube comment threads under a candidate channel's newest uploads (Data API v3, key required):
 * `playlistItems` of the uploads playlist (UC… → UU…), then `commentThreads.list?part=snippet,replies` per
 * video, 100 per page, `pageToken` paging. Every top-level comment and every reply is reported with its
 * author's channel id (`authorChannelId.value`) and display name (`@handle`) as keys; the caller keeps the
 * watched channels. The target is the video (title and description as context). A video with comments turned
 * off (403 `commentsDisabled`) is a notice; a quota error stops the crawl as `COLLECTOR_RATE_LIMITED`
 * (retryable: the job runs again later).
 */
export async function candidateRepliesYouTube(input: CandidateRepliesInput): Promise<CandidateRepliesResult> {
  const ctx = reverseContext(input, YOUTUBE_COMMENTS_COLLECTOR);
  const sink = new ReplySink(ctx);
  const key = input.youtubeApiKey;
  if (!key) {
    sink.notices.push({
      code: 'YOUTUBE_KEY_MISSING',
      message: 'komentar YouTube memerlukan YOUTUBE_API_KEY / YouTube comments need YOUTUBE_API_KEY',
    });
    return sink.result('needs_key');
  }
  const apiBase = ctx.overridden ? `${ctx.origin(YOUTUBE_ORIGIN)}/api/v3` : YOUTUBE_DATA_API;
  const api = (resource: string, params: Record<string, string>) =>
    `${apiBase}/${resource}?${new URLSearchParams({ ...params, key })}`;
  const checked = (exchange: HttpExchange, what: string): Json => {
    if (exchange.status !== 200) {
      // A documented error body (quota, refused key, …) is a typed error; anything else a changed answer.
      const typed = youtubeApiError(exchange, what);
      if (typed) throw typed;
      throw new ShapeError('(status)', `${what}: HTTP ${exchange.status}`);
    }
    return need(jsonBody(exchange, what), '(body)', isRecord, 'object');
  };
  try {
    const bare = input.account.handle.replace(/^@/, '');
    let channelId: string | null = CHANNEL_ID.test(bare) ? bare : null;
    if (!channelId) {
      const body = checked(await ctx.get(api('channels', { part: 'id', forHandle: `@${bare}` })), 'channels');
      const first = isArray(body.items) ? body.items[0] : undefined;
      channelId = isRecord(first) && isString(first.id) ? first.id : null;
      if (!channelId) return sink.result('not_found', ctx.notFound('kanal calon tidak ditemukan / channel not found'));
    }
    const uploads = await ctx.get(
      api('playlistItems', {
        part: 'snippet,contentDetails',
        playlistId: `UU${channelId.slice(2)}`,
        maxResults: String(Math.min(50, ctx.maxPosts)),
      }),
    );
    if (uploads.status === 404)
      return sink.result('not_found', ctx.notFound('kanal calon tidak ditemukan / channel not found'));
    const items = need(checked(uploads, 'playlistItems').items, 'items', isArray, 'array').filter(isRecord);
    for (const item of items.slice(0, ctx.maxPosts)) {
      const snippet = isRecord(item.snippet) ? item.snippet : {};
      const details = isRecord(item.contentDetails) ? item.contentDetails : {};
      const videoId = isString(details.videoId) ? details.videoId : null;
      if (!videoId) continue;
      const published = isString(details.videoPublishedAt) ? details.videoPublishedAt : null;
      if (input.since && published && Date.parse(published) < input.since.getTime()) break;
      const video = {
        videoId,
        title: isString(snippet.title) ? snippet.title : '',
        description: isString(snippet.description) ? snippet.description : '',
      };
      await readVideo(ctx, sink, api, checked, video, channelId, input.account);
    }
  } catch (error) {
    return sink.result('blocked', ctx.failed(error));
  }
  return sink.result('ok');
}

async function readVideo(
  ctx: ReturnType<typeof reverseContext>,
  sink: ReplySink,
  api: (resource: string, params: Record<string, string>) => string,
  checked: (exchange: HttpExchange, what: string) => Json,
  video: { videoId: string; title: string; description: string },
  channelId: string,
  account: CandidateRepliesInput['account'],
): Promise<void> {
  const videoUrl = `${YOUTUBE_ORIGIN}/watch?v=${encodeURIComponent(video.videoId)}`;
  const target = {
    type: 'post' as const,
    externalId: video.videoId,
    url: videoUrl,
    authorHandle: account.handle,
    text: [video.title, video.description].filter(Boolean).join('\n') || null,
    candidate: account.candidate,
  };
  let pageToken: string | undefined;
  let counted = false;
  for (let page = 0; page < ctx.maxPages; page++) {
    const exchange = await ctx.get(
      api('commentThreads', {
        part: 'snippet,replies',
        videoId: video.videoId,
        maxResults: '100',
        textFormat: 'plainText',
        ...(pageToken ? { pageToken } : {}),
      }),
    );
    if (exchange.status === 403 && youtubeErrorReason(exchange) === 'commentsDisabled') {
      sink.notices.push({
        code: 'YOUTUBE_COMMENTS_DISABLED',
        message: `${video.videoId}: komentar dimatikan / comments disabled`,
        postId: video.videoId,
      });
      return;
    }
    if (exchange.status === 404) {
      sink.notices.push({
        code: 'THREAD_NOT_FOUND',
        message: `${video.videoId}: video tidak ditemukan / not found`,
        postId: video.videoId,
      });
      return;
    }
    const body = checked(exchange, 'commentThreads');
    const threads = need(body.items, 'items', isArray, 'array');
    if (!counted) {
      sink.postsRead++;
      counted = true;
    }
    for (const thread of threads) {
      if (!isRecord(thread) || !isRecord(thread.snippet)) continue;
      const top = thread.snippet.topLevelComment;
      const comments = [
        top,
        ...(isRecord(thread.replies) && isArray(thread.replies.comments) ? thread.replies.comments : []),
      ];
      for (const comment of comments) {
        if (!isRecord(comment) || !isString(comment.id) || !isRecord(comment.snippet)) continue;
        const s = comment.snippet;
        const authorId =
          isRecord(s.authorChannelId) && isString(s.authorChannelId.value) ? s.authorChannelId.value : null;
        const name = isString(s.authorDisplayName) ? s.authorDisplayName : null;
        // The channel's own comments on its own videos are not interactions with it.
        if (!authorId || authorId === channelId) continue;
        await sink.add(
          {
            platform: 'youtube',
            externalId: `comment:${comment.id}`,
            url: `${videoUrl}&lc=${encodeURIComponent(comment.id)}`,
            authorHandle: name ?? authorId,
            authorKeys: [authorId.toLowerCase(), ...(name ? [name.replace(/^@/, '').toLowerCase()] : [])],
            text: isString(s.textOriginal) ? s.textOriginal : isString(s.textDisplay) ? s.textDisplay : '',
            postedAt: isString(s.publishedAt) ? s.publishedAt : null,
            mediaDescriptions: [],
            imageUrls: [],
            target,
            raw: {
              source: 'commentThreads.list',
              commentId: comment.id,
              threadId: isString(thread.id) ? thread.id : null,
              parentId: isString(s.parentId) ? s.parentId : null,
              authorChannelId: authorId,
              updatedAt: isString(s.updatedAt) ? s.updatedAt : null,
              likeCount: s.likeCount ?? null,
            },
          },
          exchange,
        );
      }
    }
    pageToken = isString(body.nextPageToken) && body.nextPageToken ? body.nextPageToken : undefined;
    if (!pageToken) return;
  }
}
