import type { AddressInfo } from 'node:net';
import { CHROMIUM_ARGS, resolveChromiumPath } from '@netra/collectors';
import { saveClassification, upsertPost } from '@netra/db';
import { seedDemo } from '@netra/demo-platform/seed';
import { createTestServer, TEST_PASSWORD, type TestServer } from '@netra/server/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MEDIA = 'foto bersama calon bupati, dua jari';
const GESTURE_AT = MEDIA.indexOf('dua jari');
const HOSTILE =
  'Pilih nomor 2 ya! <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> #MesujiBersinar';

/** An analyst works one flagged post in a real browser: hostile post text stays inert, the decision lands. */
describe('review in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let itemId: string;

  beforeAll(async () => {
    server = await createTestServer();
    const db = server.database.db;
    await seedDemo(db);
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'handle'])
      .orderBy('handle')
      .limit(1)
      .executeTakeFirstOrThrow();
    const post = await upsertPost(db, {
      platform: 'facebook',
      externalId: 'xss-1',
      url: 'https://www.facebook.com/x/posts/1',
      kind: 'post',
      accountId: account.id,
      authorHandle: account.handle,
      text: HOSTILE,
      postedAt: '2024-11-01T09:00:00+07:00',
      fetchedAt: '2024-11-02T00:00:00Z',
      mediaDescriptions: [MEDIA],
      evidence: [],
      raw: {},
      crawlRunId: null,
    });
    const saved = await saveClassification(db, post.id, {
      score: 0.97,
      flagged: true,
      candidate: 'pilbup-mesuji-2024#2',
      stance: 'pro',
      category: 'online_campaigning',
      evidence: [
        { start: 0, end: 13, cue: 'call to vote' },
        { start: HOSTILE.length + 1 + GESTURE_AT, end: HOSTILE.length + 1 + GESTURE_AT + 8, cue: 'gesture' },
      ],
      language: 'id',
      modelVersion: 'test',
    });
    itemId = saved.reviewItemId!;
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the evidence, runs none of the post text, and records the decision', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${base}/review`);
    await page.fill('input[name=username]', 'analyst');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForURL(`${base}/review`);
    await page.click(`a[href="/review/${itemId}"]`);
    await page.waitForURL(`${base}/review/${itemId}`);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.post-text img, .post-text script').count()).toBe(0);
    expect(await page.locator('.post-text').first().textContent()).toContain('<script>');
    expect(await page.locator('.post-text mark').first().textContent()).toBe('Pilih nomor 2');
    expect(await page.locator('li mark[title="gesture"]').textContent()).toBe('dua jari');

    await page.selectOption('select[name=decision]', 'confirmed');
    await page.selectOption('select[name=label]', 'endorse');
    await page.fill('textarea[name=note]', 'Ajakan memilih nomor 2 oleh ASN.');
    await page.click('form[action$="/decide"] button[type=submit]');
    await page.waitForURL(`${base}/review/${itemId}?saved=1`);
    expect(await page.locator('p.flash').textContent()).not.toBe('');
    expect(await page.locator('ol li').first().textContent()).toContain('Ajakan memilih nomor 2');
    expect(dialogs).toEqual([]);

    const decisions = await server.database.db.selectFrom('review_decisions').selectAll().execute();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      decision: 'confirmed',
      label: 'endorse',
      candidate: 'pilbup-mesuji-2024#2',
      stance: 'pro',
    });
  });
});
