import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TWO_RACES_REGISTRY } from '@netra/classifier/testing/two-races-registry';
import { ArtefactStore } from '@netra/collectors';
import { insertUser } from '@netra/db';
import {
  createTestDatabase,
  insertWatchedAccount,
  type TestDatabase,
  testQueuePrefix,
  testRedisUrl,
} from '@netra/db/testing';
import { createQueues, createRedisConnection, type Queues } from '@netra/queue';
import type { Redis } from 'ioredis';
import { registryClassifier } from '../registry-classifier.ts';
import { submitTip, type TipInput } from '../tips/submit-tip.ts';

/** What a tip test works against: a real database, artefact store directory and OCR queue. */
export interface TipTestBed {
  database: TestDatabase;
  dir: string;
  queues: Queues;
  /** Submits a tip of `https://x.com/<handle>/status/<status>` as the bed's analyst (TWO_RACES_REGISTRY). */
  tip: (status: number, fields: Omit<TipInput, 'url'>) => ReturnType<typeof submitTip>;
  close: () => Promise<void>;
}

/**
 * A database with one analyst and one watched X account `handle`, a fresh store directory and queues; `now` is
 * the tips' present (a posting time after it is refused).
 */
export async function openTipTestBed(handle: string, options: { now?: () => Date } = {}): Promise<TipTestBed> {
  const database = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'netra-tip-'));
  const analystId = (
    await insertUser(database.db, { username: 'analis', displayName: 'Analis', passwordHash: 'x', role: 'analyst' })
  ).id;
  await insertWatchedAccount(database.db, { platform: 'x', handle, regionCode: '81.01' });
  const connection: Redis = createRedisConnection({ url: testRedisUrl(), forWorker: false });
  const queues = createQueues(connection, testQueuePrefix());
  return {
    database,
    dir,
    queues,
    tip: (status, fields) =>
      submitTip(
        {
          db: database.db,
          store: new ArtefactStore(dir),
          classifier: registryClassifier(),
          registry: async () => TWO_RACES_REGISTRY,
          queues,
          now: options.now,
        },
        { url: `https://x.com/${handle}/status/${status}`, ...fields },
        { userId: analystId, username: 'analis' },
      ),
    close: async () => {
      try {
        await queues.close();
        connection.disconnect();
        await database.drop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
