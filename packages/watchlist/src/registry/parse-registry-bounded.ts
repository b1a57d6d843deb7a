import { NetraError, type Registry } from '@netra/core';
import { runBoundedWorker } from '../bounded/run-bounded-worker.ts';
import { RegistryFileError, type RegistryIssue } from './parse-registry.ts';

const WORKER_URL = new URL('./parse-registry-worker.ts', import.meta.url);

export interface RegistryParseLimits {
  /** Heap ceiling of the validating thread, in MiB. */
  maxMemoryMb: number;
  /** Wall-clock deadline after which the thread is terminated. */
  timeoutMs: number;
}

export const DEFAULT_REGISTRY_PARSE_LIMITS: RegistryParseLimits = { maxMemoryMb: 512, timeoutMs: 20_000 };

const rootIssue = (message: string): RegistryIssue => ({ path: '(root)', line: null, column: null, message });

/**
 * `parseRegistryJson` in a worker thread with a heap ceiling and a deadline. Validating a 20 MB upload costs
 * seconds of CPU (a file of 200,000 wrong values took 4–8 s) and used to run on the event loop, so every
 * other user waited; now it costs one bounded thread. Errors are the same `RegistryFileError` (400
 * `REGISTRY_INVALID`) naming the path, or naming the time or memory limit that was reached.
 */
export async function parseRegistryJsonBounded(
  text: string,
  overrides: Partial<RegistryParseLimits> = {},
): Promise<Registry> {
  const limits = { ...DEFAULT_REGISTRY_PARSE_LIMITS, ...overrides };
  return runBoundedWorker(
    WORKER_URL,
    { text },
    limits,
    (message: { ok: boolean; registry?: Registry; issues?: RegistryIssue[]; failure?: string }) => {
      if (message.ok && message.registry) return message.registry;
      if (message.issues) throw new RegistryFileError(message.issues);
      throw new NetraError('REGISTRY_UNREADABLE', `berkas registri tidak dapat diperiksa: ${message.failure}`);
    },
    {
      timeout: () =>
        new RegistryFileError([
          rootIssue(
            `berkas terlalu rumit untuk diperiksa dalam ${Math.round(limits.timeoutMs / 1000)} detik (batas waktu); pecah berkas menjadi beberapa bagian`,
          ),
        ]),
      outOfMemory: () =>
        new RegistryFileError([
          rootIssue(
            `memeriksa berkas memerlukan lebih dari ${limits.maxMemoryMb} MiB memori (batas memori); pecah berkas menjadi beberapa bagian`,
          ),
        ]),
      error: (error) =>
        new NetraError('REGISTRY_UNREADABLE', `berkas registri tidak dapat diperiksa: ${error.message}`),
      exit: (code) => new NetraError('REGISTRY_UNREADABLE', `pemeriksa berkas registri berhenti (kode ${code})`),
    },
  );
}
