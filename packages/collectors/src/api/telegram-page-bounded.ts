import { runBoundedWorker } from '@netra/core';
import { COLLECTOR_ERROR, collectorError } from '../errors.ts';
import type { TelegramPage } from './telegram-page.ts';

/**
 * Bounds of reading one `t.me/s` page. node-html-parser is quadratic on some markup (unclosed `<a>` or `<b>`
 * repeated, tags or quotes never closed): 100,000 such characters took ~15 s, a 2 MiB page would take hours.
 */
export interface TelegramPageLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

export const DEFAULT_TELEGRAM_PAGE_LIMITS: TelegramPageLimits = { timeoutMs: 20_000, maxMemoryMb: 512 };

const WORKER_URL = new URL('./telegram-page-worker.ts', import.meta.url);

/**
 * A `t.me/s` page read off the event loop, in a bounded worker thread (heap ceiling, deadline, at most
 * MAX_BOUNDED_WORKERS at once), so the scraper keeps serving its other crawls and heartbeats while it parses.
 * A page past a bound is `COLLECTOR_PAGE_MALFORMED` (not retryable: the same page would cost the same again).
 */
export function parseTelegramPageBounded(
  html: string,
  url: string,
  limits: TelegramPageLimits = DEFAULT_TELEGRAM_PAGE_LIMITS,
): Promise<TelegramPage> {
  const refused = (reason: string, message: string) =>
    collectorError(COLLECTOR_ERROR.pageMalformed, `${url}: ${message}`, {
      field: 'html',
      reason,
      url,
      chars: html.length,
      ...limits,
    });
  return runBoundedWorker(
    WORKER_URL,
    { html },
    limits,
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
