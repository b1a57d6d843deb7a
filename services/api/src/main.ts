import { createLogger, exitOnSignals, startOrExit } from '@netra/core';
import { mountOpsEndpoints, registerDatabaseMetrics, startDeployableOps } from '@netra/observability';
import { openStores } from '@netra/runtime';
import { allRoutes, buildServer } from '@netra/server';
import { loadApiConfig } from './config.ts';

await startOrExit('netra-api', async () => {
  const config = loadApiConfig(process.env);
  const logger = createLogger('netra-api', config.LOG_LEVEL);
  const stores = await openStores(config, logger, { allowPrivateRedis: false });
  const app = await buildServer(
    { db: stores.database.db, queues: stores.queues, logger, health: stores.health, config: config.server },
    allRoutes,
  );
  const ops = await startDeployableOps('netra-api', config, stores, logger);
  registerDatabaseMetrics(ops.metrics, stores.database.db);
  mountOpsEndpoints(app, ops);
  await app.listen({ host: config.HOST, port: config.PORT });
  exitOnSignals(logger, () => [
    { name: 'http server', run: () => app.close() },
    ...stores.closeSteps,
    { name: 'operations endpoints', run: ops.close },
  ]);
});
