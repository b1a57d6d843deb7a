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
import type { Page, Response } from 'playwright-core';
import type { ApiCursors, CollectedInteraction } from './api/api-types.ts';
import { collectViaApi, isApiPlatform } from './api/collect-via-api.ts';
import { DEFAULT_USER_AGENT, type HttpClientOptions } from './api/http-client.ts';
import type { ImageDownloadOptions } from './api/image-download.ts';
import type { YouTubeDataApiConfig } from './api/youtube-data-api.ts';
import { collectYouTubeViaApi } from './api/youtube-data-api.ts';
import { refusalErrors } from './browser-network.ts';
import type { BrowserPool, PageLease } from './browser-pool.ts';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';
import type { EvidenceStore } from './evidence/artefact-store.ts';
import {
  cropElement,
  croppable,
  extractWithSnapshot,
  fullPageScreenshot,
  type ItemSnapshot,
  PAGE_COLLECTOR,
  type PageCapture,
  type PageResponseInfo,
  type PageSnapshot,
  responseInfo,
  snapshotOf,
  storePage,
  storePostManifest,
} from './evidence/page-evidence.ts';
import { PageImages } from './evidence/page-images.ts';
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
  /**
   * Keep evidence (default true): per page its HTML and one full-page PNG; per post the element's HTML, its
   * screenshot (cut from the page's PNG), its images and a manifest listing all of them with their SHA-256.
   */
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
  /** The answer the page came from, for the evidence manifest. */
  readonly response?: PageResponseInfo;
  /** Playwright's response, to read the page's HTML as received. */
  readonly navigation: Response | null;
  constructor(
    state: AccountState | 'failed',
    error?: NetraError,
    response?: PageResponseInfo,
    navigation: Response | null = null,
  ) {
    this.state = state;
    if (error) this.error = error;
    if (response) this.response = response;
    this.navigation = navigation;
  }
}

/**
 * Loads `url` with retries, in the lease's current page or, with `beside`, in its second page (the current one
 * is still being captured; `lease.swap()` makes the second page current once that is done).
 */
