import { CHROMIUM_ARGS, NO_DIRECT_NETWORK_ARGS, resolveChromiumPath } from '@netra/collectors';
import { ConcurrencySlots } from '@netra/core';
import { chromium } from 'playwright-core';
import { HttpError } from '../http/http-error.ts';

/**
 * Each render is a whole Chromium (~150–250 MB and a CPU while it prints). Every dossier request launched its
 * own: six downloads at once (a double click on several cases, a script) were six browsers beside the API's
 * own work. At most this many print at once; the others wait their turn.
 */
export const MAX_PDF_RENDERS = 2;
/** Past this many waiting, a request is refused at once rather than held for minutes behind the others. */
export const MAX_PDF_WAITING = 8;

/** The render slots; exported for tests (stats, and holding them to fill the queue). */
export const pdfRenders = new ConcurrencySlots(MAX_PDF_RENDERS);

/**
 * HTML to an A4 PDF with Chromium's print-to-PDF (the browser the collectors already use). The page is
 * self-contained (images as data URIs) and JavaScript is off, so nothing in a post can run or fetch. `offline`
 * alone still let Chromium open a connection for an <iframe> or <object>: the browser has no network of its own
 * (`NO_DIRECT_NETWORK_ARGS`, the collectors' browser's flags).
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const { running, waiting } = pdfRenders.stats();
  if (running >= MAX_PDF_RENDERS && waiting >= MAX_PDF_WAITING) {
    throw new HttpError(
      503,
      'PDF_RENDER_BUSY',
      'Terlalu banyak dokumen PDF sedang dibuat; coba lagi sebentar lagi / too many PDFs are being rendered, retry shortly',
      { running, waiting, limit: MAX_PDF_RENDERS + MAX_PDF_WAITING, retryAfterSeconds: 10 },
    );
  }
  return pdfRenders.run(() => render(html));
}

async function render(html: string): Promise<Buffer> {
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
