import { sql } from 'kysely';
import { buildOpenApi } from '../http/openapi.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { staticAssetRoute } from '../http/static-asset-route.ts';
import { NETRA_CSS } from '../ui/netra-css.ts';

export function systemRoutes(allRoutes: () => readonly RouteDef[]): RouteDef[] {
  let openApi: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      role: 'public',
      kind: 'api',
      tag: 'system',
      summary: 'Liveness and database reachability',
      handler: async (ctx) => {
        await sql`select 1`.execute(ctx.deps.db);
        return { ok: true };
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