async function navigate(
  lease: PageLease,
  definition: PlatformDefinition,
  url: string,
  attempts: number,
  baseMs: number,
  pace?: () => Promise<void>,
  beside = false,
): Promise<NavigationOutcome> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await pace?.();
      const response: Response | null = beside ? await lease.gotoBeside(url) : await lease.goto(url);
      const page = beside ? lease.pageBeside! : lease.page;
      const status = response?.status() ?? 0;
      if (status === 404 || status === 410) return new NavigationOutcome('not_found');
      if (status === 429 || status >= 500) {
        last = `HTTP ${status}`;
      } else {
        return new NavigationOutcome(
          await readyAndDetect(page, definition),
          undefined,
          responseInfo(url, response, page.url()),
          response,
        );
      }
    } catch (error) {
      // The page (or a redirect of it) asked for an address the guard refuses: trying again asks the same.
      if (isNetraError(error) && error.code === COLLECTOR_ERROR.urlRefused)
        return new NavigationOutcome('failed', error);
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

/**
 * Waits (in the page, at most 10 s) for the ready selector and runs `detect`: one browser round trip instead of
 * two, since on a loaded machine each costs a sizeable share of a page load.
 */
async function readyAndDetect(page: PageLease['page'], definition: PlatformDefinition): Promise<AccountState> {
  const expression = `new Promise((resolve, reject) => {
    const selector = ${JSON.stringify(definition.readySelector)};
    const started = Date.now();
    const tick = () => {
      if (document.querySelector(selector)) {
        try { resolve((${definition.detect.toString()})()); } catch (error) { reject(error); }
      } else if (Date.now() - started > 10000) {
        reject(new Error('ready selector not found after 10 s: ' + selector));
      } else setTimeout(tick, 15);
    };
    tick();
  })`;
  return (await page.evaluate(expression)) as AccountState;
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

/** Follows a "next" link (in the second page with `beside`): true when the next page is ready to read. */
async function followLink(
  lease: PageLease,
  definition: PlatformDefinition,
  href: string,
  attempts: number,
  baseMs: number,
  errors: NetraError[],
  pace: (() => Promise<void>) | undefined,
  onResponse: ((outcome: NavigationOutcome) => void) | undefined,
  beside = false,
): Promise<boolean> {
  const outcome = await navigate(lease, definition, href, attempts, baseMs, pace, beside);
  if (outcome.response) onResponse?.(outcome);
  if (outcome.state === 'ok') return true;
  if (outcome.error) errors.push(outcome.error);
  return false;
}

async function nextPage(
  lease: PageLease,
  definition: PlatformDefinition,
  attempts: number,
  baseMs: number,
  errors: NetraError[],
  pace?: () => Promise<void>,
  onResponse?: (outcome: NavigationOutcome) => void,
  /** The next link's target, read with the page's items (link pagination). */
  knownHref?: string | null,
): Promise<boolean> {
  const page = lease.page;
  const control = page.locator(definition.pagination.selector).first();
  if (definition.pagination.kind === 'link') {
    // The link's target, or null when there is no next page (read with the items when possible).
    const href =
      knownHref !== undefined
        ? knownHref
        : await page.evaluate(
            (selector) => (document.querySelector(selector) as HTMLAnchorElement | null)?.href || null,
            definition.pagination.selector,
          );
    if (!href) return false;
    return followLink(lease, definition, href, attempts, baseMs, errors, pace, onResponse);
  }
  if ((await control.count()) === 0) return false;
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

  const evidenceFailed = (externalId: string, what: string, error: unknown) =>
    errors.push(
      collectorError(
        COLLECTOR_ERROR.evidenceFailed,
        `${who}: ${what} ${externalId} tidak tersimpan / not saved: ${
          error instanceof Error ? error.message.split('\n')[0] : String(error)
        }`,
        { externalId },
        true,
      ),
    );

  let images: PageImages | null = null;
  /** Node-side evidence work (crops, hashing, writes, image downloads) running while the browser moves on. */
  const pending: Promise<void>[] = [];

  /**
   * The Node side of one post's evidence: element HTML, the element's screenshot (cut from the page's PNG unless
   * one was taken of the element itself), its images, and a manifest listing all of them plus the page's HTML
   * and full-page screenshot, with the response they came from.
   */
  const storeOne = async (
    item: RawItem,
    post: CollectedPost,
    snapshot: ItemSnapshot | null,
    elementHtml: string,
    elementPng: Buffer | null,
    page: Promise<PageCapture | null>,
    response: PageResponseInfo,
    fetchedAt: Date,
  ): Promise<void> => {
    const roles: { role: string; ref: EvidenceArtefactRef }[] = [];
    try {
      // The element's HTML and the image downloads do not wait for the page's PNG and its crop.
      const [htmlResult, shotResult, found] = await Promise.allSettled([
        store.put('html', elementHtml, 'text/html; charset=utf-8', fetchedAt),
        (async () => {
          const capture = await page;
          const crop = elementPng ? null : capture && snapshot ? await cropElement(capture, snapshot.box) : null;
          const png = elementPng ?? crop;
          const ref = png ? await store.put('screenshot', png, 'image/png', fetchedAt) : null;
          return { capture, crop, ref };
        })(),
        // The post's own images, for OCR (issue 12): one that cannot be fetched is reported, the post goes on.
        images!.capture(snapshot?.images ?? [], fetchedAt),
      ]);
      if (htmlResult.status === 'fulfilled') roles.push({ role: 'element_html', ref: htmlResult.value });
      if (shotResult.status === 'fulfilled' && shotResult.value.ref)
        roles.push({ role: 'element_screenshot', ref: shotResult.value.ref });
      if (found.status === 'fulfilled') {
        for (const ref of found.value.refs) roles.push({ role: 'image', ref });
        // Reported as the API collectors report theirs: the image is skipped for good, the post goes on.
        for (const problem of found.value.problems)
          errors.push(
            collectorError(
              COLLECTOR_ERROR.imageSkipped,
              `${who}: ${item.externalId}: gambar dilewati / image skipped: ${problem}`,
              { externalId: item.externalId, account: who },
            ),
          );
      }
      if (htmlResult.status === 'rejected') throw htmlResult.reason;
      if (shotResult.status === 'rejected') throw shotResult.reason;
      const { capture, crop, ref: shotRef } = shotResult.value;
      if (!shotRef)
        evidenceFailed(item.externalId!, 'tangkapan layar', 'elemen di luar halaman / element outside the page');
      if (capture?.html) roles.push({ role: 'page_html', ref: capture.html });
      if (capture) roles.push({ role: 'page_screenshot', ref: capture.screenshot });
      const manifest = await storePostManifest(store, {
        definitionVersion: definition.version,
        response,
        capturedAt: fetchedAt,
        externalId: item.externalId!,
        box: crop && snapshot ? snapshot.box : null,
        artefacts: roles,
      });
      post.evidence = [...roles.map((r) => r.ref), manifest];
      post.raw = { ...post.raw, evidenceManifest: manifest.sha256 };
    } catch (error) {
      post.evidence = roles.map((r) => r.ref);
      evidenceFailed(item.externalId!, 'bukti untuk', error);
    }
  };

  /**
   * The browser side of one page's evidence, while the page is still there: one snapshot of every item (HTML,
   * box, images), one full-page screenshot, the response body; an element screenshot only for an item that
   * cannot be cut from the page's PNG. The rest runs in the background (`pending`) during the next page load.
   */
  const captureEvidence = async (
    browserPage: Page,
    kept: { item: RawItem; post: CollectedPost }[],
    response: PageResponseInfo,
    navigation: Response | null,
    pageSnapshot: PageSnapshot | null,
    allMarkers: readonly string[],
    fetchedAt: Date,
  ): Promise<void> => {
    if (input.captureEvidence === false || kept.length === 0) return;
    images ??= new PageImages(store, {
      localOrigin: origins[account.platform],
      userAgent: input.http?.userAgent ?? DEFAULT_USER_AGENT,
    });
    // The screenshot and the response body in parallel: the page does not change in between.
    if (!pageSnapshot) evidenceFailed(`${kept.length} post`, 'ukuran elemen', 'snapshot gagal / failed');
    let snapshot = pageSnapshot
      ? snapshotOf(
          pageSnapshot,
          kept.map((k) => k.item.marker),
          allMarkers,
        )
      : null;
    const [shotResult, bodyResult] = await Promise.allSettled([
      snapshot ? fullPageScreenshot(browserPage, snapshot) : Promise.reject(new Error('no snapshot')),
      navigation ? navigation.body() : browserPage.content(),
    ]);
    let page: Promise<PageCapture | null> = Promise.resolve(null);
    if (shotResult.status === 'fulfilled' && snapshot) {
      const body = bodyResult.status === 'fulfilled' ? bodyResult.value : null;
      const measured = snapshot;
      const boxes = measured.items.flatMap((item) => (item && croppable(measured, item.box) ? [item.box] : []));
      page = storePage(store, shotResult.value, body, snapshot.scale, fetchedAt, boxes).catch((error: unknown) => {
        evidenceFailed(`${kept.length} post`, 'halaman', error);
        return null;
      });
    } else if (snapshot) {
      // Without the page capture each post still gets its element screenshot; the problem is reported once.
      evidenceFailed(`${kept.length} post`, 'halaman', shotResult.status === 'rejected' ? shotResult.reason : '');
      snapshot = { ...snapshot, width: 0, height: 0 };
    }
    for (const [i, k] of kept.entries()) {
      const item = snapshot?.items[i] ?? null;
      let html = item?.html ?? null;
      let png: Buffer | null = null;
      if (!item || !snapshot || !croppable(snapshot, item.box)) {
        // Not measurable or outside the captured document: Playwright scrolls to the element and shoots it.
        try {
          const locator = browserPage.locator(`[data-netra-item="${k.item.marker}"]`).first();
          html ??= await locator.evaluate((el) => el.outerHTML);
          png = await locator.screenshot({ type: 'png', timeout: 5_000, animations: 'disabled' });
        } catch (error) {
          evidenceFailed(k.item.externalId!, 'bukti untuk', error);
          continue;
        }
      }
      const work = storeOne(k.item, k.post, item, html!, png, page, response, fetchedAt);
      pending.push(work);
    }
  };

  const toPost = (
    item: RawItem,
    position: number,
    fetchedAt: Date,
    response: PageResponseInfo,
  ): CollectedPost | null | 'older' => {
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
        collector: PAGE_COLLECTOR.name,
        collectorVersion: PAGE_COLLECTOR.version,
        requestUrl: response.requestUrl,
        finalUrl: response.finalUrl,
        httpStatus: response.status,
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
    return parsed.data;
  };

  const evidence = input.captureEvidence !== false;
  const crawlPages = async (lease: PageLease): Promise<CrawlAccountResult> => {
    // With evidence, a "next" link loads in a second page while the current one is captured (see below).
    if (evidence && definition.pagination.kind === 'link') lease.prepareBeside();
    const attempts = input.navigationAttempts ?? 3;
    const baseMs = input.retryBaseMs ?? 300;
    const first = await navigate(lease, definition, startUrl, attempts, baseMs, input.pace);
    if (first.state === 'failed') return { status: 'blocked' as const, posts, errors: [first.error!], pages: 0 };
    const problem = stateError(first.state, account);
    if (problem) return { status: problem.status, posts, errors: [problem.error], pages: 0 };
    let response = first.response!;
    let navigation = first.navigation;

    const seen = new Set<string>();
    let position = 0;
    let pages = 0;
    while (pages < maxPages && posts.length < maxPosts) {
      pages++;
      const fetchedAt = now();
      const { items, snapshot, nextHref } = await extractWithSnapshot(
        lease.page,
        definition.extract,
        { handle: account.handle },
        evidence,
        definition.pagination.kind === 'link' ? definition.pagination.selector : null,
      );
      let older = 0;
      const kept: { item: RawItem; post: CollectedPost }[] = [];
      for (const item of items) {
        position++;
        if (posts.length >= maxPosts) break;
        if (item.externalId && seen.has(item.externalId)) continue;
        const post = toPost(item, position, fetchedAt, response);
        if (post === 'older') older++;
        if (!post || post === 'older') continue;
        seen.add(post.externalId);
        posts.push(post);
        kept.push({ item, post });
      }
      const capture = () =>
        captureEvidence(
          lease.page,
          kept,
          response,
          navigation,
          snapshot,
          items.map((i) => i.marker),
          fetchedAt,
        );
      // The page after the last one allowed is not loaded at all.
      const last = posts.length >= maxPosts || (items.length > 0 && older === items.length) || pages >= maxPages;
      const onResponse = (outcome: NavigationOutcome) => {
        response = outcome.response!;
        navigation = outcome.navigation;
      };
      let more: boolean;
      if (!last && nextHref && evidence && kept.length > 0 && lease.canLoadBeside) {
        // The next page loads in the second page of the context while this one is captured: the capture waits
        // for a painted frame and the PNG, the load for the network and the parser, and neither touches the
        // other's page. The capture reads `response`/`navigation` before the load replaces them.
        const [captured, followed] = await Promise.allSettled([
          capture(),
          followLink(lease, definition, nextHref, attempts, baseMs, errors, input.pace, onResponse, true),
        ]);
        if (captured.status === 'rejected') throw captured.reason;
        if (followed.status === 'rejected') throw followed.reason;
        more = followed.value;
        if (more) lease.swap();
      } else {
        await capture();
        if (last) break;
        more = await nextPage(lease, definition, attempts, baseMs, errors, input.pace, onResponse, nextHref);
      }
      if (!more) break;
    }
    // Posts come back only with their evidence complete (or its failure reported).
    await Promise.all(pending);
    return { status: 'ok' as const, posts, errors, pages };
  };
  return pool.withPage(
    async (lease) => {
      const result = await crawlPages(lease);
      // What the pages asked for and the guard refused (a tracker on a private address, a hostile <img>): seen.
      result.errors.push(...refusalErrors(lease.takeRefusals(), who));
      return result;
    },
    { localOrigin: origins[account.platform] },
  );
}
