import type { FastifyRequest } from 'fastify';
import { hasRole } from '../auth/roles.ts';
import { resolveSession, SESSION_COOKIE, tokensEqual } from '../auth/session-service.ts';
import { forbidden, HttpError, unauthenticated } from './http-error.ts';
import type { RouteDef, ServerDeps, SessionUser } from './route.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate every route passes: who is asking (session cookie), may their role do this, and for a
 * state-changing request, does it carry the session's CSRF token. Also refuses cross-origin writes outright.
 */
export async function guardRoute(
  route: RouteDef,
  request: FastifyRequest,
  deps: ServerDeps,
): Promise<SessionUser | null> {
  const unsafe = !SAFE_METHODS.has(request.method);
  if (unsafe) assertSameOrigin(request);
  const token = request.cookies[SESSION_COOKIE];
  const now = deps.now?.() ?? new Date();
  const user = token ? await resolveSession(deps.db, deps.config, token, now) : null;
  if (route.role === 'public') return user;
  if (!user) throw unauthenticated();
  if (!hasRole(user.role, route.role)) throw forbidden();
  if (unsafe) {
    const body = request.body as Record<string, unknown> | undefined;
    const sent = request.headers['x-csrf-token'] ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (typeof sent !== 'string' || !tokensEqual(sent, user.csrfToken)) {
      throw new HttpError(403, 'AUTH_CSRF_INVALID', 'Token CSRF tidak valid / invalid CSRF token');
    }
  }
  return user;
}

const originRefused = () =>
  new HttpError(403, 'AUTH_ORIGIN_REFUSED', 'Origin tidak diizinkan / cross-origin request refused');

/**
 * Refuses a state-changing request a browser says came from elsewhere. `Origin: null` (sandboxed frames,
 * data: and file: pages, cross-origin redirects) is refused too: otherwise a hostile page could sign a
 * victim into the attacker's account (login CSRF). A request without Origin (curl, scripts) still passes;
 * it carries no victim's cookies to abuse.
 */
function assertSameOrigin(request: FastifyRequest): void {
  if (request.headers['sec-fetch-site'] === 'cross-site') throw originRefused();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw originRefused();
  }
  if (origin === 'null' || originHost === '' || originHost !== request.headers.host) throw originRefused();
}
