import { defineRoute, type RouteDef } from './route.ts';

/**
 * A public, cacheable file the pages load (stylesheet, the import form's script). Served from the app's own
 * origin because the CSP allows only `'self'` for scripts and styles.
 */
export function staticAssetRoute(asset: {
  url: string;
  tag: string;
  summary: string;
  mediaType: string;
  body: string;
}): RouteDef {
  return defineRoute({
    method: 'GET',
    url: asset.url,
    role: 'public',
    kind: 'file',
    headSafe: true,
    tag: asset.tag,
    summary: asset.summary,
    handler: async (ctx) => {
      ctx.reply.header('cache-control', 'public, max-age=3600');
      return ctx.reply.type(asset.mediaType).send(asset.body);
    },
  });
}
