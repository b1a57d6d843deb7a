import { join } from 'node:path';
import { evidenceConfigExamples, evidenceConfigShape } from '@netra/collectors';
import { commonConfigExamples, commonConfigShape, env, loadConfig, PLATFORMS, platformSchema } from '@netra/core';
import { opsConfigExamples, opsConfigShape } from '@netra/observability';
import { z } from 'zod';

const schema = z.object({
  ...commonConfigShape,
  ...opsConfigShape,
  ...evidenceConfigShape,
  EVIDENCE_DIR: z.string().optional(),
  CHROMIUM_PATH: z.string().optional(),
  /** Rewrites real platform origins, e.g. to the demo platform: {"facebook":"http://127.0.0.1:4010/facebook"}. */
  PLATFORM_ORIGINS: env.platformOrigins(),
  SCRAPER_CONCURRENCY: env.positiveInt(2),
  SCRAPER_MAX_POSTS_PER_ACCOUNT: env.positiveInt(200),
  SCRAPER_LOCK_MS: env.durationMs(120_000),
  /**
   * Reverse crawl (nightly): newest posts per candidate official account (Bluesky, Mastodon, YouTube) whose
   * replies are read for replies by watched accounts; 0 turns the reverse crawl off.
   */
  SCRAPER_CANDIDATE_POSTS: z.coerce.number().int().min(0).max(100).default(20),
  /**
   * API collectors download post images (Bluesky, Mastodon, Telegram) up to this size each for OCR (JPEG, PNG,
   * WebP, GIF; public addresses or the PLATFORM_ORIGINS origin only); 0 turns the download off.
   */
  SCRAPER_IMAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(15 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /** YouTube Data API v3 key: uploads older than the channel feed's latest 15. A secret: env only. */
  YOUTUBE_API_KEY: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined)),
  /**
   * `page` reads YouTube channel pages with Chromium (videos and community posts); `feed` over plain HTTP
   * (channel feed, Data API with a key: videos only, but stable and cheap).
   */
  SCRAPER_YOUTUBE_COLLECTOR: z.enum(['feed', 'page']).default('page'),
  /** Nightly crawls of API platforms read only what is newer than each account's cursor. */
  SCRAPER_INCREMENTAL: env.bool(true),
  /** Kill switch: platforms never contacted (comma-separated, e.g. `facebook,tiktok`). */
  SCRAPER_DISABLED_PLATFORMS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(platformSchema)),
  /** Crawls of one platform at once per process (default 2); `SCRAPER_PLATFORM_CONCURRENCY` overrides per platform. */
  SCRAPER_PLATFORM_CONCURRENCY_DEFAULT: env.positiveInt(2),
  /** Per platform, as JSON: {"facebook":1,"bluesky":4}. */
  SCRAPER_PLATFORM_CONCURRENCY: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'bukan JSON / not JSON, e.g. {"facebook":1}' });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(platformSchema, z.number().int().positive())),
  /**
   * Minimum gap between two requests to one platform (ms) and the random extra on top. Unset: 1000 ms + up
   * to 500 ms for real platforms, none for a platform PLATFORM_ORIGINS points at a local server.
   */
  SCRAPER_MIN_DELAY_MS: env.optionalDelayMs(),
  SCRAPER_DELAY_JITTER_MS: env.optionalDelayMs(),
  /** User agent of every request and browser context (HTTP default: NetraCollector/1.0; browser: Chromium's). */
  SCRAPER_USER_AGENT: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined)),
  SCHEDULER_ENABLED: env.bool(true),
  /** Edit/deletion watch: flagged and tipped posts are re-read this often (hours; 0 turns it off). */
  RECHECK_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(6),
  /** Posts re-read per run at most (the oldest-checked first). */
  RECHECK_BATCH: env.positiveInt(500),
  /** 02:00 WIB by default: public pages are quiet and the analysts' morning queue is ready. */
  NIGHTLY_CRON: z.string().min(9).default('0 2 * * *'),
  NIGHTLY_TIMEZONE: z.string().default('Asia/Jakarta'),
  /** Fault suite only: die right after the first account's counters are recorded (docs/reliability.md). */
  NETRA_TEST_EXIT_AFTER_COUNTER: env.bool(false),
});

export function loadScraperConfig(source: Record<string, string | undefined>) {
  const c = loadConfig(schema, source, {
    ...commonConfigExamples,
    ...opsConfigExamples,
    ...evidenceConfigExamples,
    PLATFORM_ORIGINS: '{"facebook":"http://127.0.0.1:4010/facebook"}',
    NIGHTLY_CRON: '0 2 * * *',
    SCRAPER_YOUTUBE_COLLECTOR: 'feed',
  });
  // Politeness is for real platforms: a platform pointed at a local server (tests, demo) is not paced unless asked.
  const delayMs: Record<string, number> = {};
  const jitter: Record<string, number> = {};
  for (const platform of PLATFORMS) {
    const local = Boolean(c.PLATFORM_ORIGINS[platform]);
    delayMs[platform] = c.SCRAPER_MIN_DELAY_MS ?? (local ? 0 : 1_000);
    jitter[platform] = c.SCRAPER_DELAY_JITTER_MS ?? (local ? 0 : 500);
  }
  return {
    ...c,
    politeness: {
      disabled: c.SCRAPER_DISABLED_PLATFORMS,
      defaultConcurrency: c.SCRAPER_PLATFORM_CONCURRENCY_DEFAULT,
      concurrency: c.SCRAPER_PLATFORM_CONCURRENCY,
      delayMs,
      jitter,
      ...(c.SCRAPER_USER_AGENT ? { userAgent: c.SCRAPER_USER_AGENT } : {}),
    },
    evidenceDir: c.EVIDENCE_DIR ?? join(c.NETRA_DATA_DIR, 'evidence'),
    apiPlatforms:
      c.SCRAPER_YOUTUBE_COLLECTOR === 'feed'
        ? (['bluesky', 'mastodon', 'telegram', 'youtube'] as const)
        : (['bluesky', 'mastodon', 'telegram'] as const),
  };
}
