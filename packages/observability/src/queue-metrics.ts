import { Queue } from 'bullmq';
import type { NetraMetrics } from './netra-metrics.ts';

/** Job states exported per queue; `failed` is the visible failure list an operator must empty. */
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/** Every BullMQ queue among a `Queues` object's values, so a queue added there is measured without a change here. */
export function queuesIn(queues: object): Queue[] {
  return Object.values(queues).filter((v): v is Queue => v instanceof Queue);
}

/**
 * Queue depth per state and the age of the oldest waiting job, read from Redis when Prometheus scrapes.
 * Every deployable exports them (each sees the same Redis): aggregate with `max by (queue, state)`.
 */
export function registerQueueMetrics(metrics: NetraMetrics, queues: readonly Queue[]): void {
  metrics.gauge('netra_queue_jobs', 'Jobs in each queue by state', ['queue', 'state'], async (gauge) => {
    const all = await Promise.all(queues.map((q) => q.getJobCounts(...STATES)));
    gauge.reset();
    for (const [i, counts] of all.entries())
      for (const state of STATES) gauge.set({ queue: queues[i]!.name, state }, counts[state] ?? 0);
  });
  metrics.gauge(
    'netra_queue_oldest_waiting_seconds',
    'Age of the oldest job waiting in each queue (0 when none waits): how far behind the workers are',
    ['queue'],
    async (gauge) => {
      const now = Date.now();
      const oldest = await Promise.all(queues.map((q) => q.getJobs(['wait'], 0, 0, true)));
      gauge.reset();
      for (const [i, jobs] of oldest.entries()) {
        const job = jobs[0];
        // A delayed job only starts waiting when its delay ends.
        const since = job ? job.timestamp + (job.opts.delay ?? 0) : now;
        gauge.set({ queue: queues[i]!.name }, Math.max(0, (now - since) / 1000));
      }
    },
  );
}
