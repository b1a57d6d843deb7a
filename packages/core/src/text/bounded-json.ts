/** How deep a platform's JSON kept in a post's `raw` may nest (the API's own bodies refuse deeper: 32). */
export const MAX_RAW_DEPTH = 32;

/** What stands where a value nested too deep was cut off. */
export const TOO_DEEP_MARKER = '[dipotong: terlalu dalam / cut: too deep]';

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * A copy of a JSON-like value with every array or object nested deeper than `maxDepth` replaced by
 * `TOO_DEEP_MARKER`. A platform's answer is parsed whatever its depth (`JSON.parse` does not recurse), but
 * `JSON.stringify` — queueing a job, storing `jsonb` — overflows the stack at a few thousand levels: 10 KB of `[`
 * in one field of one post failed the whole account's crawl on every retry. Recursion here stops at `maxDepth`.
 * Other objects (dates) are kept as they are.
 *
 * @example
 * clipJsonDepth({ a: [[1]] }, 2) // { a: ['[dipotong: terlalu dalam / cut: too deep]'] }
 */
/** Whether an array or object in `item` sits at `depth` ≥ `maxDepth` (no copy; recursion stops there). */
function tooDeep(item: unknown, depth: number, maxDepth: number): boolean {
  if (typeof item !== 'object' || item === null) return false;
  if (depth >= maxDepth) return isPlain(item);
  if (Array.isArray(item)) {
    for (const x of item) if (tooDeep(x, depth + 1, maxDepth)) return true;
    return false;
  }
  if (!isPlain(item)) return false;
  for (const key in item) {
    if (Object.hasOwn(item, key) && tooDeep((item as Record<string, unknown>)[key], depth + 1, maxDepth)) return true;
  }
  return false;
}

export function clipJsonDepth<T>(value: T, maxDepth = MAX_RAW_DEPTH): T {
  // The common case — nothing too deep — is checked without copying.
  if (!tooDeep(value, 0, maxDepth)) return value;
  const walk = (item: unknown, depth: number): unknown => {
    if (typeof item !== 'object' || item === null || !isPlain(item)) return item;
    if (depth >= maxDepth) return TOO_DEEP_MARKER;
    if (Array.isArray(item)) return item.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(item)) {
      const inner = walk((item as Record<string, unknown>)[key], depth + 1);
      // A `__proto__` key from JSON.parse stays a key (plain assignment would set the copy's prototype).
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
      else out[key] = inner;
    }
    return out;
  };
  return walk(value, 0) as T;
}
