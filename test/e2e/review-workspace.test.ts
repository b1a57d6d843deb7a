import type { AddressInfo } from 'node:net';
import { CHROMIUM_ARGS, resolveChromiumPath } from '@netra/collectors';
import type { Platform } from '@netra/core';
import { insertUser, saveClassification, upsertPost } from '@netra/db';
import { seedDemo } from '@netra/demo-platform/seed';
import { hashPassword } from '@netra/server/passwords';
import { createTestServer, TEST_PASSWORD, type TestServer } from '@netra/server/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Long enough that a loaded machine still renews it (heartbeat every third), short enough to see it lapse.
const LEASE_SECONDS = 8;

/**
 * The review workspace as analysts use it, in Chromium: keyboard-only decisions, the dismissal step, refused
 * input kept in place, the next item of the same filtered queue, claims between two analysts, bulk dismissal,
 * the person page, the overview and the phone layout.
 */
describe('review workspace in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let accountId: string;
  let accountHandle: string;
  let serial = 0;

  async function seedItem(tag: string, platform: Platform, score: number): Promise<string> {
    serial += 1;
    const db = server.database.db;
    const text = `Ayo coblos nomor 2 di pilkada, salam dua jari #${tag} (${serial})`;
    const post = await upsertPost(db, {
      platform,
      externalId: `ws-${serial}`,
      url: `https://example.org/p/${serial}`,
      kind: 'post',
      accountId,
      authorHandle: accountHandle,
      text,
      postedAt: new Date(Date.UTC(2024, 9, 1, 1, serial)).toISOString(),
      fetchedAt: new Date(Date.UTC(2024, 9, 2, 1, serial)).toISOString(),
      mediaDescriptions: [],
      evidence: [],
      raw: {},
      crawlRunId: null,
    });
    const saved = await saveClassification(db, post.id, {
      score,
      flagged: true,
      candidate: 'pilbup-mesuji-2024#2',
      stance: 'pro',
      category: 'online_campaigning',
      evidence: [{ start: 0, end: 18, cue: 'vote_call' }],
      language: 'id',
      modelVersion: 'test',
    });
    return saved.reviewItemId!;
  }

  async function signedIn(username: string, viewport?: { width: number; height: number }) {
    const context = await browser.newContext(viewport ? { viewport } : {});
    const page = await context.newPage();
    await page.goto(`${base}/review`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForURL(`${base}/review`);
    return { context, page };
  }

  const itemIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[2];

  async function latestDecision(itemId: string) {
    return server.database.db
      .selectFrom('review_decisions')
      .selectAll()
      .where('review_item_id', '=', itemId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  beforeAll(async () => {
    server = await createTestServer({ reviewLeaseSeconds: LEASE_SECONDS });
    const db = server.database.db;
    await seedDemo(db);
    await insertUser(db, {
      username: 'analyst2',
      displayName: 'Analis Dua',
      passwordHash: await hashPassword(TEST_PASSWORD),
      role: 'analyst',
    });
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'handle'])
      .orderBy('handle')
      .limit(1)
      .executeTakeFirstOrThrow();
    accountId = account.id;
    accountHandle = account.handle;
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('confirms and dismisses by keyboard, keeps refused input in place, and opens the next item of the filtered queue', {
    timeout: 90_000,
  }, async () => {
    const outsider = await seedItem('kbdsatu', 'x', 0.995);
    const first = await seedItem('kbdsatu', 'facebook', 0.99);
    const second = await seedItem('kbdsatu', 'facebook', 0.98);
    const third = await seedItem('kbdsatu', 'facebook', 0.97);
    const { context, page } = await signedIn('analyst');
    await page.goto(`${base}/review?platform=facebook&q=${encodeURIComponent('#kbdsatu')}`);
    expect(await page.locator('.queue-total').textContent()).toBe('3');
    await page.click('#take-next');
    await page.waitForURL((u) => u.pathname === `/review/${first}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('post');
    expect(await page.locator('.suggestion[data-source=model]').count()).toBe(1);

    // c, Enter: a confirmed violation from the model's suggestion; the next facebook item opens (not the x one).
    await page.keyboard.press('c');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-save');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/review/${second}`);
    const afterFirst = new URL(page.url());
    expect(afterFirst.searchParams.get('platform')).toBe('facebook');
    expect(afterFirst.searchParams.get('q')).toBe('#kbdsatu');
    expect(await latestDecision(first)).toMatchObject({
      decision: 'confirmed',
      candidate: 'pilbup-mesuji-2024#2',
      stance: 'pro',
      category: 'online_campaigning',
    });

    // d, 3, Enter: not a violation because the word is ordinary — candidate, stance and category cleared.
    await page.keyboard.press('d');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/review/${third}`);
    expect(await latestDecision(second)).toMatchObject({
      decision: 'dismissed',
      label: 'neutral',
      reason: 'ordinary_word',
      candidate: null,
      stance: null,
      category: null,
    });

    // A violation without a candidate is refused on the same page, the field named, the note kept.
    await page.selectOption('select[name=candidate]', '');
    await page.fill('textarea[name=note]', 'catatan yang tidak boleh hilang');
    await page.click('#f-save');
    await page.waitForLoadState();
    expect(await page.locator('#err-candidate').textContent()).toContain('Calon');
    expect(await page.locator('#form-errors a[href="#f-candidate"]').count()).toBe(1);
    expect(await page.inputValue('textarea[name=note]')).toBe('catatan yang tidak boleh hilang');
    expect(await page.locator('select[name=candidate]').getAttribute('aria-invalid')).toBe('true');
    expect(await latestDecision(third)).toBeUndefined();
    expect(outsider).not.toBe(first);
    expect(await latestDecision(outsider)).toBeUndefined();
    await context.close();
  });

  it('moves through the filtered queue with j and k, and escalates with a note by keyboard', {
    timeout: 60_000,
  }, async () => {
    const top = await seedItem('jk', 'facebook', 0.89);
    const middle = await seedItem('jk', 'facebook', 0.88);
    const { context, page } = await signedIn('analyst');
    const filter = `q=${encodeURIComponent('#jk')}`;
    await page.goto(`${base}/review?${filter}`);
    await page.click(`a.item-link[href="/review/${top}?${filter}"]`);
    await page.waitForURL((u) => u.pathname === `/review/${top}`);
    await page.keyboard.press('j');
    await page.waitForURL((u) => u.pathname === `/review/${middle}`);
    expect(new URL(page.url()).searchParams.get('q')).toBe('#jk');
    await page.keyboard.press('k');
    await page.waitForURL((u) => u.pathname === `/review/${top}`);
    await page.keyboard.press('?');
    expect(await page.locator('#kbd-help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#kbd-help').isVisible()).toBe(false);
    await page.keyboard.press('e');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-note');
    await page.keyboard.type('Perlu pendapat ketua tim');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL((u) => u.pathname === `/review/${middle}`);
    expect(await latestDecision(top)).toMatchObject({ decision: 'escalated', note: 'Perlu pendapat ketua tim' });
    await context.close();
  });

  it('never gives two analysts the same item, and an abandoned claim returns to the queue', {
    timeout: 90_000,
  }, async () => {
    const top = await seedItem('klaim', 'facebook', 0.9);
    const lower = await seedItem('klaim', 'facebook', 0.8);
    const a = await signedIn('analyst');
    const b = await signedIn('analyst2');
    const queue = `${base}/review?q=${encodeURIComponent('#klaim')}`;
    await a.page.goto(queue);
    await b.page.goto(queue);
    await Promise.all([a.page.click('#take-next'), b.page.click('#take-next')]);
    await a.page.waitForURL((u) => u.pathname.startsWith('/review/') && u.pathname.length > 20);
    await b.page.waitForURL((u) => u.pathname.startsWith('/review/') && u.pathname.length > 20);
    const taken = [itemIdOf(a.page), itemIdOf(b.page)];
    expect(new Set(taken).size).toBe(2);
    expect(taken.sort()).toEqual([top, lower].sort());
    const held = itemIdOf(a.page)!;
    // The other analyst sees the item as taken, with the form disabled.
    await b.page.goto(`${base}/review/${held}`);
    expect(await b.page.locator('.claim.other').count()).toBe(1);
    expect(await b.page.locator('#decide-form fieldset.plain').getAttribute('disabled')).not.toBeNull();

    // B finishes its own item; A leaves without a decision (tab closed). A's item comes back to the queue:
    // at once when the page could still say goodbye, else when its lease runs out.
    const own = taken.find((id) => id !== held)!;
    await b.page.goto(`${base}/review/${own}?q=${encodeURIComponent('#klaim')}`);
    await b.page.keyboard.press('c');
    await b.page.keyboard.press('Enter');
    await b.page.waitForURL((u) => u.searchParams.get('saved') === '1');
    await a.context.close();
    let got = itemIdOf(b.page);
    for (let attempt = 0; attempt < 30 && got !== held; attempt++) {
      await b.page.goto(queue);
      await b.page.click('#take-next');
      await b.page.waitForLoadState();
      got = itemIdOf(b.page);
      if (got !== held) await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(got).toBe(held);
    await b.context.close();
  });

  it('dismisses a filtered set in bulk after a confirmation that states the count', { timeout: 60_000 }, async () => {
    const chosen = await Promise.all([1, 2, 3, 4].map((i) => seedItem('massal', 'tiktok', 0.6 + i / 100)));
    const spared = await seedItem('massal', 'x', 0.7);
    const { context, page } = await signedIn('analyst');
    await page.goto(`${base}/review?platform=tiktok&q=${encodeURIComponent('#massal')}`);
    await page.click('details.bulk summary');
    await page.selectOption('details.bulk select[name=action]', 'dismiss');
    await page.selectOption('details.bulk select[name=reason]', 'news_report');
    await page.click('details.bulk button[type=submit]');
    await page.waitForLoadState();
    expect(await page.locator('.bulk-question').textContent()).toContain('4 item');
    await page.click('#bulk-confirm');
    await page.waitForURL((u) => u.searchParams.get('bulk') === '4');
    expect(new URL(page.url()).searchParams.get('platform')).toBe('tiktok');
    const rows = await server.database.db
      .selectFrom('review_items')
      .select(['id', 'status'])
      .where('id', 'in', [...chosen, spared])
      .execute();
    expect(
      rows
        .filter((r) => r.status === 'dismissed')
        .map((r) => r.id)
        .sort(),
    ).toEqual([...chosen].sort());
    expect(rows.find((r) => r.id === spared)?.status).toBe('open');
    const reasons = await server.database.db
      .selectFrom('review_decisions')
      .select('reason')
      .where('review_item_id', 'in', chosen)
      .execute();
    expect(reasons.map((r) => r.reason)).toEqual(['news_report', 'news_report', 'news_report', 'news_report']);
    await context.close();
  });

  it('reaches the person page from an item, with counts and the flagged posts', { timeout: 60_000 }, async () => {
    const id = await seedItem('orang', 'facebook', 0.75);
    const { context, page } = await signedIn('viewer');
    await page.goto(`${base}/review/${id}`);
    await page.click('a.person-link');
    await page.waitForURL((u) => u.pathname.startsWith('/orang/'));
    expect(await page.locator(`table.person-items a[href="/review/${id}"]`).count()).toBe(1);
    const open = Number(await page.locator('table.person-counts td[data-status=open]').textContent());
    expect(open).toBeGreaterThan(0);
    const nip = (await page.locator('dl dd').first().textContent())!.trim();
    await page.goto(`${base}/orang?q=${nip.slice(0, 10)}`);
    expect(await page.locator('ul.people a').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('renders the overview charts, each with its table and CSV', { timeout: 60_000 }, async () => {
    const { context, page } = await signedIn('supervisor');
    await page.goto(`${base}/ringkasan`);
    const figures = page.locator('figure.chart');
    expect(await figures.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      const figure = figures.nth(i);
      expect(await figure.locator('table.chart-table tbody tr').count()).toBeGreaterThan(0);
    }
    expect(await page.locator('figure.chart svg rect').count()).toBeGreaterThan(0);
    const contest = page.locator('#chart-contest');
    expect(await contest.locator('svg').count()).toBe(1);
    expect(await contest.locator('table').textContent()).toContain('Kabupaten Mesuji');
    const csv = await page.request.get(`${base}/ringkasan.csv?chart=contest`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('pilbup-mesuji-2024');
    await context.close();
  });

  it('lays the item page out in one column at 390 px with no horizontal scroll', { timeout: 60_000 }, async () => {
    const id = await seedItem('ponsel', 'facebook', 0.65);
    const { context, page }: { context: BrowserContext; page: Page } = await signedIn('analyst', {
      width: 390,
      height: 844,
    });
    await page.goto(`${base}/review/${id}`);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await page.locator('#f-save').isVisible()).toBe(true);
    await context.close();
  });
});
