import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { insertWatchedAccount } from '../testing/test-fixtures.ts';
import { createCrawlRun, findCrawlRun, recordAccountCrawled } from './crawl-repository.ts';

describe('crawl-run counters', () => {
  let t: TestDatabase;
  const accounts: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const handle of ['satu', 'dua', 'tiga', 'empat']) {
      accounts.push((await insertWatchedAccount(t.db, { handle: `crawl.${handle}` })).accountId);
    }
  });
  afterAll(async () => t?.drop());

  const ok = (runId: string, accountId: string, postsFound: number) =>
    recordAccountCrawled(t.db, { runId, accountId, status: 'ok', postsFound, failed: false, errors: [] });

  it('count an account once however often it is recorded (a scraper killed after recording)', async () => {
    const run = await createCrawlRun(t.db, { trigger: 'on_demand', requestedBy: null, accountsTotal: 2 });
    await ok(run.id, accounts[0]!, 3);
    await ok(run.id, accounts[0]!, 3);
    let row = await findCrawlRun(t.db, run.id);
    expect(row).toMatchObject({ accounts_done: 1, posts_found: 3, accounts_failed: 0, status: 'running' });
    await ok(run.id, accounts[1]!, 2);
    await ok(run.id, accounts[1]!, 2);
    row = await findCrawlRun(t.db, run.id);
    expect(row).toMatchObject({ accounts_done: 2, posts_found: 5, status: 'completed' });
    expect(row?.finished_at).not.toBeNull();
  });

  it('a success replaces an earlier failure; a late failure does not undo a success', async () => {
    const run = await createCrawlRun(t.db, { trigger: 'on_demand', requestedBy: null, accountsTotal: 2 });
    const fail = (accountId: string) =>
      recordAccountCrawled(t.db, {
        runId: run.id,
        accountId,
        status: 'unknown',
        postsFound: 0,
        failed: true,
        errors: [{ code: 'NAV', message: 'gagal' }],
      });
    await fail(accounts[0]!);
    await ok(run.id, accounts[0]!, 4);
    await ok(run.id, accounts[1]!, 1);
    await fail(accounts[1]!);
    const row = await findCrawlRun(t.db, run.id);
    expect(row).toMatchObject({ accounts_done: 2, accounts_failed: 0, posts_found: 5, errors: [] });
  });

  it('records a failure whose message quotes a platform answer with NUL or half a surrogate pair', async () => {
    const run = await createCrawlRun(t.db, { trigger: 'on_demand', requestedBy: null, accountsTotal: 1 });
    await recordAccountCrawled(t.db, {
      runId: run.id,
      accountId: accounts[2]!,
      status: 'unknown',
      postsFound: 0,
      failed: true,
      errors: [{ code: 'HTTP', message: 'jawaban platform: a\u0000b \ud800' }],
    });
    const row = await findCrawlRun(t.db, run.id);
    expect(row).toMatchObject({ accounts_done: 1, accounts_failed: 1 });
    expect(row?.errors).toMatchObject([{ code: 'HTTP', message: 'jawaban platform: a\ufffdb \ufffd' }]);
  });

  it('replicas recording different accounts of one run at once lose nothing', async () => {
    const run = await createCrawlRun(t.db, { trigger: 'on_demand', requestedBy: null, accountsTotal: 4 });
    await Promise.all(accounts.flatMap((a, i) => [ok(run.id, a, i + 1), ok(run.id, a, i + 1)]));
    const row = await findCrawlRun(t.db, run.id);
    expect(row).toMatchObject({ accounts_done: 4, posts_found: 10, status: 'completed' });
  });

  it('a failure recorded again replaces its errors instead of adding to them; other accounts keep theirs', async () => {
    const run = await createCrawlRun(t.db, { trigger: 'on_demand', requestedBy: null, accountsTotal: 3 });
    const fail = (accountId: string, message: string) =>
      recordAccountCrawled(t.db, {
        runId: run.id,
        accountId,
        status: 'unknown',
        postsFound: 0,
        failed: true,
        errors: [{ code: 'NAV', message }],
      });
    await fail(accounts[0]!, 'percobaan pertama');
    await fail(accounts[1]!, 'akun kedua');
    await fail(accounts[0]!, 'percobaan kedua');
    let row = await findCrawlRun(t.db, run.id);
    expect(row).toMatchObject({ accounts_done: 2, accounts_failed: 2, status: 'running' });
    expect(row?.errors).toEqual([
      { code: 'NAV', message: 'akun kedua', accountId: accounts[1] },
      { code: 'NAV', message: 'percobaan kedua', accountId: accounts[0] },
    ]);
    await ok(run.id, accounts[1]!, 7);
    await ok(run.id, accounts[2]!, 1);
    row = await findCrawlRun(t.db, run.id);
    expect(row).toMatchObject({ accounts_done: 3, accounts_failed: 1, posts_found: 8, status: 'completed' });
    expect(row?.errors).toEqual([{ code: 'NAV', message: 'percobaan kedua', accountId: accounts[0] }]);
  });

  it('errors keep the account they came from', async () => {
    const run = await createCrawlRun(t.db, { trigger: 'on_demand', requestedBy: null, accountsTotal: 1 });
    await recordAccountCrawled(t.db, {
      runId: run.id,
      accountId: accounts[2]!,
      status: 'ok',
      postsFound: 1,
      failed: false,
      errors: [{ code: 'PARTIAL', message: 'satu kiriman dilewati' }],
    });
    const row = await findCrawlRun(t.db, run.id);
    expect(row?.errors).toEqual([{ code: 'PARTIAL', message: 'satu kiriman dilewati', accountId: accounts[2] }]);
  });
});
