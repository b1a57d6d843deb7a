/// <reference lib="dom" />
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CollectedPost,
  collectedPostSchema,
  type EvidenceArtefactRef,
  isNetraError,
  type NetraError,
  type Platform,
} from '@netra/core';
import type { ApiCursors, CollectedInteraction } from './api/api-types.ts';
import { collectViaApi, isApiPlatform } from './api/collect-via-api.ts';
import type { HttpClientOptions } from './api/http-client.ts';
import type { ImageDownloadOptions } from './api/image-download.ts';
import type { YouTubeDataApiConfig } from './api/youtube-data-api.ts';
import { collectYouTubeViaApi } from './api/youtube-data-api.ts';
import type { BrowserPool, PageLease } from './browser-pool.ts';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';
import type { EvidenceStore } from './evidence/artefact-store.ts';
import { capturePostImages } from './evidence/post-images.ts';
import { type PlatformOrigins, toFetchUrl, toRealUrl } from './origin-mapping.ts';
import { platformDefinitions } from './platforms/index.ts';
import type { AccountState, PlatformDefinition, RawItem } from './platforms/types.ts';
import { parseDayLabel, parseRelativeTime } from './time.ts';

export interface CrawlAccountRef {
  /** The watched account's UUID; becomes `accountId` on every post. */
  id: string;
  platform: Platform;
  handle: string;
  /** The REAL profile URL (e.g. https://www.facebook.com/<handle>); `platformOrigins` may remap it. */
  profileUrl: string;
}

export interface CrawlAccountInput {
  account: CrawlAccountRef;
  pool: BrowserPool;
  store: EvidenceStore;
  platformOrigins?: PlatformOrigins;
  /** Stop after this many posts (default 200). */
  maxPosts?: number;
  /** Skip posts older than this, and stop paging once a page holds only older posts. */
  since?: Date;
  /** Pages/"load more" rounds at most (default 25). */
  maxPages?: number;
  /** `<platform>:<handle lowercase>` → `<contest id>#<ballot number>`, to fill `context.parentCandidate`. */
  candidateAccounts?: Readonly<Record<string, string>>;
  crawlRunId?: string | null;
  /** Save a PNG and the HTML of each post element (default true). */
  captureEvidence?: boolean;
  /** Use the YouTube Data API instead of the channel page for YouTube accounts. */
  youtubeApi?: YouTubeDataApiConfig;
  /**
   * Platforms collected over plain HTTP (Bluesky, Mastodon, Telegram, YouTube feed) instead of the browser.
   * Bluesky, Mastodon and Telegram always are; list `youtube` to read its channel feed instead of its page
   * (the scraper worker and `netra collect` do by default).
   */
  apiPlatforms?: readonly Platform[];
  /** Incremental crawl: what the last crawl saw (API collectors only). Absent = full read. */
  cursors?: ApiCursors;
  /** Also read likes and follows (API collectors). */
  interactions?: boolean;
  /** YouTube Data API key for the feed collector: older uploads beyond the feed's latest 15. */
  youtubeApiKey?: string;
  /** Rate limits, timeouts and politeness of the API collectors' HTTP client. */
  http?: HttpClientOptions;
  /** API collectors: download post images (size cap, allowed types, public addresses) for OCR. */
  images?: ImageDownloadOptions;
  /** Awaited before every page load and API request: the process-wide per-platform pacing (`Politeness.pace`). */
  pace?: () => Promise<void>;
  /** Navigation attempts for transient failures (default 3), with backoff from `retryBaseMs` (default 300). */
  navigationAttempts?: number;
  retryBaseMs?: number;
  now?: () => Date;
}

export type CrawlStatus = 'ok' | 'private' | 'not_found' | 'blocked' | 'response_unrecognised' | 'markup_changed';

export interface CrawlAccountResult {
  status: CrawlStatus;
  posts: CollectedPost[];
  /** Account-level problems and per-post problems; a malformed post never drops the page's good posts. */
  errors: NetraError[];
  pages: number;
  /** Likes, follows, reposts and replies (API collectors). */
  interactions?: CollectedInteraction[];
  /** The newest positions seen, to store for the next incremental crawl (API collectors). */
  cursors?: ApiCursors;
  /** Missing ids between neighbours: deletion candidates (Telegram). */
  gaps?: { after: string; before: string }[];
}

class NavigationOutcome {
  readonly state: AccountState | 'failed';
  readonly error?: NetraError;
  constructor(state: AccountState | 'failed', error?: NetraError) {
    this.state = state;
    if (error) this.error = error;
  }
}

