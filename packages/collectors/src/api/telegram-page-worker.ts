import { parentPort } from 'node:worker_threads';
import { parseTelegramPage } from './telegram-page.ts';

/** Runs in a resident worker thread (see telegram-page-bounded.ts): each page sent is answered as read, or the error. */
parentPort?.on('message', ({ html }: { html: string }) => {
  try {
    parentPort?.postMessage({ ok: true, page: parseTelegramPage(html) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
