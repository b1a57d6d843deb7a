import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3ArtefactStore } from '@netra/collectors';
import { type S3TestServer, startS3TestServer } from '@netra/collectors/testing';
import { type DemoPlatform, startDemoPlatform } from '@netra/demo-platform';
import { seedDemo } from '@netra/demo-platform/seed';
import { startCrawlRun } from '@netra/pipeline/crawl-runs';
import { createTestServer, type TestServer } from '@netra/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeployable, stopAllDeployables, waitFor } from './support/deployable-process.ts';

/**
 * EVIDENCE_STORE=s3: the scraper, started as deployed, writes every artefact of a crawl to a local
 * S3-compatible server and nothing to its evidence folder; each artefact in the bucket hashes to its
 * reference, and the API serves it from the bucket.
 */
describe('evidence in S3-compatible object storage', () => {
  let server: TestServer;
  let demo: DemoPlatform;
  let s3: S3TestServer;
  let store: S3ArtefactStore;
  let dataDir: string;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    store = new S3ArtefactStore(s3.options);
    server = await createTestServer({ evidenceStore: store });
    await seedDemo(server.database.db);
    demo = await startDemoPlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'netra-s3e2e-'));
  });
  afterAll(async () => {
    await stopAllDeployables();
    await demo?.close();
    await server?.close();
    store?.close();
    await s3?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a crawl stores every artefact in the bucket, verifiable by hash, and the API serves it', {
    timeout: 240_000,
  }, async () => {
    const db = server.database.db;
    // A few accounts of different platforms keep this quick.
    const accounts = await db.selectFrom('accounts').select(['id', 'platform']).orderBy('platform').execute();
    const picked = [...new Map(accounts.map((a) => [a.platform, a.id])).values()].slice(0, 4);
    const scraper = startDeployable('workers/scraper/src/main.ts', {
      DATABASE_URL: server.database.url,
      REDIS_URL: server.redisUrl,
      QUEUE_PREFIX: server.prefix,
      NETRA_DATA_DIR: dataDir,
      PLATFORM_ORIGINS: JSON.stringify(demo.origins),
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...s3.env,
    });
    const run = await startCrawlRun(db, server.queues, { trigger: 'on_demand', requestedBy: null, accountIds: picked });
    await waitFor(
      async () => {
        const row = await db
          .selectFrom('crawl_runs')
          .select('status')
          .where('id', '=', run.id)
          .executeTakeFirstOrThrow();
        return row.status === 'completed' ? true : undefined;
      },
      180_000,
      () => scraper.log().slice(-3000),
    );
    const artefacts = await db.selectFrom('evidence_artefacts').select(['sha256', 'bytes', 'path']).execute();
    expect(artefacts.length).toBeGreaterThan(0);
    for (const a of artefacts) expect(await store.verify(a), a.sha256).toMatchObject({ ok: true });
    // Nothing went to the local evidence folder.
    expect(readdirSync(dataDir).includes('evidence') ? readdirSync(join(dataDir, 'evidence')) : []).toEqual([]);
    const viewer = await server.signIn('viewer');
    const first = artefacts[0]!;
    const response = await server.app.inject({
      method: 'GET',
      url: `/evidence/${first.sha256}`,
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(await store.read(first));
    expect(await scraper.stop()).toBe(0);
  });
});
