/**
 * Waits on a condition, not on a clock: reads `read()` every `everyMs` until `ok` holds and returns that value,
 * or fails after `ms` naming what it waited for and the last value seen. Tests that wait this way pass on a loaded
 * machine as on a quiet one.
 *
 * @example
 * await waitUntil('the run to finish', () => runStatus(db, id), (status) => status === 'completed');
 */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T> | T,
  ok: (value: T) => boolean,
  ms = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value) ?? String(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
