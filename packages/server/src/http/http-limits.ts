import { nodeServerTimeouts } from '@netra/core';

/**
 * How long a client of the API's own port may take and how many may be connected at once (docs/security.md,
 * "Slow clients and crawl-now twice"). Fastify keeps Node's 60 s for the headers (checked every 30 s), no
 * limit on receiving the body and no idle limit, so a peer that trickles a header line or a body byte now and
 * then held a socket — and a file descriptor the process's PostgreSQL and Redis connections need — for as
 * long as it liked. A browser or a reverse proxy sends its headers at once.
 */
export interface HttpLimits {
  /** The request line and headers must arrive within this (checked every second, or sooner). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this; tip uploads (8 MB) must fit on a slow line. */
  requestTimeoutMs: number;
  /**
   * An idle kept-alive connection is closed after this. Fastify's 72 s outlasts the 60 s a load balancer or a
   * proxy's upstream pool keeps its connections, so the proxy never sends on a connection the API is closing.
   */
  keepAliveTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed (a handler silent that long is cut too). */
  idleTimeoutMs: number;
  /** Connections past this are closed as they arrive. */
  maxConnections: number;
}

export const API_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 72_000,
  idleTimeoutMs: 120_000,
  maxConnections: 512,
};

/** The upper bounds the configuration accepts (`HTTP_*` in services/api's config). */
export const API_HTTP_LIMIT_MAXIMA: HttpLimits = {
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 600_000,
  keepAliveTimeoutMs: 600_000,
  idleTimeoutMs: 1_800_000,
  maxConnections: 65_535,
};

/** Fastify's server options for these limits; `maxConnections` is set on the server itself (`buildServer`). */
export function fastifyHttpOptions(limits: HttpLimits) {
  const { requestTimeout, ...http } = nodeServerTimeouts(limits);
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout,
    http,
  };
}
