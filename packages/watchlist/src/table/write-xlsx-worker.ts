import { parentPort, workerData } from 'node:worker_threads';
import { writeXlsx } from './read-table.ts';

/** Runs in a worker thread (see write-xlsx-bounded.ts): builds the workbook and posts its bytes or the error. */
const { rows, sheetName } = workerData as { rows: string[][]; sheetName: string };
try {
  const bytes = await writeXlsx(rows, sheetName);
  parentPort?.postMessage({ ok: true, bytes });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
