import { join } from 'node:path';
import { commonConfigExamples, commonConfigShape, env, loadConfig } from '@netra/core';
import { z } from 'zod';

const schema = z.object({
  ...commonConfigShape,
  EVIDENCE_DIR: z.string().optional(),
  CHROMIUM_PATH: z.string().optional(),
  /** Rewrites real platform origins, e.g. to the demo platform: {"facebook":"http://127.0.0.1:4010/facebook"}. */
  PLATFORM_ORIGINS: env.platformOrigins(),
  SCRAPER_CONCURRENCY: env.positiveInt(2),
  SCRAPER_MAX_POSTS_PER_ACCOUNT: env.positiveInt(200),
  SCRAPER_LOCK_MS: env.positiveInt(120_000),
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
    PLATFORM_ORIGINS: '{"facebook":"http://127.0.0.1:4010/facebook"}',
    NIGHTLY_CRON: '0 2 * * *',
    SCRAPER_YOUTUBE_COLLECTOR: 'feed',
  });
  return {
    ...c,
    evidenceDir: c.EVIDENCE_DIR ?? join(c.NETRA_DATA_DIR, 'evidence'),
    apiPlatforms:
      c.SCRAPER_YOUTUBE_COLLECTOR === 'feed'
        ? (['bluesky', 'mastodon', 'telegram', 'youtube'] as const)
        : (['bluesky', 'mastodon', 'telegram'] as const),
  };
}
