import { NetraError, runBoundedWorker } from '@netra/core';

/**
 * Building an XLSX with exceljs is synchronous work on whatever thread runs it: a 50,000-row watchlist took 20 s
 * (the event loop blocked up to 14 s at a stretch) and ~500 MB on the API's own thread, and any viewer may
 * download it — every other user waited, and a few downloads at once could take the process's memory. It runs
 * in a bounded worker thread now (the cap of two shared with uploads, a heap ceiling and a deadline).
 */
export const XLSX_EXPORT_LIMITS = { maxMemoryMb: 1024, timeoutMs: 120_000 };

const WORKER_URL = new URL('./write-xlsx-worker.ts', import.meta.url);

const failed = (message: string, details: Record<string, unknown> = {}) =>
  new NetraError('EXPORT_XLSX_FAILED', message, details, true);

/** `writeXlsx` off the event loop: the same bytes, or `EXPORT_XLSX_FAILED` (500) naming the limit reached. */
export async function writeXlsxBounded(
  rows: readonly (readonly string[])[],
  sheetName: string,
  limits = XLSX_EXPORT_LIMITS,
): Promise<Buffer> {
  return runBoundedWorker(
    WORKER_URL,
    { rows, sheetName },
    limits,
    (message: { ok: boolean; bytes?: Uint8Array; message?: string }) => {
      if (message.ok && message.bytes)
        return Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
      throw failed(`berkas XLSX tidak dapat dibuat: ${message.message ?? 'tanpa pesan'}`);
    },
    {
      timeout: () =>
        failed(
          `membuat berkas XLSX melewati ${Math.round(limits.timeoutMs / 1000)} detik; unduh CSV sebagai gantinya`,
          {
            limit: 'timeoutMs',
          },
        ),
      outOfMemory: () =>
        failed(
          `membuat berkas XLSX memerlukan lebih dari ${limits.maxMemoryMb} MiB memori; unduh CSV sebagai gantinya`,
          {
            limit: 'maxMemoryMb',
          },
        ),
      error: (error) => failed(`berkas XLSX tidak dapat dibuat: ${error.message}`),
      exit: (code) => failed(`pembuat berkas XLSX berhenti (kode ${code})`),
    },
  );
}
