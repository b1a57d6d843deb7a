import { BrowserPool } from '@netra/collectors';
import type { HtmlRenderer } from '@netra/ocr/testset';

/** An HTML → image renderer on a real Chromium (the collectors' browser pool). Close it when done. */
export function chromiumRenderer(concurrency = 2): { render: HtmlRenderer; close: () => Promise<void> } {
  const pool = new BrowserPool({ maxConcurrency: concurrency });
  const render: HtmlRenderer = (html, width, height, type) =>
    pool.withPage(async (lease) => {
      await lease.page.setViewportSize({ width, height });
      await lease.page.setContent(html, { waitUntil: 'load' });
      return lease.page.screenshot({ type, ...(type === 'jpeg' ? { quality: 85 } : {}), fullPage: false });
    });
  return { render, close: () => pool.close() };
}
