import { openEvidenceStore } from '@netra/collectors';
import { createLogger, exitOnSignals, type ShutdownStep, startOrExit } from '@netra/core';
import { crawlObserver, observeWorker, startDeployableOps } from '@netra/observability';
import { startScheduler, startScraperWorker } from '@netra/pipeline/scraper';
import { openStores } from '@netra/runtime';
import { loadScraperConfig } from './config.ts';

await startOrExit('netra-scraper', async () => {
  const config = loadScraperConfig(process.env);
  const logger = createLogger('netra-scraper', config.LOG_LEVEL);
  const stores = await openStores(config, logger, { allowPrivateRedis: false });
  const ops = await startDeployableOps('netra-scraper', config, stores, logger);
  const scraper = startScraperWorker({
    db: stores.database.db,
    connection: stores.workerConnection,
    queues: stores.queues,
    prefix: config.QUEUE_PREFIX,
    logger,
    evidenceDir: config.evidenceDir,
    evidenceStore: openEvidenceStore(config, config.evidenceDir),
    platformOrigins: config.PLATFORM_ORIGINS,
    chromiumPath: config.CHROMIUM_PATH,
    concurrency: config.SCRAPER_CONCURRENCY,
    maxPostsPerAccount: config.SCRAPER_MAX_POSTS_PER_ACCOUNT,
    lockDurationMs: config.SCRAPER_LOCK_MS,
    stores: stores.health,
    exitAfterCounterForTests: config.NETRA_TEST_EXIT_AFTER_COUNTER,
    youtubeApiKey: config.YOUTUBE_API_KEY,
    apiPlatforms: config.apiPlatforms,
    incremental: config.SCRAPER_INCREMENTAL,
    politeness: config.politeness,
    candidatePostsPerAccount: config.SCRAPER_CANDIDATE_POSTS,
    images: config.SCRAPER_IMAGE_MAX_BYTES > 0 ? { maxBytes: config.SCRAPER_IMAGE_MAX_BYTES } : undefined,
  });
  observeWorker(ops.metrics, scraper.worker, crawlObserver(ops.metrics));
  const scheduler = config.SCHEDULER_ENABLED
    ? await startScheduler({
        db: stores.database.db,
        connection: stores.workerConnection,
        queues: stores.queues,
        prefix: config.QUEUE_PREFIX,
        logger,
        nightlyCron: config.NIGHTLY_CRON,
        timezone: config.NIGHTLY_TIMEZONE,
        redisState: stores.health.redis,
        databaseState: stores.health.database,
        candidateReplies: config.SCRAPER_CANDIDATE_POSTS > 0,
        recheck:
          config.RECHECK_INTERVAL_HOURS > 0
            ? {
                evidenceDir: config.evidenceDir,
                platformOrigins: config.PLATFORM_ORIGINS,
                intervalMs: config.RECHECK_INTERVAL_HOURS * 3_600_000,
                limit: config.RECHECK_BATCH,
                disabledPlatforms: config.SCRAPER_DISABLED_PLATFORMS,
              }
            : undefined,
      })
    : null;
  logger.info({ scheduler: Boolean(scheduler), cron: config.NIGHTLY_CRON }, 'scraper worker started');
  exitOnSignals(logger, () => {
    const steps: ShutdownStep[] = [];
    if (scheduler) steps.push({ name: 'scheduler', run: () => scheduler.close() });
    steps.push({ name: 'scraper worker and browser', run: () => scraper.close() }, ...stores.closeSteps, {
      name: 'operations endpoints',
      run: ops.close,
    });
    return steps;
  });
});
