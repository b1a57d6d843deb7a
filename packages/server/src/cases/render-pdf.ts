import { CHROMIUM_ARGS, NO_DIRECT_NETWORK_ARGS, resolveChromiumPath } from '@netra/collectors';
import { chromium } from 'playwright-core';

/**
 * HTML to an A4 PDF with Chromium's print-to-PDF (the browser the collectors already use). The page is
 * self-contained (images as data URIs) and JavaScript is off, so nothing in a post can run or fetch. `offline`
 * alone still let Chromium open a connection for an <iframe> or <object>: the browser has no network of its own
 * (`NO_DIRECT_NETWORK_ARGS`, the collectors' browser's flags).
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: resolveChromiumPath(),
    args: [...CHROMIUM_ARGS, ...NO_DIRECT_NETWORK_ARGS],
  });
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
