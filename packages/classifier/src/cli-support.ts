import { readFileSync } from 'node:fs';
import { isNetraError, NetraError, parseOrThrow, type Registry, registryJsonBody, registrySchema } from '@netra/core';

/**
 * One registry file's text as a Registry: a byte-order mark (Windows editors write one) is dropped, size and
 * depth are checked in one linear pass before anything parses or walks the text. Throws `REGISTRY_INVALID`
 * naming the file (and the limit passed).
 */
export function parseRegistryText(text: string, path: string): Registry {
  let body: string;
  try {
    body = registryJsonBody(text);
  } catch (error) {
    if (!isNetraError(error)) throw error;
    throw new NetraError('REGISTRY_INVALID', `registry ${path}: ${error.message}`, { path, ...error.details });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new NetraError('REGISTRY_INVALID', `registry ${path} is not valid JSON`, { path });
  }
  return parseOrThrow(registrySchema, raw, 'REGISTRY_INVALID');
}

/** Merges registries: contests deduplicated by id, first wins. */
export function mergeRegistries(registries: readonly Registry[]): Registry {
  const contests: Registry['contests'] = [];
  const seen = new Set<string>();
  for (const reg of registries) {
    for (const c of reg.contests) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      contests.push(c);
    }
  }
  return { contests };
}

/**
 * Reads and merges one or more registry files from the repository (training, evaluation, scripts).
 * Throws NetraError `REGISTRY_MISSING` / `REGISTRY_INVALID`. A file an operator names: `netra classify`
 * reads it through the CLI's `readInputFile` (regular files only, size limit) and `parseRegistryText`.
 */
export function readRegistries(paths: readonly string[]): Registry {
  return mergeRegistries(
    paths.map((path) => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        throw new NetraError('REGISTRY_MISSING', `cannot read registry ${path}`, { path });
      }
      return parseRegistryText(text, path);
    }),
  );
}

/** One-line error text for stderr. */
export function describeError(error: unknown): string {
  if (isNetraError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
