import { ValidationError } from '@netra/core';
import { runBoundedWorker } from '@netra/watchlist';

/** Characters of a saved page's text kept as the tip's text. */
export const TIP_PAGE_TEXT_CHARS = 20_000;

/**
 * Bounds of reading a saved page's text. htmlToText costs ~0.8 s per MiB (an 8 MiB page: ~6 s), so it runs in a
 * worker thread: the API's event loop keeps answering other users meanwhile.
 */
export interface SavedPageLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

export const DEFAULT_SAVED_PAGE_LIMITS: SavedPageLimits = { timeoutMs: 20_000, maxMemoryMb: 512 };

const WORKER_URL = new URL('./saved-page-text-worker.ts', import.meta.url);

const tooComplex = (message: string) => new ValidationError('TIP_PAGE_TOO_COMPLEX', [{ field: 'savedPage', message }]);

/**
 * The text of a saved HTML page, read whole (a large `<head>` does not cost the body's text) off the event loop,
 * in a bounded worker thread (`runBoundedWorker`: heap ceiling, deadline, at most MAX_BOUNDED_WORKERS at once).
 * A page that passes a bound is refused as `TIP_PAGE_TOO_COMPLEX` on the `savedPage` field (HTTP 400).
 */
export function savedPageText(bytes: Uint8Array, limits: SavedPageLimits = DEFAULT_SAVED_PAGE_LIMITS): Promise<string> {
  return runBoundedWorker(
    WORKER_URL,
    { bytes, maxChars: TIP_PAGE_TEXT_CHARS },
    limits,
    (message: { ok: boolean; text?: string; message?: string }) => {
      if (message.ok && typeof message.text === 'string') return message.text;
      throw tooComplex(`halaman tersimpan tidak dapat dibaca: ${message.message ?? 'galat tidak dikenal'}`);
    },
    {
      timeout: () =>
        tooComplex(
          `halaman tersimpan terlalu rumit untuk dibaca dalam ${Math.round(limits.timeoutMs / 1000)} detik; tempel teksnya atau unggah tangkapan layar / saved page too complex to read in time`,
        ),
      outOfMemory: () =>
        tooComplex(
          `membaca halaman tersimpan memerlukan lebih dari ${limits.maxMemoryMb} MiB memori; tempel teksnya atau unggah tangkapan layar / saved page needs too much memory`,
        ),
      error: (error) => tooComplex(`halaman tersimpan tidak dapat dibaca: ${error.message}`),
      exit: (code) => tooComplex(`pembaca halaman tersimpan berhenti (kode ${code})`),
    },
  );
}
