import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { assertJsonBounds, isNetraError } from '@netra/core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { catalogue } from '../i18n/messages.ts';
import { errorPage } from '../ui/error-page.ts';
import { statusOf } from './domain-error-status.ts';
import { fromFrameworkError, ROUTER_MAX_PARAM_LENGTH } from './framework-errors.ts';
import { HttpError } from './http-error.ts';
import { API_HTTP_LIMITS, fastifyHttpOptions } from './http-limits.ts';
import { parseInput } from './parse-input.ts';
import { mountQueueConsoles } from './queue-console.ts';
import type { RouteDef, ServerDeps } from './route.ts';
import { guardRoute } from './route-guard.ts';
import { returnPathAfterSignIn } from './safe-redirect.ts';
import { fastifyTrustProxy } from './trust-proxy.ts';

const LANG_COOKIE = 'netra_lang';

/**
 * The body limit of every route that does not declare its own: enough for any form or JSON write, small
 * enough that an anonymous request (sign-in) cannot make the server buffer megabytes. Upload routes raise it.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** JSON request bodies: no deeper than this, checked before parsing (hostile nesting overflows validators). */
const JSON_BODY_MAX_DEPTH = 32;

// Post text comes from strangers: no inline script or style anywhere, so injected markup could not run.
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // `same-origin`, not `no-referrer`: with no-referrer Chromium sends `Origin: null` on our own form posts,
  // which the login-CSRF check must refuse. Other sites still get no referrer (case URLs never leak).
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

function pickLang(request: FastifyRequest, reply: FastifyReply): 'id' | 'en' {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'id' || asked === 'en') {
    reply.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86400 });
    return asked;
  }
  // Optional: on router errors (bad URL encoding, a too-long path segment) the cookie plugin has not run yet.
  return request.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'id';
}

/**
 * The HTTP server: every route goes through the same guard (session, role, CSRF), the same input
 * validation and the same error shape. Routes are plain data (`RouteDef`), so tests can enumerate them.
 */
export async function buildServer(deps: ServerDeps, routes: readonly RouteDef[]): Promise<FastifyInstance> {
  const limits = { ...API_HTTP_LIMITS, ...deps.config.http };
  const app: FastifyInstance = Fastify({
    ...fastifyHttpOptions(limits),
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Only behind a known reverse proxy may X-Forwarded-For decide the client address (login rate limits use it).
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: DEFAULT_BODY_LIMIT,
    routerOptions: { maxParamLength: ROUTER_MAX_PARAM_LENGTH },
    // The router's own refusals (a path segment that is not valid percent-encoding, or longer than the router's
    // parameter limit) otherwise leave as Fastify's bare JSON — another shape, and without the security headers.
    frameworkErrors: (error, request, reply) => {
      const lang = pickLang(request, reply);
      const known = fromFrameworkError(error, DEFAULT_BODY_LIMIT);
      const kind = request.url.startsWith('/api/') ? 'api' : 'page';
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      reply.header('cache-control', 'no-store');
      return sendError(kind, request, reply, known ?? error, { t: catalogue[lang], lang, user: null, deps });
    },
  }) as unknown as FastifyInstance;
  // Connections past the cap are closed as they arrive (Fastify has no option for it).
  app.server.maxConnections = limits.maxConnections;
  await app.register(cookie);
  await app.register(formbody);
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      assertJsonBounds(body as string, { maxDepth: JSON_BODY_MAX_DEPTH, maxLength: Number.MAX_SAFE_INTEGER }, 'body');
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  // Errors Fastify raises before a handler runs (body too large, malformed JSON, unsupported media type)
  // leave in the same shape as every other refusal: JSON for API routes, the error page for pages.
  app.setErrorHandler(async (error, request, reply) => {
    const route = (request.routeOptions.config as { netraRoute?: RouteDef } | undefined)?.netraRoute;
    const lang = pickLang(request, reply);
    const known = fromFrameworkError(error, request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT);
    const kind = route?.kind ?? (request.url.startsWith('/api/') ? 'api' : 'page');
    if (known && known.status === 413) reply.header('connection', 'close');
    return sendError(kind, request, reply, known ?? error, { t: catalogue[lang], lang, user: null, deps });
  });
  // A route that set its own header (the evidence route's sandbox CSP) keeps it: defaults fill only the gaps.
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.setNotFoundHandler(async (request, reply) => {
    const lang = pickLang(request, reply);
    const error = new HttpError(404, 'NOT_FOUND', 'tidak ditemukan / not found');
    if (request.url.startsWith('/api/')) return reply.status(404).send({ error: error.toJSON() });
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(errorPage(error, catalogue[lang], lang, null, request.url));
  });
  for (const route of routes) {
    if (route.method === 'GET' && !route.headSafe) refuseHead(app, route, deps);
    app.route({
      method: route.method,
      url: route.url,
      exposeHeadRoute: route.method === 'GET' && route.headSafe === true,
      bodyLimit: route.bodyLimit ?? DEFAULT_BODY_LIMIT,
      config: { netraRoute: route },
      handler: async (request, reply) => {
        const lang = pickLang(request, reply);
        const t = catalogue[lang];
        let user = null;
        try {
          user = await guardRoute(route, request, deps);
          const params = parseInput(route.params, request.params, 'params');
          const query = parseInput(route.query, request.query, 'query');
          const body = parseInput(route.body, request.body, 'body');
          const result = await route.handler({ request, reply, params, query, body, user, deps, t, lang });
          if (reply.sent) return reply;
          if (route.kind === 'page' && typeof result === 'string')
            return reply.type('text/html; charset=utf-8').send(result);
          return reply.send(result);
        } catch (error) {
          return sendError(route.kind, request, reply, error, { t, lang, user, deps });
        }
      },
    });
  }
  await mountQueueConsoles(app, deps);
  return app;
}

