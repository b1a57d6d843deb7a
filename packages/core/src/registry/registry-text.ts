import { assertJsonBounds, type JsonBounds } from '../json/json-bounds.ts';

/** A registry is five levels deep and a few megabytes at most (every contest of a national election). */
export const REGISTRY_JSON_BOUNDS: JsonBounds = { maxDepth: 32, maxLength: 20_000_000 };

/**
 * A registry file's text ready for `JSON.parse`: a byte-order mark (Windows editors write one) dropped, size and
 * depth checked in one linear pass before anything parses or walks it — a hostile deeply nested file must not
 * reach recursive validators. Throws `JSON_TOO_LARGE` / `JSON_TOO_DEEP` (`assertJsonBounds`); each reader maps
 * that to its own `REGISTRY_INVALID`. Shared by the registry import (watchlist) and the classifier's readers.
 *
 * @example
 * JSON.parse(registryJsonBody('\uFEFF{"contests":[]}')) // { contests: [] }
 */
export function registryJsonBody(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  assertJsonBounds(body, REGISTRY_JSON_BOUNDS);
  return body;
}
