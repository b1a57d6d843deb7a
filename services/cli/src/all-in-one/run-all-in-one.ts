import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { thresholdInForce } from '@netra/classifier';
import type { PlatformOrigins } from '@netra/collectors';
import {
  createLogger,
  type Logger,
  NetraError,
  type ShutdownStep,
  type StopSignals,
  shutdownInOrder,
  watchStopSignals,
} from '@netra/core';
import { countPosts, countReviewItems, findCrawlRun } from '@netra/db';
import { startClassifierWorker, startOcrWorker, startScheduler, startScraperWorker } from '@netra/pipeline';
import { startCrawlRun } from '@netra/pipeline/crawl-runs';
import { openStores, type Stores } from '@netra/runtime';
import { allRoutes, buildServer } from '@netra/server';
import type { AllInOneConfig } from './all-in-one-config.ts';
import { ensureFirstAdmin } from './ensure-admin.ts';

export interface AllInOneOptions {
  config: AllInOneConfig;
  env: NodeJS.ProcessEnv;
  /** Say things to the person at the terminal (stderr). */
  say(line: string): void;
  /** Extra set-up before the workers start (the demo seeds data and starts its platform here). */
  prepare?(stores: Stores, logger: Logger): Promise<{ platformOrigins: PlatformOrigins; close?: () => Promise<void> }>;
  /** Start a crawl right away and report when it has been classified. */
  crawlNow: boolean;
  /** Stop after that first crawl (smoke tests); otherwise run until Ctrl-C. */
  once: boolean;
}

/**
 * Every part of Netra in one process on one store: API and web UI, scraper, classifier and the nightly
 * scheduler. This is the zero-setup path (embedded database, private Redis); production runs each part as
 * its own deployable.
 */
export async function runAllInOne(options: AllInOneOptions): Promise<number> {
  mkdirSync(options.config.NETRA_DATA_DIR, { recursive: true });
  const logger = createLogger('netra', options.config.LOG_LEVEL);
  // Caught from before the private redis-server starts: a SIGTERM while starting or crawling (a supervisor, a
  // test's stop) used to end Node at once and leave the redis-server, Chromium and PGlite's files behind.
  const stop = watchStopSignals(logger);
  try {
    return await run(options, logger, stop);
  } finally {
    stop.dispose();
  }
}

/** Thrown at a checkpoint once a signal has been received: the start-up or crawl is cut short. */
class Stopped extends Error {}

