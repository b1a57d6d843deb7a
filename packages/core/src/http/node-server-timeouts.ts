/**
 * Node's `http.Server` timing for a port that must not be held by slow clients (the API's and the workers'
 * operations port): the request line and headers within `headersTimeoutMs`, checked at least every second
 * (Node's default checks every 30 s, so a 5 s limit would otherwise bite after up to 35 s), and the whole
 * request within `requestTimeoutMs` — never shorter than the header limit, which Node refuses.
 *
 * @example
 * createServer(nodeServerTimeouts({ headersTimeoutMs: 5_000, requestTimeoutMs: 10_000 }), handler)
 */
export function nodeServerTimeouts(limits: { headersTimeoutMs: number; requestTimeoutMs: number }) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
}
