import { createRedisConnection, type QueueName } from '@netra/queue';
import { type Job, type Queue, Worker } from 'bullmq';
import type { TestServer } from './test-server.ts';

/**
 * Adds one job to a queue of the test server and waits until a worker that always throws `reason` has failed
 * it (one attempt), so it shows on the failed-job pages. The worker and its connection are closed either way.
 */
export async function failJob(
  server: TestServer,
  queueName: QueueName,
  job: { name: string; data: unknown; jobId: string },
  reason: string,
): Promise<Job> {
  const queue = server.queues[queueName] as unknown as Queue;
  const connection = createRedisConnection({ url: server.redisUrl, forWorker: true });
  const worker = new Worker(
    queue.name,
    async () => {
      throw new Error(reason);
    },
    { connection, prefix: queue.opts.prefix, autorun: true },
  );
  try {
    const failed = new Promise<Job>((resolve) => {
      worker.on('failed', (j) => {
        if (j?.id === job.jobId) resolve(j);
      });
    });
    await queue.add(job.name, job.data, { jobId: job.jobId, attempts: 1 });
    return await failed;
  } finally {
    await worker.close();
    connection.disconnect();
  }
}