async function navigate(
  lease: PageLease,
  definition: PlatformDefinition,
  url: string,
  attempts: number,
  baseMs: number,
  pace?: () => Promise<void>,
): Promise<NavigationOutcome> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await pace?.();
      const response = await lease.goto(url);
      const status = response?.status() ?? 0;
      if (status === 404 || status === 410) return new NavigationOutcome('not_found');
      if (status === 429 || status >= 500) {
        last = `HTTP ${status}`;
      } else {
        await lease.page.waitForSelector(definition.readySelector, { timeout: 10_000 });
        return new NavigationOutcome(await lease.page.evaluate(definition.detect));
      }
    } catch (error) {
      last = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    }
    if (attempt < attempts) await sleep(Math.min(baseMs * 2 ** (attempt - 1), 5_000));
  }
  return new NavigationOutcome(
    'failed',
    collectorError(
      COLLECTOR_ERROR.navigationFailed,
      `gagal membuka ${url} setelah ${attempts} percobaan / navigation failed after ${attempts} attempts: ${last}`,
      { url, attempts, cause: last },
      true,
    ),
  );
}

function stateError(state: AccountState, account: CrawlAccountRef): { status: CrawlStatus; error: NetraError } | null {
  const who = `${account.platform}:${account.handle}`;
  switch (state) {
    case 'private':
      return {
        status: 'private',
        error: collectorError(COLLECTOR_ERROR.privateAccount, `${who}: akun privat / account is private`, {
          account: who,
        }),
      };
    case 'not_found':
      return {
        status: 'not_found',
        error: collectorError(COLLECTOR_ERROR.notFound, `${who}: akun tidak ditemukan / account not found`, {
          account: who,
        }),
      };
    case 'login_wall':
      return {
        status: 'blocked',
        error: collectorError(COLLECTOR_ERROR.loginWall, `${who}: halaman meminta login / login wall`, {
          account: who,
        }),
      };
    default:
      return null;
  }
}

function resolvePostedAt(item: RawItem, fetchedAt: Date): { postedAt: string | null; precision: string } {
  if (item.postedAt) return { postedAt: item.postedAt, precision: 'exact' };
  const label = item.timeText ?? '';
  const day = parseDayLabel(label);
  if (day) return { postedAt: day.toISOString(), precision: 'day' };
  const relative = parseRelativeTime(label, fetchedAt);
  if (relative) return { postedAt: relative.toISOString(), precision: 'relative' };
  return { postedAt: null, precision: 'unknown' };
}

async function nextPage(
  lease: PageLease,
  definition: PlatformDefinition,
  attempts: number,
  baseMs: number,
  errors: NetraError[],
  pace?: () => Promise<void>,
): Promise<boolean> {
  const page = lease.page;
  const control = page.locator(definition.pagination.selector).first();
  if ((await control.count()) === 0) return false;
  if (definition.pagination.kind === 'link') {
    const href = await control.evaluate((a) => (a as HTMLAnchorElement).href);
    if (!href) return false;
    const outcome = await navigate(lease, definition, href, attempts, baseMs, pace);
    if (outcome.state === 'ok') return true;
    if (outcome.error) errors.push(outcome.error);
    return false;
  }
  const before = await page.locator('[data-netra-item]').count();
  await pace?.();
  await control.click({ timeout: 5_000 });
  // New items appear without the marker; wait until the button settles or items are appended.
  try {
    await page.waitForFunction(
      ({ selector, marked }) => {
        const button = document.querySelector(selector) as HTMLButtonElement | null;
        const fresh = document.querySelectorAll('[data-netra-item]').length > marked;
        return fresh || !button || !button.disabled;
      },
      { selector: definition.pagination.selector, marked: before },
      { timeout: 10_000 },
    );
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  } catch {
    errors.push(
      collectorError(
        COLLECTOR_ERROR.navigationFailed,
        'memuat lebih banyak gagal / "load more" did not load',
        {},
        true,
      ),
    );
    return false;
  }
  return true;
}

/**
 * Crawls one watched account's public profile and returns validated posts with evidence. Never throws for
 * account or page problems: they come back as `status` and typed `errors`.
 */