/**
 * HEAD on a GET route whose handler has a side effect (an access-log entry, an audited export, a PDF render):
 * Fastify's automatic HEAD would run the handler and drop the body, so a request that shows nothing would
 * render the dossier and log a download. The route's guard still runs first — a HEAD without a session or
 * role gets the same 401/403 as the GET, so HEAD says nothing about a route's existence to an outsider —
 * and a request the guard lets through is refused with 405 and `Allow: GET`, without touching the handler.
 */
function refuseHead(app: FastifyInstance, route: RouteDef, deps: ServerDeps) {
  app.route({
    method: 'HEAD',
    url: route.url,
    config: { netraRoute: route },
    handler: async (request, reply) => {
      const lang = pickLang(request, reply);
      try {
        await guardRoute(route, request, deps);
      } catch (error) {
        return sendError(route.kind, request, reply, error, { t: catalogue[lang], lang, user: null, deps });
      }
      return reply.status(405).header('allow', 'GET').send();
    },
  });
}

const isFormPost = (request: FastifyRequest) => request.method !== 'GET' && request.method !== 'HEAD';

function sendError(
  kind: RouteDef['kind'],
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  ctx: {
    t: (typeof catalogue)['id'];
    lang: 'id' | 'en';
    user: import('./route.ts').SessionUser | null;
    deps: ServerDeps;
  },
) {
  const status = statusOf(error);
  // A 503 Netra chose (a render queue full) is load, not a failure: no error line per refused request.
  const chosenBusy = status === 503 && error instanceof HttpError;
  if (status >= 500 && !chosenBusy) ctx.deps.logger.error({ err: error, url: request.url }, 'request failed');
  const body = isNetraError(error)
    ? error.toJSON()
    : { code: 'INTERNAL', message: 'Kesalahan internal / internal error', details: {} };
  if ((status === 429 || chosenBusy) && isNetraError(error) && typeof error.details.retryAfterSeconds === 'number') {
    reply.header('retry-after', String(error.details.retryAfterSeconds));
  }
  if (kind === 'api' || kind === 'file')
    return reply.status(status).type('application/json; charset=utf-8').send({ error: body });
  const httpError = error instanceof HttpError ? error : new HttpError(status, body.code, body.message, body.details);
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(errorPage(httpError, ctx.t, ctx.lang, ctx.user, returnPathAfterSignIn(request), isFormPost(request)));
}
