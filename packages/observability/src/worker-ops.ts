import type { Logger } from '@netra/core';
import type { Database } from '@netra/db';
import type { Queues } from '@netra/queue';
import type { Kysely } from 'kysely';
import { AddressAllowList } from './address-allow-list.ts';
import { NetraMetrics } from './netra-metrics.ts';
import type { OpsSettings } from './ops-config.ts';
import { startOpsServer } from './ops-server.ts';
import { queuesIn, registerQueueMetrics } from './queue-metrics.ts';
import { type ReadinessTarget, readinessCheck } from './readiness.ts';

export interface OpsStores extends ReadinessTarget {
  database: { db: Kysely<Database> };
  queues: Queues;
}

export interface DeployableOps {
  metrics: NetraMetrics;
  allow: AddressAllowList;
  ready: ReturnType<typeof readinessCheck>;
  /** The port serving `/livez`, `/readyz`, `/metrics`, or null when `METRICS_PORT` is not set. */
  port: number | null;
  /** A shutdown step: stops the operations server (last, so probes see the process until it is gone). */
  close(): Promise<void>;
}

/**
 * One call per deployable: its metrics registry (process metrics and queue depths included), its readiness
 * check and — when `METRICS_PORT` is set — the small HTTP server with `/livez`, `/readyz` and `/metrics`.
 * A worker then passes its BullMQ workers to `observeWorker(ops.metrics, worker, …)`.
 */
export async function startDeployableOps(
  service: string,
  settings: OpsSettings,
  stores: OpsStores,
  logger: Logger,
): Promise<DeployableOps> {
  const metrics = new NetraMetrics(service);
  registerQueueMetrics(metrics, queuesIn(stores.queues));
  const allow = new AddressAllowList(settings.METRICS_ALLOW);
  const ready = readinessCheck(stores);
  const server =
    settings.METRICS_PORT === undefined
      ? null
      : await startOpsServer({
          metrics,
          allow,
          ready,
          host: settings.METRICS_HOST,
          port: settings.METRICS_PORT,
          logger,
        });
  if (!server) logger.info('METRICS_PORT not set: no /livez, /readyz or /metrics on this process');
  return { metrics, allow, ready, port: server?.port ?? null, close: async () => server?.close() };
}