export async function crawlAccount(input: CrawlAccountInput): Promise<CrawlAccountResult> {
  const { account, pool, store } = input;
  const origins = input.platformOrigins ?? {};
  const maxPosts = input.maxPosts ?? 200;
  const maxPages = input.maxPages ?? 25;
  const now = input.now ?? (() => new Date());
  const errors: NetraError[] = [];
  const posts: CollectedPost[] = [];
  const who = `${account.platform}:${account.handle}`;

  // YouTube has both: the channel page (browser, community posts) by default here, the feed when asked.
  const apiPlatforms = input.apiPlatforms ?? ['bluesky', 'mastodon', 'telegram'];
  if (isApiPlatform(account.platform) && (apiPlatforms.includes(account.platform) || account.platform !== 'youtube')) {
    const youtubeApiKey = input.youtubeApiKey ?? input.youtubeApi?.apiKey;
    return collectViaApi({
      account,
      store,
      platformOrigins: origins,
      maxPosts,
      ...(input.since ? { since: input.since } : {}),
      ...(input.cursors ? { cursors: input.cursors } : {}),
      ...(input.interactions ? { interactions: true } : {}),
      ...(input.candidateAccounts ? { candidateAccounts: input.candidateAccounts } : {}),
      crawlRunId: input.crawlRunId ?? null,
      ...(youtubeApiKey ? { youtubeApiKey } : {}),
      ...(input.images ? { images: input.images } : {}),
      ...(input.http || input.pace
        ? { http: { ...input.http, ...(input.pace ? { beforeRequest: input.pace } : {}) } }
        : {}),
      maxPages,
      now,
    });
  }
  if (account.platform === 'youtube' && input.youtubeApi) {
    return collectYouTubeViaApi({ ...input, now, maxPosts });
  }

  const definition = platformDefinitions[account.platform];
  if (!definition) {
    const error = collectorError(
      COLLECTOR_ERROR.unsupportedUrl,
      `${who}: tidak ada pengumpul halaman untuk ${account.platform} / no page collector for ${account.platform}`,
      { platform: account.platform },
    );
    return { status: 'blocked', posts, errors: [error], pages: 0 };
  }
  let startUrl: string;
  try {
    startUrl = toFetchUrl(account.platform, account.profileUrl, origins);
  } catch (error) {
    if (isNetraError(error)) return { status: 'not_found', posts, errors: [error], pages: 0 };
    throw error;
  }

  const candidateOf = (parentAuthor: string | undefined): { parentCandidate?: string } => {
    if (!parentAuthor || !input.candidateAccounts) return {};
    const ref = input.candidateAccounts[`${account.platform}:${parentAuthor.toLowerCase()}`];
    return ref ? { parentCandidate: ref } : {};
  };

  /**
   * Where each item of the current page is and what it is, read in one round trip: the element's HTML and its
   * box in document coordinates. One `evaluate` per page instead of two browser calls per item.
   */
  type ItemBox = { html: string; x: number; y: number; width: number; height: number } | null;
  let boxes = new Map<string, ItemBox>();
  const measure = async (lease: PageLease, items: readonly RawItem[]) => {
    if (input.captureEvidence === false) return;
    const markers = items.map((i) => i.marker);
    const found = await lease.page
      .evaluate((list: string[]) => {
        return list.map((m) => {
          const el = document.querySelector(`[data-netra-item="${CSS.escape(m)}"]`);
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return {
            html: el.outerHTML,
            x: r.left + window.scrollX,
            y: r.top + window.scrollY,
            width: r.width,
            height: r.height,
          };
        });
      }, markers)
      .catch(() => markers.map(() => null));
    boxes = new Map(markers.map((m, i) => [m, found[i] ?? null]));
  };

  const capture = async (lease: PageLease, item: RawItem, fetchedAt: Date): Promise<EvidenceArtefactRef[]> => {
    if (input.captureEvidence === false) return [];
    const out: EvidenceArtefactRef[] = [];
    try {
      const box = boxes.get(item.marker);
      const locator = lease.page.locator(`[data-netra-item="${item.marker}"]`).first();
      if (box && box.width >= 1 && box.height >= 1) {
        out.push(await store.put('html', box.html, 'text/html; charset=utf-8', fetchedAt));
        // The element's region of the full page: no scrolling or stability wait per element.
        const png = await lease.page.screenshot({
          type: 'png',
          timeout: 5_000,
          fullPage: true,
          clip: { x: box.x, y: box.y, width: box.width, height: box.height },
        });
        out.push(await store.put('screenshot', png, 'image/png', fetchedAt));
      } else {
        const html = await locator.evaluate((el) => el.outerHTML);
        out.push(await store.put('html', html, 'text/html; charset=utf-8', fetchedAt));
        const png = await locator.screenshot({ type: 'png', timeout: 5_000, animations: 'disabled' });
        out.push(await store.put('screenshot', png, 'image/png', fetchedAt));
      }
      // The post's own images, for OCR (issue 12): one that cannot be fetched is reported, the post goes on.
      const images = await capturePostImages(lease.page, locator, store, fetchedAt);
      out.push(...images.refs);
      for (const problem of images.problems) {
        errors.push(
          collectorError(
            COLLECTOR_ERROR.evidenceFailed,
            `${who}: gambar ${item.externalId} tidak tersimpan / image not saved: ${problem}`,
            { externalId: item.externalId },
            true,
          ),
        );
      }
    } catch (error) {
      errors.push(
        collectorError(
          COLLECTOR_ERROR.evidenceFailed,
          `${who}: bukti untuk ${item.externalId} tidak tersimpan / evidence not captured: ${
            error instanceof Error ? error.message.split('\n')[0] : String(error)
          }`,
          { externalId: item.externalId },
          true,
        ),
      );
    }
    return out;
  };

  const toPost = async (
    lease: PageLease,
    item: RawItem,
    position: number,
    fetchedAt: Date,
  ): Promise<CollectedPost | null | 'older'> => {
    if (!item.externalId) {
      const field = item.missingField ?? 'id';
      errors.push(
        collectorError(COLLECTOR_ERROR.pageMalformed, `post #${position}: ${field} missing (${who})`, {
          field,
          position,
          account: who,
        }),
      );
      return null;
    }
    const time = resolvePostedAt(item, fetchedAt);
    if (input.since && time.postedAt && Date.parse(time.postedAt) < input.since.getTime()) return 'older';
    const context = item.context
      ? {
          ...(item.context.parentText ? { parentText: item.context.parentText } : {}),
          ...(item.context.parentAuthor ? { parentAuthor: item.context.parentAuthor } : {}),
          ...candidateOf(item.context.parentAuthor),
        }
      : undefined;
    const candidate = {
      platform: account.platform,
      externalId: item.externalId,
      url: item.href ? toRealUrl(account.platform, item.href, origins) : account.profileUrl,
      kind: item.kind,
      accountId: account.id,
      authorHandle: item.authorHandle || account.handle,
      text: item.text,
      postedAt: time.postedAt,
      fetchedAt: fetchedAt.toISOString(),
      ...(context ? { context } : {}),
      mediaDescriptions: item.mediaDescriptions,
      evidence: [] as EvidenceArtefactRef[],
      raw: {
        ...item.raw,
        definitionVersion: definition.version,
        position,
        timeText: item.timeText ?? null,
        postedAtPrecision: time.precision,
      },
      crawlRunId: input.crawlRunId ?? null,
    };
    const parsed = collectedPostSchema.safeParse(candidate);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)');
      errors.push(
        collectorError(
          COLLECTOR_ERROR.pageMalformed,
          `post #${position}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} (${who})`,
          { field: fields[0], fields, position, externalId: item.externalId, account: who },
        ),
      );
      return null;
    }
    const post = parsed.data;
    post.evidence = await capture(lease, item, fetchedAt);
    return post;
  };

  return pool.withPage(async (lease) => {
    const attempts = input.navigationAttempts ?? 3;
    const baseMs = input.retryBaseMs ?? 300;
    const first = await navigate(lease, definition, startUrl, attempts, baseMs, input.pace);
    if (first.state === 'failed') return { status: 'blocked' as const, posts, errors: [first.error!], pages: 0 };
    const problem = stateError(first.state, account);
    if (problem) return { status: problem.status, posts, errors: [problem.error], pages: 0 };

    const seen = new Set<string>();
    let position = 0;
    let pages = 0;
    while (pages < maxPages && posts.length < maxPosts) {
      pages++;
      const fetchedAt = now();
      const items = await lease.page.evaluate(definition.extract, { handle: account.handle });
      await measure(lease, items);
      let older = 0;
      for (const item of items) {
        position++;
        if (posts.length >= maxPosts) break;
        if (item.externalId && seen.has(item.externalId)) continue;
        const post = await toPost(lease, item, position, fetchedAt);
        if (post === 'older') older++;
        if (!post || post === 'older') continue;
        seen.add(post.externalId);
        posts.push(post);
      }
      if (posts.length >= maxPosts || (items.length > 0 && older === items.length)) break;
      if (!(await nextPage(lease, definition, attempts, baseMs, errors, input.pace))) break;
    }
    return { status: 'ok' as const, posts, errors, pages };
  });
}
