import { parentPort, workerData } from 'node:worker_threads';
import { parseRegistryJson, RegistryFileError } from './parse-registry.ts';

/** Runs in a worker thread (see parse-registry-bounded.ts): validates the file and posts the registry or the issues. */
const { text } = workerData as { text: string };
try {
  parentPort?.postMessage({ ok: true, registry: parseRegistryJson(text) });
} catch (error) {
  if (error instanceof RegistryFileError) parentPort?.postMessage({ ok: false, issues: error.registryIssues });
  else parentPort?.postMessage({ ok: false, failure: (error as Error).message ?? String(error) });
}
