import { readFileSync } from 'node:fs';
import { isNetraError, NetraError, parseOrThrow, type Registry, registrySchema } from '@netra/core';

/**
 * Reads and merges one or more registry files (contests deduplicated by id, first wins), for CLI commands.
 * Throws NetraError `REGISTRY_MISSING` / `REGISTRY_INVALID`.
 */
export function readRegistries(paths: readonly string[]): Registry {
  const contests: Registry['contests'] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new NetraError('REGISTRY_MISSING', `cannot read registry ${path}`, { path });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new NetraError('REGISTRY_INVALID', `registry ${path} is not valid JSON`, { path });
    }
    const reg = parseOrThrow(registrySchema, raw, 'REGISTRY_INVALID');
    for (const c of reg.contests) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      contests.push(c);
    }
  }
  return { contests };
}

/** One-line error text for stderr. */
export function describeError(error: unknown): string {
  if (isNetraError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
