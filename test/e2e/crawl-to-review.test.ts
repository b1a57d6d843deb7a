import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertWatchedAccount } from '@netra/db/testing';
import { allDemoWatchedAccounts, type DemoPlatform, demoAccounts, startDemoPlatform } from '@netra/demo-platform';
import { seedDemo } from '@netra/demo-platform/seed';
import { startCrawlRun } from '@netra/pipeline/crawl-runs';
import { createTestServer, type TestServer } from '@netra/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployableProcess, startDeployable, stopAllDeployables, waitFor } from './support/deployable-process.ts';

/**
 * One crawl travelling the whole way, with every part real: the scraper and classifier workers run as their
 * own processes (as deployed), Chromium loads the demo platform's pages over loopback, jobs go through
 * Redis, results land in PostgreSQL and are read back through the API.
 */
describe('crawl → queue → classify → store → API', () => {
  let server: TestServer;
  let demo: DemoPlatform;
  let dataDir: string;
  const workers: DeployableProcess[] = [];

  const watched = new Set(allDemoWatchedAccounts().map((a) => `${a.platform}:${a.handle.toLowerCase()}`));
  const expectedPosts = demoAccounts
    .filter((a) => a.state === 'public' && watched.has(`${a.platform}:${a.handle.toLowerCase()}`))
    .reduce((n, a) => n + a.items.length, 0);

  async function counts() {
    const db = server.database.db;
    const n = async (table: 'posts' | 'classifications' | 'review_items') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      posts: await n('posts'),
      classifications: await n('classifications'),
      reviewItems: await n('review_items'),
    };
  }

  async function crawlAndWait(accountIds?: string[]) {
    const run = await startCrawlRun(server.database.db, server.queues, {
      trigger: 'on_demand',
      requestedBy: null,
      accountIds,
    });
    await waitFor(
      async () => {
        const row = await server.database.db
          .selectFrom('crawl_runs')
          .selectAll()
          .where('id', '=', run.id)
          .executeTakeFirstOrThrow();
        if (row.status !== 'completed') return undefined;
        const queued = await server.queues.classify.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(queued).every((v) => v === 0) ? row : undefined;
      },
      150_000,
      () => workers.map((w) => w.log().slice(-3000)).join('\n---\n'),
    );
    return server.database.db.selectFrom('crawl_runs').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    server = await createTestServer();
    await seedDemo(server.database.db);
    demo = await startDemoPlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'netra-e2e-'));
    const env = {
      DATABASE_URL: server.database.url,
      REDIS_URL: server.redisUrl,
      QUEUE_PREFIX: server.prefix,
      NETRA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    workers.push(
      startDeployable('workers/scraper/src/main.ts', {
        ...env,
        PLATFORM_ORIGINS: JSON.stringify(demo.origins),
        SCHEDULER_ENABLED: 'false',
      }),
      startDeployable('workers/classifier/src/main.ts', env),
    );
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await stopAllDeployables();
    await demo?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every public post of the watched accounts, classified once, with evidence', {
    timeout: 200_000,
  }, async () => {
    const run = await crawlAndWait();
    expect(run.accounts_done).toBe(run.accounts_total);
    expect(run.accounts_total).toBe(allDemoWatchedAccounts().length);
    const c = await counts();
    expect(c.posts).toBe(expectedPosts);
    expect(c.classifications).toBe(c.posts);
    expect(c.reviewItems).toBeGreaterThan(0);
    expect(c.reviewItems).toBeLessThan(c.posts);
    const withScreenshot = await server.database.db
      .selectFrom('evidence_artefacts')
      .select((eb) => eb.fn.count<number>('post_id').distinct().as('n'))
      .where('kind', '=', 'screenshot')
      .executeTakeFirstOrThrow();
    expect(Number(withScreenshot.n)).toBe(c.posts);
    // One full-page screenshot per page, shared by the posts of that page (stored once by its hash).
    const pageShots = await server.database.db
      .selectFrom('evidence_artefacts')
      .select((eb) => [
        eb.fn.count<number>('post_id').distinct().as('posts'),
        eb.fn.count<number>('sha256').distinct().as('shots'),
      ])
      .where('kind', '=', 'page_screenshot')
      .executeTakeFirstOrThrow();
    expect(Number(pageShots.posts)).toBe(c.posts);
    expect(Number(pageShots.shots)).toBeLessThan(c.posts);
  });

  it('flags explicit calls to vote with the right contest and leaves everyday posts alone', async () => {
    const rows = await server.database.db
      .selectFrom('posts as p')
      .innerJoin('classifications as c', 'c.post_id', 'p.id')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .innerJoin('people as pe', 'pe.id', 'a.person_id')
      .select(['p.text', 'c.flagged', 'c.candidate', 'c.score', 'pe.region_code'])
      .execute();
    const votes = rows.filter(
      (r) => /\bcoblos\b/i.test(r.text) && !/netral|sah|tidak sah|jangan lupa datang/i.test(r.text),
    );
    expect(votes.length).toBeGreaterThan(0);
    const flaggedVotes = votes.filter((r) => r.flagged);
    expect(flaggedVotes.length / votes.length).toBeGreaterThanOrEqual(0.8);
    const flagged = rows.filter((r) => r.flagged);
    // Flagged posts name a candidate of a contest the author votes in, almost always.
    const inContest = flagged.filter((r) => r.candidate !== null);
    expect(inContest.length / flagged.length).toBeGreaterThan(0.7);
    const quiet = rows.filter((r) => !r.flagged);
    expect(quiet.length).toBeGreaterThan(0);
  });

  it('lists the flagged posts with their classification through the API', async () => {
    const viewer = await server.signIn('viewer');
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/review/items?limit=500',
      headers: viewer.headers,
    });
    expect(list.statusCode).toBe(200);
    const { items } = list.json() as { items: { id: string; score: number; candidate: string | null; text: string }[] };
    const c = await counts();
    expect(items).toHaveLength(c.reviewItems);
    expect(items[0]!.score).toBeGreaterThanOrEqual(items.at(-1)!.score);
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/review/items/${items[0]!.id}`,
      headers: viewer.headers,
    });
    const body = detail.json();
    expect(body.evidence.length).toBeGreaterThan(0);
    expect(body.artefacts.some((a: { kind: string }) => a.kind === 'screenshot')).toBe(true);
    expect(body.person_name).toBeTruthy();
  });

  it('adds no duplicate posts, classifications or review items when the crawl runs again', {
    timeout: 200_000,
  }, async () => {
    const before = await counts();
    const run = await crawlAndWait();
    expect(run.posts_found).toBe(before.posts);
    expect(await counts()).toEqual(before);
    // The later sighting is recorded on every post, although each one's classify job id is still retained
    // as completed in Redis (BullMQ ignores a re-queued id it holds).
    const stale = await server.database.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('last_seen_at', '<', run.created_at)
      .executeTakeFirstOrThrow();
    expect(Number(stale.n)).toBe(0);
  });

  it('fails an invalid job visibly with the field named, and keeps working', async () => {
    await server.queues.classify.add(
      'classify-post',
      { platform: 'facebook', externalId: 'bad-1', text: 42 } as never,
      { jobId: 'bad-payload-1', attempts: 1 },
    );
    const failed = await waitFor(
      async () => {
        // Checked on one read of the job: reading it, then asking its state, could see it fail in between
        // and return a copy without the reason (seen under load).
        const job = await server.queues.classify.getJob('bad-payload-1');
        return job?.failedReason && job.finishedOn ? job : undefined;
      },
      30_000,
      () => workers[1]!.log().slice(-2000),
    );
    expect(failed.failedReason).toContain('CLASSIFY_PAYLOAD_INVALID');
    expect(failed.failedReason).toMatch(/text|url|kind|accountId/);
    expect(workers[1]!.child.exitCode).toBeNull();
  });

  it('keeps the good posts of a malformed page and records the broken one on the run, naming the field', {
    timeout: 120_000,
  }, async () => {
    const db = server.database.db;
    const { accountId } = await insertWatchedAccount(db, { name: 'Halaman Rusak', handle: 'halaman.rusak' });
    const run = await crawlAndWait([accountId]);
    expect(run.accounts_failed).toBe(0);
    const errors = run.errors as { code: string; message: string; accountId: string }[];
    expect(
      errors.some(
        (e) => e.code === 'COLLECTOR_PAGE_MALFORMED' && /missing/.test(e.message) && e.accountId === accountId,
      ),
    ).toBe(true);
    const kept = await db.selectFrom('posts').select('external_id').where('account_id', '=', accountId).execute();
    expect(kept.length).toBeGreaterThan(0);
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
  });
});
