import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ClassifyJobData, CrawlQueueJob, OcrJob, ScheduleJob } from './job-payloads.ts';
import { defaultJobOptions } from './job-retention.ts';
import { QUEUE } from './queue-names.ts';

export interface Queues {
  crawl: Queue<CrawlQueueJob>;
  classify: Queue<ClassifyJobData>;
  ocr: Queue<OcrJob>;
  schedule: Queue<ScheduleJob>;
  close(): Promise<void>;
}

/**
 * Producer handles for every queue, sharing one connection. `prefix` namespaces all keys, which is how
 * tests (and several Netra installations on one Redis) keep apart. `onError` hears connection errors
 * (Redis restarting); the connection's own state already logs outages, so the default ignores them.
 */
export function createQueues(connection: Redis, prefix: string, onError: (error: Error) => void = () => {}): Queues {
  const opts = { connection, prefix, defaultJobOptions };
  const crawl = new Queue<CrawlQueueJob>(QUEUE.crawl, opts);
  const classify = new Queue<ClassifyJobData>(QUEUE.classify, opts);
  const ocr = new Queue<OcrJob>(QUEUE.ocr, opts);
  const schedule = new Queue<ScheduleJob>(QUEUE.schedule, opts);
  // A queue re-emits its connection's errors; without a listener that is an unhandled 'error' event.
  for (const queue of [crawl, classify, ocr, schedule]) queue.on('error', onError);
  return {
    crawl,
    classify,
    ocr,
    schedule,
    close: async () => {
      await Promise.all([crawl.close(), classify.close(), ocr.close(), schedule.close()]);
    },
  };
}
