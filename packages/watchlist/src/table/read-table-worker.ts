import { parentPort, workerData } from 'node:worker_threads';
import { readTableUnbounded } from './read-table-unbounded.ts';
import type { TableLimits } from './table-limits.ts';

/** Runs in a worker thread (see read-table-bounded.ts): parses the file and posts the table or the error. */
const { bytes, filename, limits } = workerData as { bytes: Uint8Array; filename?: string; limits: TableLimits };
try {
  const table = readTableUnbounded(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), filename, limits);
  parentPort?.postMessage({ ok: true, table });
} catch (error) {
  const e = error as { code?: string; message?: string; details?: Record<string, unknown> };
  parentPort?.postMessage({
    ok: false,
    error: { code: e.code ?? 'IMPORT_FILE_UNREADABLE', message: e.message ?? String(error), details: e.details ?? {} },
  });
}
