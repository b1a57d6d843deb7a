import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, nodeServerTimeouts } from '@netra/core';
import type { AddressAllowList } from './address-allow-list.ts';
import type { NetraMetrics } from './netra-metrics.ts';
import type { ReadinessReport } from './readiness.ts';

export interface OpsEndpoints {
  metrics: NetraMetrics;
  allow: AddressAllowList;
  ready: () => Promise<ReadinessReport>;
}

export interface OpsResponse {
  status: number;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const BAD_TARGET: OpsResponse = {
  status: 400,
  contentType: JSON_TYPE,
  body: JSON.stringify({
    error: { code: 'REQUEST_URL_INVALID', message: 'alamat permintaan tidak valid / invalid request URL', details: {} },
  }),
};

/**
 * The answer to one operations request, shared by the workers' small server and the API's routes:
 * `/livez` (the process answers), `/readyz` (its stores answer and migrations are done; 503 naming the
 * failing one), `/metrics` (Prometheus text, only to `METRICS_ALLOW` addresses). Null: not an ops path.
 */
export async function answerOps(
  path: string,
  client: { address: string | undefined; forwarded: boolean },
  ops: OpsEndpoints,
): Promise<OpsResponse | null> {
  if (path === '/livez') return { status: 200, contentType: JSON_TYPE, body: '{"ok":true}' };
  if (path === '/readyz') {
    const report = await ops.ready();
    return { status: report.ok ? 200 : 503, contentType: JSON_TYPE, body: JSON.stringify(report) };
  }
  if (path === '/metrics') {
    // A request that came through a proxy (the Ingress) arrives from the proxy's address, which may well be
    // inside an allowed range; it carries a forwarding header, and Prometheus never sends one.
    if (client.forwarded || !ops.allow.allows(client.address)) {
      const error = {
        code: 'METRICS_FORBIDDEN',
        message: 'alamat ini tidak boleh membaca metrik (METRICS_ALLOW) / this address may not read metrics',
        details: {},
      };
      return { status: 403, contentType: JSON_TYPE, body: JSON.stringify({ error }) };
    }
    return { status: 200, contentType: ops.metrics.registry.contentType, body: await ops.metrics.text() };
  }
  return null;
}

/** Whether a request says it was forwarded by a proxy (any of the usual headers). */
export function isForwarded(headers: IncomingMessage['headers']): boolean {
  return (
    headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined || headers['x-real-ip'] !== undefined
  );
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * How long a client may take and how many may be connected at once. A kubelet probe or a Prometheus scrape
 * sends its whole request at once; Node's defaults (60 s for the headers, checked every 30 s, no connection
 * cap) let any peer that reaches the port hold sockets — and the worker's file descriptors, which its own
 * PostgreSQL, Redis and Chromium connections need — by sending a header line now and then.
 */
export const OPS_SERVER_LIMITS = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxConnections: 64 };

/** The workers' HTTP port (`METRICS_PORT`): nothing but the three operations paths, GET only. */
export async function startOpsServer(
  options: OpsEndpoints & {
    host: string;
    port: number;
    logger: Logger;
    limits?: Partial<typeof OPS_SERVER_LIMITS>;
  },
): Promise<OpsServer> {
  const limits = { ...OPS_SERVER_LIMITS, ...options.limits };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // Any peer can send a request target no URL parser reads (`GET http://[`): a refusal, not a 500 and an
    // error line in the log for each one.
    const target = request.url ?? '/';
    const path = URL.canParse(target, 'http://localhost') ? new URL(target, 'http://localhost').pathname : null;
    const answer =
      path === null
        ? BAD_TARGET
        : request.method === 'GET' || request.method === 'HEAD'
          ? await answerOps(
              path,
              { address: request.socket.remoteAddress, forwarded: isForwarded(request.headers) },
              options,
            )
          : null;
    const out = answer ?? {
      status: 404,
      contentType: JSON_TYPE,
      body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'tidak ditemukan / not found', details: {} } }),
    };
    response.writeHead(out.status, { 'content-type': out.contentType, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : out.body);
  };
  const server: Server = createServer(nodeServerTimeouts(limits), (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'operations endpoint failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': JSON_TYPE });
      response.end('{"error":{"code":"INTERNAL","message":"Kesalahan internal / internal error","details":{}}}');
    });
  });
  // Connections past the cap are closed as they arrive.
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ host: options.host, port }, 'operations endpoints listening (/livez, /readyz, /metrics)');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
