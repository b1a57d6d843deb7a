import { openEvidenceStore } from '@netra/collectors';
import { createLogger, exitOnSignals, startOrExit } from '@netra/core';
import { observeWorker, startDeployableOps } from '@netra/observability';
import { startOcrWorker } from '@netra/pipeline';
import { openStores } from '@netra/runtime';
import { loadOcrConfig } from './config.ts';

await startOrExit('netra-ocr', async () => {
  const config = loadOcrConfig(process.env);
  const logger = createLogger('netra-ocr', config.LOG_LEVEL);
  const stores = await openStores(config, logger, { allowPrivateRedis: false });
  // /livez, /readyz and /metrics on METRICS_PORT, like every deployable (docs/operations.md).
  const ops = await startDeployableOps('netra-ocr', config, stores, logger);
  const worker = startOcrWorker({
    db: stores.database.db,
    connection: stores.workerConnection,
    queues: stores.queues,
    prefix: config.QUEUE_PREFIX,
    logger,
    evidenceDir: config.evidenceDir,
    // The same store the scraper writes to: disk by default, S3-compatible with EVIDENCE_STORE=s3.
    evidenceStore: openEvidenceStore(config, config.evidenceDir),
    concurrency: config.OCR_CONCURRENCY,
    lockDurationMs: config.OCR_LOCK_MS,
    maxImagesPerPost: config.OCR_MAX_IMAGES_PER_POST,
    ocr: {
      binary: config.TESSERACT_PATH,
      timeoutMs: config.OCR_TIMEOUT_MS,
      maxBytes: config.OCR_MAX_BYTES,
      maxPixels: config.OCR_MAX_PIXELS,
      variants: config.OCR_VARIANTS,
    },
    stores: stores.health,
  });
  observeWorker(ops.metrics, worker);
  logger.info({ prefix: config.QUEUE_PREFIX, concurrency: config.OCR_CONCURRENCY }, 'ocr worker started');
  exitOnSignals(logger, () => [
    { name: 'ocr worker', run: () => worker.close() },
    ...stores.closeSteps,
    { name: 'operations endpoints', run: ops.close },
  ]);
});
