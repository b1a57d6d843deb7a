import type { FastifyInstance } from 'fastify';
import { answerOps, isForwarded, type OpsEndpoints } from './ops-server.ts';

/**
 * Serves `/livez`, `/readyz` and `/metrics` on the API's own port and times every request by route. Added
 * beside the application routes rather than as one of them: these answer probes and Prometheus, carry no
 * session, and `/metrics` is limited by client address (`METRICS_ALLOW`, the socket's peer; a request a
 * proxy forwarded is refused) instead of by role.
 */
export function mountOpsEndpoints(app: FastifyInstance, ops: OpsEndpoints): void {
  for (const url of ['/livez', '/readyz', '/metrics']) {
    app.get(url, async (request, reply) => {
      const client = { address: request.socket.remoteAddress, forwarded: isForwarded(request.headers) };
      const answer = await answerOps(url, client, ops);
      if (!answer) return reply.status(404).send();
      return reply.status(answer.status).type(answer.contentType).send(answer.body);
    });
  }
  app.addHook('onResponse', async (request, reply) => {
    // The route template (`/api/review/items/:id`), never the raw URL: one series per route, not per id.
    const route = request.routeOptions.url ?? 'unmatched';
    ops.metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
