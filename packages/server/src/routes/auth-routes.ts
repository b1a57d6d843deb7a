import { z } from 'zod';
import { login, logout, SESSION_COOKIE } from '../auth/session-service.ts';
import { HttpError } from '../http/http-error.ts';
import { defineRoute, type RouteContext, requireUser } from '../http/route.ts';
import { layout } from '../ui/layout.ts';
import { loginForm, safeNext } from '../ui/login-form.ts';

const credentials = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

function setSessionCookie(ctx: RouteContext<unknown, unknown, unknown>, token: string, expiresAt: Date) {
  ctx.reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.deps.config.cookieSecure,
    expires: expiresAt,
  });
}

async function doLogin(ctx: RouteContext<unknown, unknown, z.infer<typeof credentials>>) {
  const now = ctx.deps.now?.() ?? new Date();
  const result = await login(
    ctx.deps.db,
    ctx.deps.config,
    { ...ctx.body, ip: ctx.request.ip, userAgent: ctx.request.headers['user-agent'] ?? null },
    now,
  );
  setSessionCookie(ctx, result.token, result.expiresAt);
  return result;
}

const userView = z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string() });

export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/auth/login',
    role: 'public',
    kind: 'api',
    tag: 'auth',
    summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token for later writes',
    body: credentials,
    response: z.object({ user: userView, csrfToken: z.string() }),
    handler: async (ctx) => {
      const { user } = await doLogin(ctx);
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
        csrfToken: user.csrfToken,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/logout',
    role: 'viewer',
    kind: 'api',
    tag: 'auth',
    summary: 'Sign out and end the session',
    handler: async (ctx) => {
      await logout(ctx.deps.db, requireUser(ctx), ctx.request.ip);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/me',
    role: 'viewer',
    kind: 'api',
    tag: 'auth',
    summary: 'The signed-in user and the CSRF token to send as x-csrf-token on writes',
    response: z.object({ user: userView, csrfToken: z.string() }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
        csrfToken: user.csrfToken,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/login',
    role: 'public',
    kind: 'page',
    tag: 'auth',
    summary: 'Sign-in page',
    query: z.object({ next: z.string().optional(), lang: z.string().optional() }),
    handler: async (ctx) => {
      if (ctx.user) return ctx.reply.redirect(safeNext(ctx.query.next), 303);
      return layout({
        title: ctx.t.signInTitle,
        t: ctx.t,
        lang: ctx.lang,
        user: null,
        body: loginForm(ctx.t, ctx.query.next),
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/login',
    role: 'public',
    kind: 'page',
    tag: 'auth',
    summary: 'Sign-in form submission',
    body: credentials.extend({ next: z.string().optional() }),
    handler: async (ctx) => {
      try {
        await doLogin(ctx);
      } catch (error) {
        if (!(error instanceof HttpError) || (error.status !== 401 && error.status !== 429)) throw error;
        const message = error.status === 429 ? ctx.t.signInRateLimited : ctx.t.signInFailed;
        ctx.reply.status(error.status);
        return layout({
          title: ctx.t.signInTitle,
          t: ctx.t,
          lang: ctx.lang,
          user: null,
          body: loginForm(ctx.t, ctx.body.next, message),
        });
      }
      return ctx.reply.redirect(safeNext(ctx.body.next), 303);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/logout',
    role: 'viewer',
    kind: 'page',
    tag: 'auth',
    summary: 'Sign-out form submission',
    handler: async (ctx) => {
      await logout(ctx.deps.db, requireUser(ctx), ctx.request.ip);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return ctx.reply.redirect('/login', 303);
    },
  }),
];
