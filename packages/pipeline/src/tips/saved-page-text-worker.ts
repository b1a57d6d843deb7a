import { parentPort, workerData } from 'node:worker_threads';
import { htmlToText } from '@netra/collectors/html-text';

/** Runs in a worker thread (see saved-page-text.ts): the whole page's text, or the error. */
const { bytes, maxChars } = workerData as { bytes: Uint8Array; maxChars: number };
try {
  const html = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  parentPort?.postMessage({ ok: true, text: htmlToText(html).slice(0, maxChars) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
