import { type CollectedPost, collectedPostSchema, isNetraError, type NetraError } from '@netra/core';
import type { Dispatcher } from 'undici';
import type { CrawlAccountInput, CrawlAccountResult } from '../crawl-account.ts';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import { MAX_API_BODY_BYTES, readBodyBounded } from './http-client.ts';
import { guardedDispatcher } from './image-download.ts';

export interface YouTubeDataApiConfig {
  apiKey: string;
  /** Defaults to the real API; the demo platform serves an imitation at `<demo url>/youtube/api/v3`. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * Default `guardedDispatcher(baseUrl)`: only public addresses, checked at connect time, redirects included —
   * except the host of a configured `baseUrl` (operator configuration, like PLATFORM_ORIGINS: the demo platform).
   */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

export const YOUTUBE_API_BASE = 'https://www.googleapis.com/youtube/v3';

interface PlaylistItem {
  snippet?: {
    publishedAt?: string;
    title?: string;
    description?: string;
    resourceId?: { videoId?: string };
  };
  contentDetails?: { videoId?: string; videoPublishedAt?: string };
}

/** The public YouTube Data API v3, used instead of the channel page when configured. Videos only (the API
 * does not list community posts). */
export class YouTubeDataApi {
  readonly #config: YouTubeDataApiConfig;

  constructor(config: YouTubeDataApiConfig) {
    this.#config = config;
  }

  async #get(resource: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const base = (this.#config.baseUrl ?? YOUTUBE_API_BASE).replace(/\/+$/, '');
    const query = new URLSearchParams({ ...params, key: this.#config.apiKey });
    const url = `${base}/${resource}?${query}`;
    const doFetch = this.#config.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        signal: AbortSignal.timeout(this.#config.timeoutMs ?? 15_000),
        dispatcher: this.#config.dispatcher ?? guardedDispatcher(this.#config.baseUrl),
      } as RequestInit);
    } catch (error) {
      throw collectorError(
        COLLECTOR_ERROR.apiFailed,
        `YouTube API ${resource} gagal / failed: ${error instanceof Error ? error.message : String(error)}`,
        { resource },
        true,
      );
    }
    const text = await readBodyBounded(response, MAX_API_BODY_BYTES).catch((error: unknown) => {
      throw collectorError(
        isNetraError(error) ? COLLECTOR_ERROR.responseTooLarge : COLLECTOR_ERROR.apiFailed,
        `YouTube API ${resource}: ${error instanceof Error ? error.message : String(error)}`,
        { resource, status: response.status },
        !isNetraError(error),
      );
    });
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // An answer that is not JSON is read below: an error status stays an error, a 200 is unrecognised.
    }
    const body = (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {}) as Record<
      string,
      unknown
    >;
    // A 200 that is not a JSON object is a changed or broken answer — never "no such channel", never "no videos".
    if (response.ok && body !== parsed) {
      throw collectorError(
        COLLECTOR_ERROR.responseUnrecognised,
        `YouTube API ${resource}: bukan objek JSON / not a JSON object (HTTP ${response.status})`,
        { resource, status: response.status },
      );
    }
    if (!response.ok) {
      const message = (body.error as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
      throw collectorError(
        COLLECTOR_ERROR.apiFailed,
        `YouTube API ${resource}: ${message}`,
        { resource, status: response.status },
        response.status === 429 || response.status >= 500,
      );
    }
    return body;
  }

  /** The uploads playlist of a channel handle, or null when no channel has that handle. */
  async uploadsPlaylist(handle: string): Promise<{ channelId: string; uploads: string } | null> {
    const body = await this.#get('channels', {
      part: 'contentDetails,snippet',
      forHandle: `@${handle.replace(/^@/, '')}`,
    });
    const item = (
      body.items as { id: string; contentDetails?: { relatedPlaylists?: { uploads?: string } } }[] | undefined
    )?.[0];
    const uploads = item?.contentDetails?.relatedPlaylists?.uploads;
    return item && uploads ? { channelId: item.id, uploads } : null;
  }

  async *videos(playlistId: string, max: number): AsyncGenerator<PlaylistItem> {
    let pageToken: string | undefined;
    let count = 0;
    let pages = 0;
    const seen = new Set<string>();
    // Up to 50 items a page: a generous bound on the pages `max` items can take.
    const maxPages = Math.ceil(max / 50) + 10;
    do {
      const body = await this.#get('playlistItems', {
        part: 'snippet,contentDetails',
        playlistId,
        maxResults: String(Math.min(50, max)),
        ...(pageToken ? { pageToken } : {}),
      });
      // A 200 without the documented `items` list is a changed answer, never "no videos".
      if (!Array.isArray(body.items)) {
        throw collectorError(
          COLLECTOR_ERROR.responseUnrecognised,
          `YouTube API playlistItems: items: array diharapkan / expected array`,
          { resource: 'playlistItems', field: 'items' },
        );
      }
      for (const item of body.items as PlaylistItem[]) {
        if (count++ >= max) return;
        yield item;
      }
      const next = typeof body.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined;
      // A token seen before (or pages that never fill) would page forever, spending the API quota: the answer
      // is broken, and what was read so far is kept.
      if (next && (seen.has(next) || ++pages >= maxPages)) {
        throw collectorError(
          COLLECTOR_ERROR.responseUnrecognised,
          `YouTube API playlistItems: nextPageToken berulang atau terlalu banyak halaman / repeats or too many pages (${pages})`,
          { resource: 'playlistItems', field: 'nextPageToken', pages },
        );
      }
      if (next) seen.add(next);
      pageToken = next;
    } while (pageToken);
  }
}

