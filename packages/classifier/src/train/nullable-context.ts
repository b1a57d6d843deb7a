/**
 * The corpus and exporters write absent reply-context fields as `null` (`"parentCandidate": null`), while
 * the shared schema has them optional. Treat null as absent before validating, without mutating the input.
 */
export function dropNullContext(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const obj = raw as Record<string, unknown>;
  const ctx = obj.context;
  if (ctx === null) {
    const { context: _drop, ...rest } = obj;
    return rest;
  }
  if (!ctx || typeof ctx !== 'object' || Array.isArray(ctx)) return raw;
  const cleaned = Object.fromEntries(Object.entries(ctx).filter(([, v]) => v !== null));
  return { ...obj, context: cleaned };
}
