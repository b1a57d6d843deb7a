import { createLogger, exitOnSignals, startOrExit } from '@netra/core';
import { classifyObserver, observeWorker, startDeployableOps } from '@netra/observability';
import { startClassifierWorker } from '@netra/pipeline/classifier';
import { openStores } from '@netra/runtime';
import { loadClassifierConfig } from './config.ts';

await startOrExit('netra-classifier', async () => {
  const config = loadClassifierConfig(process.env);
  const logger = createLogger('netra-classifier', config.LOG_LEVEL);
  const stores = await openStores(config, logger, { allowPrivateRedis: false });
  const ops = await startDeployableOps('netra-classifier', config, stores, logger);
  const worker = startClassifierWorker({
    db: stores.database.db,
    connection: stores.workerConnection,
    prefix: config.QUEUE_PREFIX,
    logger,
    batchSize: config.CLASSIFIER_BATCH_SIZE,
    batchWaitMs: config.CLASSIFIER_BATCH_WAIT_MS,
    lockDurationMs: config.CLASSIFIER_LOCK_MS,
    stalledIntervalMs: config.CLASSIFIER_STALLED_CHECK_MS,
    modelPath: config.CLASSIFIER_MODEL_PATH,
    threshold: config.CLASSIFIER_THRESHOLD,
    registryTtlMs: config.REGISTRY_REFRESH_MS,
    stores: stores.health,
    threads: config.CLASSIFIER_THREADS,
  });
  observeWorker(ops.metrics, worker, classifyObserver(ops.metrics));
  logger.info(
    { prefix: config.QUEUE_PREFIX, batch: config.CLASSIFIER_BATCH_SIZE, threads: config.CLASSIFIER_THREADS },
    'classifier worker started',
  );
  exitOnSignals(logger, () => [
    { name: 'classifier worker', run: () => worker.close() },
    ...stores.closeSteps,
    { name: 'operations endpoints', run: ops.close },
  ]);
});
