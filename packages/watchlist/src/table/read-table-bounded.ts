import { NetraError } from '@netra/core';
import { runBoundedWorker } from '../bounded/run-bounded-worker.ts';
import type { Table } from './table.ts';
import { DEFAULT_TABLE_LIMITS, type TableLimits } from './table-limits.ts';

/** `IMPORT_FILE_TOO_LARGE` naming the limit (the server answers 413). */
export function limitError(limit: keyof TableLimits, message: string): NetraError {
  return new NetraError('IMPORT_FILE_TOO_LARGE', message, { limit });
}

const WORKER_URL = new URL('./read-table-worker.ts', import.meta.url);

/**
 * Reads a CSV/XLSX upload off the event loop: a worker thread with a heap ceiling (`resourceLimits`) and a
 * deadline after which it is terminated, so a hostile file costs one bounded thread while every other request
 * keeps being answered. Limit breaches come back as `IMPORT_FILE_TOO_LARGE` with `details.limit` naming the
 * limit (HTTP 413), unreadable files as `IMPORT_FILE_UNREADABLE` (400).
 */
export async function readTable(
  bytes: Uint8Array,
  filename?: string,
  overrides: Partial<TableLimits> = {},
): Promise<Table> {
  const limits = { ...DEFAULT_TABLE_LIMITS, ...overrides };
  if (bytes.byteLength > limits.maxFileBytes) {
    throw limitError(
      'maxFileBytes',
      `berkas terlalu besar (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB, batas ${(limits.maxFileBytes / 1024 / 1024).toFixed(0)} MiB); pecah berkas menjadi beberapa bagian`,
    );
  }
  return runBoundedWorker(
    WORKER_URL,
    { bytes, filename, limits },
    limits,
    (message: {
      ok: boolean;
      table?: Table;
      error?: { code: string; message: string; details: Record<string, unknown> };
    }) => {
      if (message.ok && message.table) return message.table;
      const e = message.error!;
      throw new NetraError(e.code, e.message, e.details);
    },
    {
      timeout: () =>
        limitError(
          'timeoutMs',
          `berkas terlalu rumit untuk dibaca dalam ${Math.round(limits.timeoutMs / 1000)} detik; pecah berkas atau simpan ulang tanpa format/sel kosong berlebih`,
        ),
      outOfMemory: () =>
        limitError(
          'maxMemoryMb',
          `membaca berkas memerlukan lebih dari ${limits.maxMemoryMb} MiB memori; pecah berkas menjadi beberapa bagian`,
        ),
      error: (error) => new NetraError('IMPORT_FILE_UNREADABLE', `berkas tidak dapat dibaca: ${error.message}`),
      exit: (code) => new NetraError('IMPORT_FILE_UNREADABLE', `pembaca berkas berhenti (kode ${code})`),
    },
  );
}
