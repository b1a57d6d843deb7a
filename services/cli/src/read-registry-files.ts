import { mergeRegistries, parseRegistryText } from '@netra/classifier';
import { NetraError, type Registry } from '@netra/core';
import { InputFileRefused, readInputFile } from './read-input-file.ts';

/** The registry reader takes 20 million characters; four bytes each at most. */
export const REGISTRY_FILE_MAX_BYTES = 80_000_000;

/**
 * The registry files an operator names (`netra classify --elections`), read like the CLI's other files:
 * regular files only, refused past REGISTRY_FILE_MAX_BYTES before reading, then a BOM dropped and depth and
 * size bounded (`parseRegistryText`). Throws NetraError `REGISTRY_MISSING` (cannot be opened),
 * `REGISTRY_FILE_REFUSED` (not a regular file, too large) or `REGISTRY_INVALID`, each naming the file.
 */
export async function readRegistryFiles(paths: readonly string[]): Promise<Registry> {
  const registries: Registry[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readInputFile(path, REGISTRY_FILE_MAX_BYTES);
    } catch (error) {
      if (error instanceof InputFileRefused) {
        throw new NetraError('REGISTRY_FILE_REFUSED', error.message, { path, reason: error.reason });
      }
      throw new NetraError('REGISTRY_MISSING', `cannot read registry ${path}`, { path });
    }
    registries.push(parseRegistryText(bytes.toString('utf8'), path));
  }
  return mergeRegistries(registries);
}
