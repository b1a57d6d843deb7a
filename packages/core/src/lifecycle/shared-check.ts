/**
 * A health check that callers share: requests arriving while one runs wait for it, and its result answers
 * the next `reuseForMs` too. Probe endpoints need no session and each check borrows a connection of the pool
 * the process's own work uses, so a flood of probes would otherwise queue one ping each in front of that work.
 */
export function sharedCheck<T>(check: () => Promise<T>, reuseForMs: number): () => Promise<T> {
  let running: Promise<T> | null = null;
  let last: { value: T; at: number } | null = null;
  return () => {
    if (last && performance.now() - last.at < reuseForMs) return Promise.resolve(last.value);
    running ??= check()
      .then((value) => {
        last = { value, at: performance.now() };
        return value;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
}