async function run(options: AllInOneOptions, logger: Logger, stop: StopSignals): Promise<number> {
  const { config, say } = options;
  const checkpoint = () => {
    if (stop.received) throw new Stopped(stop.received);
  };
  const stores = await openStores(config, logger, { allowPrivateRedis: true });
  const steps: ShutdownStep[] = [];
  try {
    checkpoint();
    const prepared: { platformOrigins: PlatformOrigins; close?: () => Promise<void> } = (await options.prepare?.(
      stores,
      logger,
    )) ?? { platformOrigins: config.PLATFORM_ORIGINS };
    if (prepared.close) steps.push({ name: 'demo platform', run: prepared.close });
    checkpoint();
    const admin = await ensureFirstAdmin(stores.database.db, config.NETRA_DATA_DIR, options.env);
    const common = {
      db: stores.database.db,
      connection: stores.workerConnection,
      prefix: config.QUEUE_PREFIX,
      logger,
      stores: stores.health,
    };
    const classifier = startClassifierWorker({
      ...common,
      batchSize: 64,
      batchWaitMs: 25,
      lockDurationMs: 30_000,
      stalledIntervalMs: 15_000,
      threshold: config.CLASSIFIER_THRESHOLD,
    });
    steps.unshift({ name: 'classifier', run: () => classifier.close() });
    // Posts with images wait for their text here before the classifier sees them (docs/decisions.md).
    const ocr = startOcrWorker({
      ...common,
      queues: stores.queues,
      evidenceDir: join(config.NETRA_DATA_DIR, 'evidence'),
      concurrency: 1,
      lockDurationMs: 300_000,
      maxImagesPerPost: 8,
      ocr: {},
    });
    steps.unshift({ name: 'ocr', run: () => ocr.close() });
    const scraper = startScraperWorker({
      ...common,
      queues: stores.queues,
      evidenceDir: join(config.NETRA_DATA_DIR, 'evidence'),
      platformOrigins: prepared.platformOrigins,
      chromiumPath: config.CHROMIUM_PATH,
      concurrency: 2,
      maxPostsPerAccount: 200,
      lockDurationMs: 120_000,
      // API posts' images go to OCR like the page collectors' (5 MiB each, public addresses or PLATFORM_ORIGINS).
      images: { maxBytes: 5 * 1024 * 1024 },
    });
    steps.unshift({ name: 'scraper', run: () => scraper.close() });
    const scheduler = await startScheduler({
      ...common,
      queues: stores.queues,
      nightlyCron: config.NIGHTLY_CRON,
      timezone: 'Asia/Jakarta',
      redisState: stores.health.redis,
      databaseState: stores.health.database,
    });
    steps.unshift({ name: 'scheduler', run: () => scheduler.close() });
    const app = await buildServer(
      {
        db: stores.database.db,
        queues: stores.queues,
        logger,
        health: stores.health,
        config: {
          cookieSecure: false,
          trustProxy: false,
          sessionTtlHours: 12,
          loginMaxFailures: 5,
          loginWindowMinutes: 15,
          evidenceDir: join(config.NETRA_DATA_DIR, 'evidence'),
          classifierThreshold: thresholdInForce(config.CLASSIFIER_THRESHOLD),
        },
      },
      allRoutes,
    );
    steps.unshift({ name: 'http server', run: () => app.close() });
    await app.listen({ host: '127.0.0.1', port: config.PORT }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new NetraError(
        'PORT_IN_USE',
        `Port ${config.PORT} sudah dipakai; pakai --port atau PORT / port ${config.PORT} is in use: pass --port or set PORT`,
      );
    });
    checkpoint();
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : config.PORT}`;
    say(`Netra berjalan di / is running at ${url}`);
    if (admin.created)
      say(
        `Masuk sebagai / sign in as: admin · kata sandi / password: ${admin.password} (juga di / also in ${admin.passwordFile})`,
      );
    say(
      `Basis data / database: ${stores.database.kind === 'pglite' ? `PGlite ${join(config.NETRA_DATA_DIR, 'pglite')} (uji coba / trial only)` : 'PostgreSQL'}`,
    );

    if (options.crawlNow) {
      const started = Date.now();
      const run = await startCrawlRun(stores.database.db, stores.queues, { trigger: 'on_demand', requestedBy: null });
      say(`Perayapan dimulai / crawl started: ${run.accounts_total} akun / accounts`);
      const summary = await waitForRun(stores, run.id, stop);
      say(
        `Selesai / done in ${Math.round((Date.now() - started) / 1000)} s: ${summary.posts} unggahan / posts, ` +
          `${summary.flagged} ditandai / flagged → ${url}/review · API: ${url}/api/review/items`,
      );
    }
    if (options.once) {
      await shutdownInOrder(logger, [...steps, ...stores.closeSteps]);
      return 0;
    }
    // Serving until stopped: here a signal is the asked-for end, not an interruption, so a clean stop is 0.
    await stop.next;
    say('Berhenti / stopping…');
    const clean = await shutdownInOrder(logger, [...steps, ...stores.closeSteps]);
    return clean ? 0 : 1;
  } catch (error) {
    if (error instanceof Stopped) say(`Dihentikan / interrupted (${error.message}); berhenti / stopping…`);
    await shutdownInOrder(logger, [...steps, ...stores.closeSteps]);
    // Cut short before its work was done: the shell's 128 + signal, so a script does not take it for success.
    if (error instanceof Stopped) return stop.exitCode();
    throw error;
  }
}

async function waitForRun(
  stores: Stores,
  runId: string,
  stop: StopSignals,
): Promise<{ posts: number; flagged: number }> {
  const db = stores.database.db;
  // Checked between polls, never raced: a poll abandoned mid-query would fail later on closed stores.
  while (!stop.received) {
    const run = await findCrawlRun(db, runId);
    if (!run) throw new Error(`crawl run ${runId} not found`);
    const pending = await stores.queues.classify.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const reading = await stores.queues.ocr.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (run.status === 'completed' && [...Object.values(pending), ...Object.values(reading)].every((n) => n === 0))
      break;
    await Promise.race([new Promise((r) => setTimeout(r, 500)), stop.next]);
  }
  if (stop.received) throw new Stopped(stop.received);
  return { posts: await countPosts(db), flagged: await countReviewItems(db) };
}
