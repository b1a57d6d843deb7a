import { parentPort, workerData } from 'node:worker_threads';
import { parseTelegramPage } from './telegram-page.ts';

/** Runs in a worker thread (see telegram-page-bounded.ts): the page as read, or the error. */
const { html } = workerData as { html: string };
try {
  parentPort?.postMessage({ ok: true, page: parseTelegramPage(html) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