/** `crawlAccount` for a YouTube account when `youtubeApi` is configured. */
export async function collectYouTubeViaApi(
  input: CrawlAccountInput & { now: () => Date; maxPosts: number },
): Promise<CrawlAccountResult> {
  const { account } = input;
  const api = new YouTubeDataApi(input.youtubeApi!);
  const errors: NetraError[] = [];
  const posts: CollectedPost[] = [];
  try {
    const channel = await api.uploadsPlaylist(account.handle);
    if (!channel) {
      return {
        status: 'not_found',
        posts,
        errors: [
          collectorError(
            COLLECTOR_ERROR.notFound,
            `youtube:${account.handle}: kanal tidak ditemukan / channel not found`,
            {
              account: `youtube:${account.handle}`,
            },
          ),
        ],
        pages: 1,
      };
    }
    let position = 0;
    for await (const item of api.videos(channel.uploads, input.maxPosts)) {
      position++;
      const fetchedAt = input.now();
      const videoId = item.contentDetails?.videoId ?? item.snippet?.resourceId?.videoId;
      const publishedAt = item.contentDetails?.videoPublishedAt ?? item.snippet?.publishedAt ?? null;
      if (input.since && publishedAt && Date.parse(publishedAt) < input.since.getTime()) continue;
      const parsed = collectedPostSchema.safeParse({
        platform: 'youtube',
        externalId: videoId,
        url: `https://www.youtube.com/watch?v=${videoId}`,
        kind: 'caption',
        accountId: account.id,
        authorHandle: account.handle,
        text: [item.snippet?.title, item.snippet?.description].filter(Boolean).join('\n'),
        postedAt: publishedAt,
        fetchedAt: fetchedAt.toISOString(),
        mediaDescriptions: [],
        evidence: [await input.store.put('json', JSON.stringify(item), 'application/json', fetchedAt)],
        raw: { source: 'youtube-data-api', channelId: channel.channelId, position, title: item.snippet?.title ?? null },
        crawlRunId: input.crawlRunId ?? null,
      });
      if (parsed.success) posts.push(parsed.data);
      else
        errors.push(
          collectorError(
            COLLECTOR_ERROR.pageMalformed,
            `post #${position}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
            { field: parsed.error.issues[0]?.path.join('.'), position },
          ),
        );
    }
  } catch (error) {
    const netra = error instanceof Error && 'code' in error ? (error as NetraError) : null;
    return {
      status: netra?.code === COLLECTOR_ERROR.responseUnrecognised ? 'response_unrecognised' : 'blocked',
      posts,
      errors: [...errors, netra ?? collectorError(COLLECTOR_ERROR.apiFailed, String(error))],
      pages: 1,
    };
  }
  return { status: 'ok', posts, errors, pages: 1 };
}
