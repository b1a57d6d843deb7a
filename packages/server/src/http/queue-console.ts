import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { appendAudit } from '@netra/db';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../auth/roles.ts';
import { HttpError } from './http-error.ts';
import type { RouteDef, ServerDeps, SessionUser } from './route.ts';
import { guardRoute } from './route-guard.ts';

/**
 * The two mounts of the queue console (bull-board): the full one for admins, a read-only one for
 * supervisors (who already retry failed jobs on their own page). The role-matrix test walks this list.
 */
export const QUEUE_CONSOLES: readonly { path: string; role: Role; readOnly: boolean }[] = [
  { path: '/admin/queues', role: 'admin', readOnly: false },
  { path: '/queues', role: 'supervisor', readOnly: true },
];

/** Axios in bull-board's UI sends this cookie back as `X-XSRF-TOKEN` on its same-origin writes. */
const XSRF_COOKIE = 'XSRF-TOKEN';

function consoleRoute(role: Role, path: string): RouteDef {
  return {
    method: 'GET',
    url: path,
    role,
    kind: 'api',
    tag: 'queues',
    summary: 'queue console',
    handler: async () => 0,
  };
}

async function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown, path: string) {
  const status = error instanceof HttpError ? error.status : 500;
  const body =
    error instanceof HttpError ? error.toJSON() : { code: 'INTERNAL', message: 'Kesalahan internal / internal error' };
  // A browser opening the console signed out is sent to sign in and brought back.
  if (status === 401 && request.method === 'GET' && request.headers.accept?.includes('text/html'))
    return reply.redirect(`/login?next=${encodeURIComponent(path)}`, 303);
  return reply.status(status).type('application/json; charset=utf-8').send({ error: body });
}

const CONSOLE_ERRORS: Record<string, { code: string; message: string }> = {
  'ERRORS.JOB_NOT_FOUND': { code: 'QUEUE_JOB_NOT_FOUND', message: 'Tugas tidak ditemukan / job not found' },
  'ERRORS.QUEUE_NOT_FOUND': { code: 'QUEUE_NOT_FOUND', message: 'Antrean tidak ditemukan / queue not found' },
};

/** A bull-board error answer in Netra's shape; one already in it (the gate's own refusals) passes unchanged. */
export function consoleError(payload: string, status: number): { code: string; message: string; details: object } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = null;
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') {
    const known = error as { code: string; message?: unknown; details?: unknown };
    return {
      code: known.code,
      message: typeof known.message === 'string' ? known.message : known.code,
      details: (known.details as object | undefined) ?? {},
    };
  }
  const key = error && typeof error === 'object' ? (error as { key?: unknown }).key : undefined;
  const mapped = typeof key === 'string' ? CONSOLE_ERRORS[key] : undefined;
  if (mapped) return { ...mapped, details: { key } };
  return status >= 500
    ? { code: 'INTERNAL', message: 'Kesalahan internal / internal error', details: {} }
    : {
        code: 'QUEUE_CONSOLE_REFUSED',
        message: 'Permintaan konsol antrean ditolak / queue console request refused',
        details: {},
      };
}

/**
 * Mounts bull-board behind the same gate as every route: the session cookie, the role, same-origin writes
 * and the session's CSRF token (bull-board's UI sends it as `X-XSRF-TOKEN`, read from a cookie this mount
 * sets; nothing else is accepted in its place). The read-only mount refuses every write whatever the role.
 * Opening the console and every change made through it are audited: job data holds posts and handles.
 */
export async function mountQueueConsoles(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const queues = Object.values(deps.queues).filter((q): q is Queue => q instanceof Queue);
  for (const mount of QUEUE_CONSOLES) {
    const adapter = new FastifyAdapter();
    adapter.setBasePath(mount.path);
    createBullBoard({
      queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: mount.readOnly })),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: mount.readOnly ? 'Netra (baca saja / read-only)' : 'Netra' } },
    });
    const route = consoleRoute(mount.role, mount.path);
    await app.register(
      async (scope) => {
        scope.addHook('onRequest', async (request, reply) => {
          const write = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
          const xsrf = request.headers['x-xsrf-token'];
          if (write && typeof xsrf === 'string' && request.headers['x-csrf-token'] === undefined)
            request.headers['x-csrf-token'] = xsrf;
          let user: SessionUser | null;
          try {
            user = await guardRoute(route, request, deps);
            if (write && mount.readOnly)
              throw new HttpError(403, 'QUEUE_CONSOLE_READ_ONLY', 'Konsol ini hanya baca / this console is read-only');
          } catch (error) {
            return refuse(request, reply, error, mount.path);
          }
          if (!user) return refuse(request, reply, new HttpError(401, 'AUTH_REQUIRED', 'please sign in'), mount.path);
          // The UI's pages (the board and its deep links), not its API calls or static files.
          const path = request.url.split('?')[0] ?? '';
          const entry =
            request.method === 'GET' &&
            !path.startsWith(`${mount.path}/api/`) &&
            !path.startsWith(`${mount.path}/static/`);
          if (write || entry) {
            await appendAudit(deps.db, {
              actorId: user.id,
              actorUsername: user.username,
              action: write ? 'queue_console.change' : 'queue_console.open',
              entityType: 'queue_console',
              entityId: mount.path,
              after: write ? { method: request.method, url: request.url } : undefined,
              ip: request.ip,
            });
          }
          if (entry)
            reply.setCookie(XSRF_COOKIE, user.csrfToken, {
              path: mount.path,
              sameSite: 'strict',
              secure: deps.config.cookieSecure,
              httpOnly: false,
            });
        });
        // bull-board answers its own refusals as `{ "error": { "key": "ERRORS.JOB_NOT_FOUND" } }` (or a bare
        // message): another shape than every other Netra error. Rewritten here, in Indonesian with a stable code.
        scope.addHook('onSend', async (_request, reply, payload) => {
          if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
          if (!String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
          return JSON.stringify({ error: consoleError(payload, reply.statusCode) });
        });
        await scope.register(adapter.registerPlugin(), { prefix: mount.path });
      },
      { prefix: '' },
    );
  }
}
