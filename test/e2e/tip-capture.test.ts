import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, resolveChromiumPath } from '@netra/collectors';
import { insertWatchedAccount } from '@netra/db/testing';
import { createTestServer, TEST_PASSWORD, type TestServer } from '@netra/server/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A tip for a post behind a login wall travels to the review queue in a real browser: the analyst pastes the
 * URL, uploads a screenshot (taken here by Chromium itself) and the text; the item opens in review marked as a
 * tip, whatever its score, with the screenshot served back as evidence.
 */
describe('tip with an uploaded screenshot, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netra-e2e-tip-'));
    server = await createTestServer({ evidenceDir: dir });
    await insertWatchedAccount(server.database.db, {
      platform: 'tiktok',
      handle: 'lurah.sukamaju',
      regionCode: '18.11',
    });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reaches the review queue marked as a tip, with its screenshot', { timeout: 90_000 }, async () => {
    const page = await browser.newPage();
    // The "capture": a screenshot of a page standing in for the walled post.
    await page.setContent('<p style="font:20px sans-serif">Video lurah: salam dua jari untuk paslon 2</p>');
    const screenshot = await page.screenshot({ type: 'png' });

    await page.goto(`${base}/tips/new`);
    await page.fill('input[name=username]', 'analyst');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForURL(`${base}/tips/new`);
    await page.fill('input[name=url]', 'https://www.tiktok.com/@lurah.sukamaju/video/7400000000000000001');
    await page.setInputFiles('#tip-screenshot', { name: 'tangkapan.png', mimeType: 'image/png', buffer: screenshot });
    await page.fill('textarea[name=text]', 'Salam dua jari untuk paslon 2');
    await page.fill('textarea[name=note]', 'Dikirim warga lewat WhatsApp');
    await page.click('#tip-form button[type=submit]');
    await page.waitForURL(/\/review\/[0-9a-f-]{36}\?saved=1$/);
    const itemUrl = new URL(page.url());

    expect(await page.locator('.badge.tip').count()).toBe(1);
    expect(await page.locator('#watch').textContent()).toContain('Dikirim warga lewat WhatsApp');
    const img = page.locator('img.evidence');
    expect(await img.count()).toBe(1);
    // The image loads lazily: bring it into view, then wait for its own load (or error) event — right after
    // navigation the page may still be fetching it.
    await img.scrollIntoViewIfNeeded();
    const width = await img.evaluate(
      (el) =>
        new Promise<number>((resolve) => {
          const image = el as HTMLImageElement;
          if (image.complete) resolve(image.naturalWidth);
          else {
            image.addEventListener('load', () => resolve(image.naturalWidth), { once: true });
            image.addEventListener('error', () => resolve(0), { once: true });
          }
        }),
    );
    expect(width).toBeGreaterThan(0);

    await page.goto(`${base}/review`);
    expect(await page.locator(`a[href="${itemUrl.pathname}"]`).count()).toBeGreaterThan(0);

    const db = server.database.db;
    const rows = await db
      .selectFrom('review_items as ri')
      .innerJoin('posts as p', 'p.id', 'ri.post_id')
      .innerJoin('tips as t', 't.post_id', 'p.id')
      .innerJoin('evidence_artefacts as e', 'e.post_id', 'p.id')
      .select(['ri.status', 'p.platform', 'p.account_id', 'e.kind', 'e.sha256', 'e.bytes'])
      .where('ri.id', '=', itemUrl.pathname.split('/').pop()!)
      .execute();
    expect(rows.map((r) => r.kind).sort()).toEqual(['json', 'screenshot']);
    const shot = rows.find((r) => r.kind === 'screenshot')!;
    expect(shot).toMatchObject({ status: 'open', platform: 'tiktok', bytes: screenshot.length });
    expect(shot.account_id).not.toBeNull();
  });
});
