import { sharedCheck } from '@netra/core';
import { isDatabaseUnavailable, pingDatabase } from '@netra/db';
import { buildOpenApi } from '../http/openapi.ts';
import { defineRoute, type RouteDef, type ServerDeps } from '../http/route.ts';
import { staticAssetRoute } from '../http/static-asset-route.ts';
import { NETRA_CSS } from '../ui/netra-css.ts';

/** How long one answer of `/api/health` serves later requests too (as the operations port's `/readyz`). */
const HEALTH_REUSE_MS = 1_000;

const healthChecks = new WeakMap<ServerDeps, () => Promise<{ ok: boolean; database: string; redis: string }>>();

/**
 * The health check of one server, shared by concurrent requests (`sharedCheck`): `/api/health` is public, and
 * a flood of it sent one `select 1` each through the pool the analysts' requests use.
 */
function healthOf(deps: ServerDeps) {
  let check = healthChecks.get(deps);
  if (!check) {
    check = sharedCheck(async () => {
      const health = deps.health;
      // While an outage is known, answer at once: the state's probe watches for the recovery.
      const database =
        health && !health.database.available
          ? false
          : await pingDatabase(deps.db).then(
              () => true,
              (error: unknown) => {
                if (isDatabaseUnavailable(error)) health?.database.failed(error);
                return false;
              },
            );
      const redis = health ? health.redis.available : true;
      const state = (up: boolean) => (up ? 'available' : 'unavailable');
      return { ok: database && redis, database: state(database), redis: state(redis) };
    }, HEALTH_REUSE_MS);
    healthChecks.set(deps, check);
  }
  return check;
}

export function systemRoutes(allRoutes: () => readonly RouteDef[]): RouteDef[] {
  let openApi: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      role: 'public',
      kind: 'api',
      headSafe: true,
      tag: 'system',
      summary: 'Readiness: 200 when PostgreSQL and Redis answer, 503 naming the store that does not',
      handler: async (ctx) => {
        const body = await healthOf(ctx.deps)();
        if (!body.ok) ctx.reply.code(503);
        return body;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/openapi.json',
      role: 'public',
      kind: 'api',
      tag: 'system',
      summary: 'This API described as OpenAPI 3.1',
      handler: async () => {
        openApi ??= buildOpenApi(allRoutes());
        return openApi;
      },
    }),
    staticAssetRoute({
      url: '/assets/netra.css',
      tag: 'system',
      summary: 'Stylesheet',
      mediaType: 'text/css; charset=utf-8',
      body: NETRA_CSS,
    }),
    defineRoute({
      method: 'GET',
      url: '/',
      role: 'public',
      kind: 'page',
      tag: 'system',
      summary: 'Home: the review queue, or sign-in',
      handler: async (ctx) => ctx.reply.redirect(ctx.user ? '/review' : '/login', 303),
    }),
  ];
}
