import { ResidentBoundedWorker } from '@netra/core';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import type { TelegramPage } from './telegram-page.ts';

/**
 * Bounds of reading one `t.me/s` page. node-html-parser is quadratic on some markup (unclosed `<a>` or `<b>`
 * repeated, tags or quotes never closed): 100,000 such characters took ~15 s, a 2 MiB page would take hours.
 */
export const TELEGRAM_PAGE_LIMITS = { timeoutMs: 20_000, maxMemoryMb: 512 };

const WORKER_URL = new URL('./telegram-page-worker.ts', import.meta.url);

/** One thread per process, started with the first page. */
const reader = new ResidentBoundedWorker<{ html: string }>(WORKER_URL, TELEGRAM_PAGE_LIMITS);

/**
 * A `t.me/s` page read off the event loop, in a resident bounded worker thread (heap ceiling, deadline per page,
 * pages one at a time), so the scraper keeps serving its other crawls and heartbeats while it parses.
 * A page past a bound is `COLLECTOR_PAGE_MALFORMED` (not retryable: the same page would cost the same again).
 */
export function parseTelegramPageBounded(html: string, url: string): Promise<TelegramPage> {
  const limits = TELEGRAM_PAGE_LIMITS;
  const refused = (reason: string, message: string) =>
    collectorError(COLLECTOR_ERROR.pageMalformed, `${url}: ${message}`, {
      field: 'html',
      reason,
      url,
      chars: html.length,
      ...limits,
    });
  return reader.run(
    { html },
    (message: { ok: boolean; page?: TelegramPage; message?: string }) => {
      if (message.ok && message.page) return message.page;
      throw refused('error', `halaman tidak dapat dibaca / page unreadable: ${message.message ?? '?'}`);
    },
    {
      timeout: () =>
        refused(
          'too_complex',
          `HTML terlalu rumit untuk dibaca dalam ${Math.round(limits.timeoutMs / 1000)} detik / markup too complex to read in time`,
        ),
      outOfMemory: () =>
        refused(
          'out_of_memory',
          `membaca HTML memerlukan lebih dari ${limits.maxMemoryMb} MiB memori / markup needs too much memory`,
        ),
      error: (error) => refused('error', `halaman tidak dapat dibaca / page unreadable: ${error.message}`),
      exit: (code) => refused('error', `pembaca halaman berhenti (kode ${code}) / page reader exited`),
    },
  );
}
