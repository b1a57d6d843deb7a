import { CHROMIUM_ARGS, resolveChromiumPath } from '@netra/collectors';
import { chromium } from 'playwright-core';

/**
 * HTML to an A4 PDF with Chromium's print-to-PDF (the browser the collectors already use). The page is
 * self-contained (images as data URIs) and JavaScript is off, so nothing in a post can run or fetch.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
